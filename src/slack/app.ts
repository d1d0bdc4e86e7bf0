// The Bolt app: HTTP (one request URL, /slack/events, served by the front door on its own
// thread) or Socket Mode, plus GET /healthz.
import { App, SocketModeReceiver, type AnyMiddlewareArgs, type CustomRoute, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger.js';
import { FrontDoorReceiver } from './front-door/receiver.js';

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
  /** HTTP mode: the front door stopped answering Slack on its own (its thread failed). */
  onUnreachable?: (error: Error) => void;
}

export interface SlackApp {
  app: App;
  /** Starts listening; returns the bound port (useful when asked for port 0). */
  start(): Promise<number>;
  /** Stops listening, after finishing the requests already acknowledged. */
  stop(): Promise<void>;
  /** Resolves once every request acknowledged so far has been handled (HTTP mode; Socket Mode handles before it acknowledges). */
  requestsHandled(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = boltLogger(options.logger);
  const receiver = createReceiver(options, logger);
  const app = new App({
    token: options.botToken,
    receiver,
    logger,
    // Bolt's default conversation store is unused here, yet looks every event up (and builds an Error for each miss).
    convoStore: false,
    ...(options.apiUrl ? { clientOptions: { slackApiUrl: options.apiUrl } } : {}),
  });
  app.use(acknowledgeWhatNobodyHandled);
  app.error(async (error) => {
    options.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  if (receiver instanceof FrontDoorReceiver) {
    return { app, start: () => receiver.start(), stop: () => receiver.stop(), requestsHandled: () => receiver.handled() };
  }
  return {
    app,
    start: async () => {
      await app.start(options.port);
      return options.port;
    },
    stop: async () => {
      await app.stop();
    },
    requestsHandled: async () => undefined,
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

function createReceiver(options: SlackAppOptions, logger: ReturnType<typeof boltLogger>): Receiver {
  if (options.appToken) {
    return new SocketModeReceiver({ appToken: options.appToken, logger, customRoutes: [healthRoute(options.isHealthy)], installerOptions: { port: options.port } });
  }
  return new FrontDoorReceiver({
    port: options.port,
    signingSecret: options.signingSecret ?? '',
    eventsPath: EVENTS_PATH,
    healthPath: HEALTH_PATH,
    logger: options.logger,
    isHealthy: options.isHealthy,
    ...(options.onUnreachable ? { onFailure: options.onUnreachable } : {}),
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
