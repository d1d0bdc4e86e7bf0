// The bot's side of the front door (server.ts): a Bolt receiver that starts the front door's
// thread and feeds the requests it hands over to the app, with an `ack` that answers a held
// request or, for one the front door acknowledged already, does nothing.
import { Worker } from 'node:worker_threads';
import { ReceiverMultipleAckError, type App, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { FINISHED, HANDED_OVER, type AckResponse, type BotMessage, type FrontDoorMessage, type FrontDoorSettings } from './messages.js';

export interface FrontDoorOptions extends Omit<FrontDoorSettings, 'counters'> {
  logger: Logger;
  isHealthy: () => Promise<boolean>;
  /** Called once if the front door's thread ends on its own: Slack can no longer reach the bot. */
  onFailure?: (error: Error) => void;
}

type HandedOver = Extract<FrontDoorMessage, { kind: 'request' }>;

export class FrontDoorReceiver implements Receiver {
  private app: App | undefined;
  private thread: Worker | undefined;
  /** Resolves when the thread has ended, whether stopped or not. */
  private ended: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly counters = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));

  constructor(
    private readonly options: FrontDoorOptions,
    private readonly startFrontDoor: (settings: FrontDoorSettings) => Worker = startFrontDoorThread,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  /** Starts the front door's thread; resolves with the port it listens on. */
  async start(): Promise<number> {
    const { port, signingSecret, eventsPath, healthPath } = this.options;
    const thread = this.startFrontDoor({ port, signingSecret, eventsPath, healthPath, counters: this.counters.buffer as SharedArrayBuffer });
    this.thread = thread;
    const boundPort = await listening(thread);
    thread.on('message', (message: FrontDoorMessage) => this.receive(message));
    let failure: Error | undefined;
    thread.on('error', (error) => (failure = error));
    this.ended = new Promise((resolve) =>
      thread.once('exit', (code) => {
        if (this.thread === thread) this.thread = undefined;
        if (!this.stopping) this.failed(failure ?? new Error(`the front door's thread ended (exit code ${code})`));
        resolve();
      }),
    );
    return boundPort;
  }

  /** Stops taking requests, then finishes those Slack was told were taken. */
  async stop(): Promise<void> {
    this.stopping = true;
    const thread = this.thread;
    if (thread) {
      const stopped = new Promise((resolve) => thread.on('message', (message: FrontDoorMessage) => message.kind === 'stopped' && resolve(undefined)));
      thread.postMessage({ kind: 'stop' } satisfies BotMessage);
      await Promise.race([stopped, this.ended]);
      this.thread = undefined;
    }
    await this.handled();
    await this.ended;
  }

  private failed(error: Error): void {
    this.options.logger.fatal({ err: error }, 'the front door failed; Slack requests are not answered');
    this.options.onFailure?.(error);
  }

  /** Resolves once every request handed over so far has been handled. */
  async handled(): Promise<void> {
    const handedOver = Atomics.load(this.counters, HANDED_OVER);
    while (Atomics.load(this.counters, FINISHED) < handedOver) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private receive(message: FrontDoorMessage): void {
    if (message.kind === 'request') void this.dispatch(message);
    if (message.kind === 'health') {
      const { id } = message;
      void this.options
        .isHealthy()
        .catch(() => false)
        .then((healthy) => this.reply({ kind: 'health', id, healthy }));
    }
  }

  private async dispatch({ id, body, retryNum, retryReason }: HandedOver): Promise<void> {
    const acknowledgement = id === undefined ? this.acknowledgedAlready() : this.held(id);
    try {
      await this.app?.processEvent({ body, ack: acknowledgement.ack, ...(retryNum === undefined ? {} : { retryNum }), ...(retryReason === undefined ? {} : { retryReason }) });
    } catch (error) {
      this.options.logger.error({ err: error }, 'a Slack request failed');
      acknowledgement.fail();
    } finally {
      Atomics.add(this.counters, FINISHED, 1);
    }
  }

  /** A form or option list: the front door waits for this answer. */
  private held(id: number) {
    let answered = false;
    const answer = (response: AckResponse) => {
      if (answered) throw new ReceiverMultipleAckError();
      answered = true;
      this.reply({ kind: 'acknowledged', id, response });
    };
    return {
      ack: async (body?: unknown) => answer({ status: 200, ...(body === undefined ? {} : { body }) }),
      fail: () => {
        if (!answered) answer({ status: 500 });
      },
    };
  }

  /** A command, click or event: Slack has had its answer; anything said here would be lost. */
  private acknowledgedAlready() {
    return {
      ack: async (body?: unknown) => {
        if (body !== undefined && body !== '') this.options.logger.error({ body }, 'an acknowledgement with content for a request answered at once: use respond()');
      },
      fail: () => undefined,
    };
  }

  private reply(message: BotMessage): void {
    this.thread?.postMessage(message);
  }
}

/** Resolves with the port once the front door listens; rejects if it cannot. */
function listening(thread: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FrontDoorMessage) => {
      if (message.kind !== 'listening' && message.kind !== 'failed') return;
      thread.off('message', onMessage);
      thread.off('error', reject);
      if (message.kind === 'listening') return resolve(message.port);
      void thread.terminate();
      reject(new Error(`the HTTP server could not start: ${message.message}`));
    };
    thread.on('message', onMessage);
    thread.once('error', reject);
  });
}

/**
 * Built (dist/), the thread runs server.js. From source (tests, the playground under tsx), it
 * needs the TypeScript loader registered in the thread first.
 */
export function startFrontDoorThread(settings: FrontDoorSettings): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./server.js', import.meta.url), { workerData: settings });
  const entry = JSON.stringify(new URL('./server.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); })`, { eval: true, workerData: settings });
}
