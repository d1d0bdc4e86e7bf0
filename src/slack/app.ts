// The Bolt app: HTTP (one request URL, /slack/events) or Socket Mode, plus GET /healthz.
import type { Server } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, type CustomRoute, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger.js';

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
  app.error(async (error) => {
    options.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return {
    app,
    start: async () => {
      const server = (await app.start(options.port)) as unknown;
      return boundPort(server, options.port);
    },
    stop: async () => {
      await app.stop();
    },
  };
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

// HTTPReceiver.start resolves with the http.Server; Socket Mode's answer has no port of its own.
function boundPort(server: unknown, requested: number): number {
  const address = (server as Server | undefined)?.address?.();
  return address && typeof address === 'object' ? address.port : requested;
}
