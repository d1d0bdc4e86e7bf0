/**
 * A fake Slack Web API served over real HTTP: the tests' and the playground's Slack.
 *
 * Point Bolt / WebClient at it with `slackApiUrl: fake.apiUrl`. Every request is
 * recorded (in arrival order) and answered the way Slack would answer it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerApi, FakeState, type FakeUser, type PermalinkOf, type Reply } from './answers.js';
import { blockKitViolations } from './block-kit-limits.js';
import { bearerToken, parseBody, parseForm, readBody, type Args } from './http-bodies.js';

export type { FakeUser } from './answers.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** Set when the call was answered with an injected failure. */
  failed?: boolean;
  /** What the fake answered (for a post: the channel and ts where the message landed). */
  answer?: Record<string, unknown>;
}

export type SlackFailure =
  | { status: 500 | 502 | 503 }
  | { status: 429; retryAfterSeconds: number }
  | { error: string };

export interface FakeSlack {
  /** Base URL for `slackApiUrl`, ending in `/api/`. */
  readonly apiUrl: string;
  readonly calls: SlackCall[];
  /** Every breach of Slack's Block Kit limits seen so far (such calls were answered invalid_blocks). */
  readonly violations: string[];
  callsTo(method: string): SlackCall[];
  lastCall(method: string): SlackCall | undefined;
  waitForCall(method: string, predicate?: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  clear(): void;
  setUser(id: string, user: FakeUser): void;
  setUsergroup(id: string, users: string[]): void;
  failNext(method: string, count: number, failure: SlackFailure): void;
  /** The next `count` calls of `method` are answered only after `ms` (a slow Slack). */
  slowNext(method: string, count: number, ms: number): void;
  /** URL that records POSTs as `response_url` calls; a fresh id is generated when omitted. */
  responseUrl(id?: string): string;
  /** Calls `listener` with every call answered ok, after it is recorded; returns the unsubscribe. */
  onCall(listener: (call: SlackCall) => void): () => void;
  /** A new message timestamp from the same sequence as posted messages (for messages people write). */
  nextTs(): string;
  close(): Promise<void>;
}

export interface FakeSlackOptions {
  /** 0 (any free port) by default. */
  port?: number;
  /** What chat.getPermalink answers; a fixed Slack-shaped link by default. */
  permalinkOf?: PermalinkOf;
}

const POLL_INTERVAL_MS = 10;

function failureReply(failure: SlackFailure): Reply {
  if ('error' in failure) return { status: 200, body: { ok: false, error: failure.error } };
  if (failure.status === 429) {
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'Retry-After': String(failure.retryAfterSeconds) },
    };
  }
  return { status: failure.status, body: { ok: false, error: 'internal_error' } };
}

function sendReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

interface Route {
  method: string;
  query: Args;
  /** Fields derived from the path, added on top of the body. */
  fromPath: Args;
}

/** Routes: /api/<method>, /response/<id>, /upload/<fileId> (recorded as `file_upload`, the file's bytes a Buffer in `body`). */
function routeOf(url: string): Route | undefined {
  const { pathname, searchParams } = new URL(url, 'http://fake');
  const query = parseForm(searchParams.toString());
  const [, prefix, rest] = /^\/(api|response|upload)\/(.+)$/.exec(pathname) ?? [];
  if (!rest) return undefined;
  const name = decodeURIComponent(rest);
  if (prefix === 'response') return { method: 'response_url', query, fromPath: { responseUrlId: name } };
  if (prefix === 'upload') return { method: 'file_upload', query, fromPath: { fileId: name } };
  return { method: name, query, fromPath: {} };
}

class FakeSlackServer implements FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly violations: string[] = [];
  private readonly failures = new Map<string, SlackFailure[]>();
  private readonly delays = new Map<string, number[]>();
  private responseCounter = 0;
  private readonly state: FakeState;
  private readonly listeners = new Set<(call: SlackCall) => void>();

  constructor(
    private readonly server: Server,
    private readonly baseUrl: string,
    permalinkOf?: PermalinkOf,
  ) {
    this.state = new FakeState(baseUrl, permalinkOf);
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  lastCall(method: string): SlackCall | undefined {
    return this.callsTo(method).at(-1);
  }

  async waitForCall(
    method: string,
    predicate: (call: SlackCall) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<SlackCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find((call) => call.method === method && predicate(call));
      if (found) return found;
      if (Date.now() >= deadline) throw new Error(this.describeTimeout(method, timeoutMs));
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  /** Forgets recorded calls (pending failNext failures are kept). */
  clear(): void {
    this.calls.length = 0;
  }

  setUser(id: string, user: FakeUser): void {
    this.state.setUser(id, user);
  }

  setUsergroup(id: string, users: string[]): void {
    this.state.setUsergroup(id, users);
  }

  failNext(method: string, count: number, failure: SlackFailure): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i += 1) queue.push(failure);
    this.failures.set(method, queue);
  }

  slowNext(method: string, count: number, ms: number): void {
    this.delays.set(method, [...(this.delays.get(method) ?? []), ...Array<number>(count).fill(ms)]);
  }

  responseUrl(id?: string): string {
    this.responseCounter += 1;
    return `${this.baseUrl}/response/${encodeURIComponent(id ?? `r${this.responseCounter}`)}`;
  }

  onCall(listener: (call: SlackCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  nextTs(): string {
    return this.state.nextTs();
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = routeOf(req.url ?? '/');
    if (!route) return sendReply(res, { status: 404, body: { ok: false, error: 'not_found' } });
    const raw = await readBody(req);
    const args = { ...route.query, ...(await parseBody(raw, req.headers['content-type'] ?? '')), ...route.fromPath };
    const token = bearerToken(req);
    if (token !== undefined && args.token === undefined) args.token = token;
    const delay = this.delays.get(route.method)?.shift();
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    sendReply(res, this.record(route.method, args));
  }

  private record(method: string, args: Args): Reply {
    const violations = blockKitViolations(method, args);
    if (violations.length > 0) {
      this.violations.push(...violations);
      this.calls.push({ method, args, at: Date.now(), failed: true });
      return { status: 200, body: { ok: false, error: 'invalid_blocks', errors: violations } };
    }
    const failure = this.failures.get(method)?.shift();
    const call: SlackCall = { method, args, at: Date.now() };
    if (failure) {
      this.calls.push({ ...call, failed: true });
      return failureReply(failure);
    }
    const reply = method === 'response_url' || method === 'file_upload' ? { status: 200, body: { ok: true } } : answerApi(method, args, this.state);
    const answered = { ...call, answer: reply.body };
    this.calls.push(answered);
    if (reply.body.ok === true) for (const listener of this.listeners) listener(answered);
    return reply;
  }

  private describeTimeout(method: string, timeoutMs: number): string {
    const received = this.calls.map((call) => call.method);
    const list = received.length > 0 ? received.join(', ') : '(none)';
    return `waitForCall('${method}') timed out after ${timeoutMs}ms; received so far: ${list}`;
  }
}

function listen(server: Server, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('fake Slack: no TCP address'));
      else resolve(address);
    });
  });
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const server = createServer();
  const address = await listen(server, options.port ?? 0);
  const fake = new FakeSlackServer(server, `http://127.0.0.1:${address.port}`, options.permalinkOf);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    fake.handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendReply(res, { status: 400, body: { ok: false, error: 'invalid_request', message } });
    });
  });
  return fake;
}
