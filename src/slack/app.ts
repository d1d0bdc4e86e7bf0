// The Bolt app: HTTP (one request URL, /slack/events) or Socket Mode, plus GET /healthz.
import type { Server } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, type AnyMiddlewareArgs, type CustomRoute, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger.js';
import { serveSlack } from './http-server.js';

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

export interface SlackAppOptions {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  /** HTTP port: Slack's requests in HTTP mode; only /healthz in Socket Mode. */
  port: number;
  logger: Logger;
  isHealthy: () => Promise<boolean>;
}

export interface SlackApp {
  app: App;
  /** Starts listening; returns the bound port (useful when asked for port 0). */
  start(): Promise<number>;
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = boltLogger(options.logger);
  const receiver = createReceiver(options, logger, [healthRoute(options.isHealthy)]);
  const app = new App({
    token: options.botToken,
    receiver,
    logger,
    ...(options.apiUrl ? { clientOptions: { slackApiUrl: options.apiUrl } } : {}),
  });
  app.use(acknowledgeWhatNobodyHandled);
  app.error(async (error) => {
    options.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  if (receiver instanceof HTTPReceiver) return httpSlackApp(app, receiver, options.port);
  return {
    app,
    start: async () => {
      await app.start(options.port);
      return options.port;
    },
    stop: async () => {
      await app.stop();
    },
  };
}

/** HTTP mode: our server (src/slack/http-server.ts) in front of Bolt's request listener. */
function httpSlackApp(app: App, receiver: HTTPReceiver, port: number): SlackApp {
  const server = serveSlack(receiver, EVENTS_PATH);
  return {
    app,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolve(boundPort(server, port)));
      }),
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Runs after the listeners (Bolt resolves `next` once they are done): a button, form or shortcut
 * that no listener took (an old message's button, a stray payload) is acknowledged at once
 * instead of leaving Slack waiting three seconds for nothing.
 */
async function acknowledgeWhatNobodyHandled({ next, ack }: AnyMiddlewareArgs & { next: () => Promise<void>; ack?: () => Promise<void> }): Promise<void> {
  await next();
  await ack?.().catch(() => undefined);
}

function createReceiver(options: SlackAppOptions, logger: ReturnType<typeof boltLogger>, customRoutes: CustomRoute[]): Receiver {
  if (options.appToken) {
    return new SocketModeReceiver({ appToken: options.appToken, logger, customRoutes, installerOptions: { port: options.port } });
  }
  return new HTTPReceiver({
    signingSecret: options.signingSecret ?? '',
    endpoints: EVENTS_PATH,
    customRoutes,
    logger,
    processBeforeResponse: false,
  });
}

function healthRoute(isHealthy: () => Promise<boolean>): CustomRoute {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_request, response) => {
      void isHealthy().then((healthy) => {
        response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: healthy ? 'ok' : 'database unavailable' }));
      });
    },
  };
}

function boundPort(server: Server, requested: number): number {
  const address = server.address();
  return address && typeof address === 'object' ? address.port : requested;
}
