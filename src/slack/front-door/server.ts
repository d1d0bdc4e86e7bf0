// The front door, on its own thread: the HTTP server Slack talks to. It checks each request's
// signature and acknowledges commands, clicks and events at once, then hands them to the bot's
// thread. So Slack's three seconds never wait behind the bot's database work, however busy it is.
// Forms and option lists are held until the bot answers, because their answer is the acknowledgement.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import getRawBody from 'raw-body';
import { HANDED_OVER, type AckResponse, type BotMessage, type FrontDoorMessage, type FrontDoorSettings } from './messages.js';
import { answeredInAcknowledgement, isSignedBySlack, parseSlackBody } from './requests.js';

const BODY_LIMIT = 4 * 1024 * 1024;
/** Slack gives up after 3 s; a held request the bot has not answered by then is closed. */
const HELD_REQUEST_TIMEOUT_MS = 3_500;

const settings = workerData as FrontDoorSettings;
const counters = new Int32Array(settings.counters);
const bot = botPort();

const held = new Map<number, (response: AckResponse) => void>();
let nextId = 1;

function botPort(): MessagePort {
  if (!parentPort) throw new Error('the front door runs in a worker thread');
  return parentPort;
}

function tellBot(message: FrontDoorMessage): void {
  // Counted before Slack hears back, so whoever saw the acknowledgement also sees the count.
  if (message.kind === 'request') Atomics.add(counters, HANDED_OVER, 1);
  bot.postMessage(message);
}

/** Sends `message` with a fresh id to the bot and resolves with its answer, or `fallback` after the timeout. */
function askBot<T>(message: (id: number) => FrontDoorMessage, fallback: T, answer: (response: AckResponse) => T): Promise<T> {
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      held.delete(id);
      resolve(fallback);
    }, HELD_REQUEST_TIMEOUT_MS);
    held.set(id, (response) => {
      clearTimeout(timer);
      held.delete(id);
      resolve(answer(response));
    });
    tellBot(message(id));
  });
}

bot.on('message', (message: BotMessage) => {
  switch (message.kind) {
    case 'acknowledged':
      held.get(message.id)?.(message.response);
      break;
    case 'health':
      held.get(message.id)?.({ status: message.healthy ? 200 : 503 });
      break;
    case 'stop':
      server.close(() => {
        tellBot({ kind: 'stopped' });
        bot.close();
      });
      server.closeAllConnections();
      break;
  }
});

const server = createServer((request, response) => {
  handle(request, response).catch(() => send(response, { status: 500 }));
});

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = request.url?.split('?')[0];
  if (request.method === 'GET' && path === settings.healthPath) return health(response);
  if (request.method !== 'POST' || path !== settings.eventsPath) return send(response, { status: 404 });
  const rawBody = await getRawBody(request, { limit: BODY_LIMIT, encoding: 'utf8' }).catch(() => null);
  if (rawBody === null) return send(response, { status: 413 });
  if (!isSignedBySlack(settings.signingSecret, rawBody, request.headers)) return send(response, { status: 401 });
  const body = parseSlackBody(rawBody, request.headers['content-type']);
  if (!body) return send(response, { status: 400 });
  if (body.ssl_check !== undefined) return send(response, { status: 200 });
  if (body.type === 'url_verification') return send(response, { status: 200, body: { challenge: body.challenge } });
  const retry = retryOf(request);
  if (!answeredInAcknowledgement(body)) {
    tellBot({ kind: 'request', body, ...retry });
    send(response, { status: 200 });
    return;
  }
  send(response, await askBot((id) => ({ kind: 'request', id, body, ...retry }), { status: 500 }, (answer) => answer));
}

async function health(response: ServerResponse): Promise<void> {
  const status = await askBot((id) => ({ kind: 'health', id }), 503, (answer) => answer.status);
  send(response, { status, body: { status: status === 200 ? 'ok' : 'database unavailable' } });
}

function retryOf(request: IncomingMessage): Pick<Extract<FrontDoorMessage, { kind: 'request' }>, 'retryNum' | 'retryReason'> {
  const retryNum = Number(request.headers['x-slack-retry-num']);
  const retryReason = request.headers['x-slack-retry-reason'];
  return { ...(Number.isInteger(retryNum) ? { retryNum } : {}), ...(typeof retryReason === 'string' ? { retryReason } : {}) };
}

function send(response: ServerResponse, { status, body }: AckResponse): void {
  if (response.headersSent) return;
  if (body === undefined) {
    response.writeHead(status).end();
  } else if (typeof body === 'string') {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  } else {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

server.once('error', (error) => tellBot({ kind: 'failed', message: error.message }));
server.listen(settings.port, () => {
  const address = server.address();
  tellBot({ kind: 'listening', port: address && typeof address === 'object' ? address.port : settings.port });
});
