// Delivers the outbox to Slack. Every message was committed with the state change it reports; this
// worker sends it, remembers where cards landed (for chat.update and threads), retries what can be
// retried and moves the rest to the dead-letter status.
import type { HomeView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import type { Database, OutboxHandOff } from '../db/database.js';
import {
  claimDueMessages,
  findMessageRef,
  markDead,
  markDelivered,
  postpone,
  saveMessageRef,
  scheduleRetry,
  type ClaimedMessage,
} from '../db/repositories/outbox.js';
import { outboxPayloadSchema, type OutboxFile, type OutboxPayload } from '../outbox/messages.js';
import type { Clock } from '../clock.js';
import { ChannelPacer, type PacerOptions } from './channel-pacer.js';
import { ensureChannel, inviteToChannel } from './channels.js';
import { backoffMs, classifyDeliveryError, ResponseUrlError, UndeliverableError } from './delivery-errors.js';

/** How long a claimed message stays with the worker that claimed it (OUTBOX_LEASE_SECONDS). */
export const DELIVERY_LEASE_MS = 60_000;

/**
 * Every Slack call gives up well before the lease ends, so a slow call cannot let a second worker
 * send the same message again.
 */
export function slackCallTimeoutMs(leaseMs: number): number {
  return Math.min(15_000, Math.floor(leaseMs / 2));
}

/** Slack calls in flight at once per worker: enough to keep one slow call from holding the rest up. */
const DELIVERY_LANES = 4;

function lanesOf<T>(items: readonly T[], count: number): T[][] {
  const lanes: T[][] = Array.from({ length: Math.min(count, items.length) }, () => []);
  items.forEach((item, index) => lanes[index % lanes.length]!.push(item));
  return lanes;
}

export interface OutboxWorkerOptions {
  db: Database;
  client: WebClient;
  clock: Clock;
  logger: Logger;
  maxAttempts?: number;
  pollIntervalMs?: number;
  leaseMs?: number;
  batchSize?: number;
  /** How many messages of a batch are sent side by side. */
  lanes?: number;
  /** Per-channel rate for new messages (Slack's documented pace by default). */
  pace?: PacerOptions;
  /** Renders a user's App Home as it stands now (publish_home messages). */
  homeView?: (userId: string) => Promise<HomeView>;
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private wakeRequested = false;
  private stopped = true;
  /** Set by stop(): the delivery pass ends after its current batch instead of draining the queue. */
  private stopping = false;
  private readonly pacer: ChannelPacer;
  /** Deliveries of messages handed over at a commit, until they are done. */
  private readonly handedOver = new Set<Promise<void>>();
  /** Commits whose messages are being delivered at once, as many as a pass has lanes; the others wait their turn. */
  private readonly handOverLanes: LimitFunction;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.pacer = new ChannelPacer(options.pace);
    this.handOverLanes = pLimit(options.lanes ?? DELIVERY_LANES);
  }

  /** Starts delivering: what each transaction enqueues from now on is handed over at its commit, the rest polled for. */
  start(): void {
    this.stopped = false;
    this.stopping = false;
    this.options.db.receiveOutbox({ leaseMs: this.leaseMs, committed: (handOff) => this.takeOver(handOff) });
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    this.options.db.receiveOutbox(undefined);
    clearTimeout(this.timer);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.handedOverDelivered();
  }

  /** Called when messages became due other than by a commit that handed them over (dead letters sent again). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.wakeRequested = true;
    else this.runSoon();
  }

  /** Delivers everything due now, after what was handed over; returns how many messages were handled. */
  async deliverDue(): Promise<number> {
    await this.handedOverDelivered();
    const { db, clock } = this.options;
    let handled = 0;
    while (!this.stopping) {
      const lease = { now: new Date(), ms: this.leaseMs };
      const batch = await claimDueMessages(db.prisma, clock.now(), lease, this.options.batchSize ?? 20);
      if (batch.length === 0) return handled;
      await this.deliverBatch(batch, lease.now.getTime() + this.leaseMs);
      handled += batch.length;
    }
    return handled;
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? DELIVERY_LEASE_MS;
  }

  /** A batch holds one message per ordering key, so its lanes cannot reorder a record's messages. */
  private async deliverBatch(batch: readonly ClaimedMessage[], leaseUntil: number): Promise<void> {
    const sendBy = leaseUntil - slackCallTimeoutMs(this.leaseMs);
    await Promise.all(lanesOf(batch, this.options.lanes ?? DELIVERY_LANES).map((lane) => this.deliverLane(lane, sendBy)));
  }

  /**
   * A transaction committed with messages claimed for this worker: they go out now. Those it left
   * waiting behind others about the same record are claimed by a pass that starts once the
   * deliveries handed over have ended (deliverDue waits for them).
   */
  private takeOver({ claimed, leaseUntil, waiting }: OutboxHandOff): void {
    // Stopped meanwhile: the claims run out, and another instance (or this one restarted) sends them.
    if (this.stopped) return;
    if (claimed.length === 0) {
      this.wake();
      return;
    }
    const delivery = this.handOverLanes(() => this.deliverBatch(claimed, leaseUntil.getTime()))
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'outbox delivery of a commit failed'))
      .finally(() => {
        this.handedOver.delete(delivery);
        if (waiting) this.wake();
      });
    this.handedOver.add(delivery);
  }

  private async handedOverDelivered(): Promise<void> {
    while (this.handedOver.size > 0) await Promise.all(this.handedOver);
  }

  /**
   * Sends a lane's messages one after the other. One whose lease could run out during its Slack call
   * (the calls before it were slow) is given back untouched, so no other worker can send it too.
   */
  private async deliverLane(lane: readonly ClaimedMessage[], sendBy: number): Promise<void> {
    for (const message of lane) {
      if (Date.now() > sendBy) await postpone(this.options.db.prisma, message.id, this.options.clock.now());
      else await this.deliverOne(message);
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  /** Right after the caller's turn of the event loop: a timer of 0 waits a millisecond at least. */
  private runSoon(): void {
    clearTimeout(this.timer);
    setImmediate(() => void this.tick());
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      do {
        this.wakeRequested = false;
        await this.deliverDue();
      } while (this.wakeRequested && !this.stopped);
    } catch (error) {
      this.options.logger.error({ err: error }, 'outbox delivery pass failed');
    } finally {
      this.running = false;
      if (!this.stopped) this.schedule(this.options.pollIntervalMs ?? 1000);
    }
  }

  private async deliverOne(message: ClaimedMessage): Promise<void> {
    const { db, clock, logger } = this.options;
    const parsed = outboxPayloadSchema.safeParse(message.payload);
    if (!parsed.success) {
      await markDead(db.prisma, message.id, `invalid payload: ${parsed.error.message}`);
      return;
    }
    const wait = await this.paceFor(parsed.data);
    if (wait > 0) {
      await postpone(db.prisma, message.id, new Date(clock.now().getTime() + wait));
      return;
    }
    try {
      await this.send(parsed.data);
      await markDelivered(db.prisma, message.id, clock.now());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const verdict = classifyDeliveryError(error);
      const maxAttempts = this.options.maxAttempts ?? 8;
      if (!verdict.retry || message.attempts >= maxAttempts) {
        logger.warn({ outboxId: String(message.id), reason }, 'outbox message moved to dead letters');
        await markDead(db.prisma, message.id, reason);
        return;
      }
      const delay = verdict.retryAfterMs ?? backoffMs(message.attempts, Math.random);
      await scheduleRetry(db.prisma, message.id, new Date(clock.now().getTime() + delay), reason);
    }
  }

  /** How long a new post must wait to stay inside Slack's per-channel rate (0: send now). */
  private async paceFor(payload: OutboxPayload): Promise<number> {
    if (payload.operation !== 'post') return 0;
    const { db, clock } = this.options;
    const ref = payload.thread ?? payload.channelOf;
    const channel = (ref ? await findMessageRef(db.prisma, ref) : null)?.channel ?? payload.channel;
    return this.pacer.take(channel, clock.now().getTime());
  }

  private async send(payload: OutboxPayload): Promise<void> {
    const { client, db, clock } = this.options;
    switch (payload.operation) {
      case 'post': {
        const parent = payload.thread ? await findMessageRef(db.prisma, payload.thread) : null;
        const home = payload.channelOf ? await findMessageRef(db.prisma, payload.channelOf) : null;
        const result = await client.chat.postMessage({
          channel: parent?.channel ?? home?.channel ?? payload.channel,
          ...payload.content,
          thread_ts: parent?.ts,
          unfurl_links: false,
        });
        if (payload.saveAs && result.channel && result.ts) {
          await saveMessageRef(db.prisma, payload.saveAs, { channel: result.channel, ts: result.ts }, clock.now());
        }
        return;
      }
      case 'update': {
        const target = await findMessageRef(db.prisma, payload.target);
        if (!target) return;
        await client.chat.update({ ...payload.content, channel: target.channel, ts: target.ts });
        return;
      }
      case 'open_channel': {
        const channel = await ensureChannel(client, payload.name, payload.isPrivate);
        await inviteToChannel(client, channel, payload.invite);
        const summary = await client.chat.postMessage({ ...payload.content, channel });
        if (summary.ts) {
          await client.pins.add({ channel, timestamp: summary.ts });
          await saveMessageRef(db.prisma, payload.saveAs, { channel, ts: summary.ts }, clock.now());
        }
        return;
      }
      case 'ephemeral':
        await client.chat.postEphemeral({ ...payload.content, channel: payload.channel, user: payload.user });
        return;
      case 'respond':
        await postToResponseUrl(payload.responseUrl, payload.content, slackCallTimeoutMs(this.options.leaseMs ?? DELIVERY_LEASE_MS));
        return;
      case 'upload':
        await this.upload(payload.thread, payload.files);
        return;
      case 'publish_home': {
        if (!this.options.homeView) throw new UndeliverableError('this worker cannot render App Homes');
        await client.views.publish({ user_id: payload.user, view: await this.options.homeView(payload.user) });
        return;
      }
    }
  }

  /** files.uploadV2: an upload URL per file, the bytes, then one message with the files in the thread. */
  private async upload(thread: Extract<OutboxPayload, { operation: 'upload' }>['thread'], files: readonly OutboxFile[]): Promise<void> {
    const parent = await findMessageRef(this.options.db.prisma, thread);
    if (!parent) throw new UndeliverableError(`no message ${thread.recordKey} to attach the files to`);
    await this.options.client.files.uploadV2({
      channel_id: parent.channel,
      thread_ts: parent.ts,
      file_uploads: files.map((file) => ({ file: Buffer.from(file.base64, 'base64'), filename: file.filename, title: file.title, ...(file.altText ? { alt_text: file.altText } : {}) })),
    });
  }
}

async function postToResponseUrl(url: string, content: { text: string; blocks?: unknown[] }, timeoutMs: number): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', ...content }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new ResponseUrlError(response.status);
}
