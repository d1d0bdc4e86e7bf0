// The outbox worker against the fake Slack: retries, Retry-After, dead letters, order per record.
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { openMigratedDatabase, type Database } from '../../src/db/database.js';
import { enqueueMessages } from '../../src/db/repositories/outbox.js';
import { createLogger } from '../../src/logger.js';
import type { OutboxDraft } from '../../src/outbox/messages.js';
import { OutboxWorker } from '../../src/slack/outbox-worker.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let fake: FakeSlack;
let database: TestDatabase;
let db: Database;
let worker: OutboxWorker;
let client: WebClient;
const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));

beforeAll(async () => {
  fake = await startFakeSlack();
  database = await createTestDatabase();
  db = await openMigratedDatabase(database.target);
  client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  worker = new OutboxWorker({ db, client, clock, logger: createLogger('silent'), maxAttempts: 3 });
});
afterAll(async () => {
  await db.close();
  await database.drop();
  await fake.close();
});
beforeEach(() => fake.clear());

let keySequence = 0;
async function enqueue(...drafts: Omit<OutboxDraft, 'orderingKey'>[]): Promise<string> {
  const orderingKey = `record:${++keySequence}`;
  await db.transaction((tx) => enqueueMessages(tx, drafts.map((draft) => ({ ...draft, orderingKey })), clock.now()));
  return orderingKey;
}

const post = (text: string, channel = 'C0DESK'): Omit<OutboxDraft, 'orderingKey'> => ({ payload: { operation: 'post', channel, content: { text } } });
const delivered = (method = 'chat.postMessage') => fake.callsTo(method).filter((call) => !call.failed).map((call) => call.args.text);
const statusOf = async (orderingKey: string) =>
  (await db.prisma.outboxMessage.findMany({ where: { orderingKey }, orderBy: { id: 'asc' } })).map((row) => row.status);

describe('the outbox worker', () => {
  it('posts a card, remembers where it landed, and updates it in place', async () => {
    const ref = { recordKey: 'incident:42', purpose: 'card' };
    await enqueue(
      { payload: { operation: 'post', channel: 'C0DESK', content: { text: 'card v1' }, saveAs: ref } },
      { payload: { operation: 'update', target: ref, content: { text: 'card v2' } } },
      { payload: { operation: 'post', channel: 'C0DESK', content: { text: 'in the thread' }, thread: ref } },
    );
    await worker.deliverDue();
    const posted = fake.callsTo('chat.postMessage')[0]!;
    const stored = await db.prisma.slackMessageRef.findUniqueOrThrow({ where: { recordKey_purpose: ref } });
    expect(stored.channel).toBe('C0DESK');
    expect(fake.lastCall('chat.update')?.args).toMatchObject({ channel: 'C0DESK', ts: stored.ts, text: 'card v2' });
    expect(fake.callsTo('chat.postMessage')[1]?.args).toMatchObject({ text: 'in the thread', thread_ts: stored.ts });
    expect(posted.args.text).toBe('card v1');
  });

  it('retries server errors with backoff and delivers exactly once', async () => {
    fake.failNext('chat.postMessage', 1, { status: 500 });
    const key = await enqueue(post('after a 500'));
    await worker.deliverDue();
    expect(delivered()).toEqual([]);
    expect(await statusOf(key)).toEqual(['pending']);
    clock.advance(60_000);
    await worker.deliverDue();
    await worker.deliverDue();
    expect(delivered()).toEqual(['after a 500']);
    expect(await statusOf(key)).toEqual(['delivered']);
  });

  it("waits as long as Slack's Retry-After asks", async () => {
    fake.failNext('chat.postMessage', 1, { status: 429, retryAfterSeconds: 30 });
    await enqueue(post('rate limited'));
    await worker.deliverDue();
    clock.advance(29_000);
    await worker.deliverDue();
    expect(delivered()).toEqual([]);
    clock.advance(1_000);
    await worker.deliverDue();
    expect(delivered()).toEqual(['rate limited']);
  });

  it('keeps the order of messages about one record while the first is retried', async () => {
    fake.failNext('chat.postMessage', 1, { status: 503 });
    const key = await enqueue(post('first'), post('second'), post('third'));
    await enqueue(post('another record'));
    await worker.deliverDue();
    expect(delivered()).toEqual(['another record']);
    clock.advance(60_000);
    await worker.deliverDue();
    expect(delivered()).toEqual(['another record', 'first', 'second', 'third']);
    expect(await statusOf(key)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('moves a message Slack refuses to the dead letters and goes on with the next', async () => {
    fake.failNext('chat.postMessage', 1, { error: 'channel_not_found' });
    const key = await enqueue(post('to nowhere', 'C0GONE'), post('next one'));
    await worker.deliverDue();
    expect(await statusOf(key)).toEqual(['dead', 'delivered']);
    const dead = await db.prisma.outboxMessage.findFirstOrThrow({ where: { orderingKey: key, status: 'dead' } });
    expect(dead.lastError).toContain('channel_not_found');
  });

  it('gives up after the configured number of attempts', async () => {
    fake.failNext('chat.postMessage', 3, { status: 500 });
    const key = await enqueue(post('never makes it'));
    for (let attempt = 0; attempt < 4; attempt++) {
      await worker.deliverDue();
      clock.advance(10 * 60_000);
    }
    expect(await statusOf(key)).toEqual(['dead']);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
  });
});

describe('pacing', () => {
  it('keeps new messages to one channel within Slack rate, without counting the waits as failures', async () => {
    clock.advance(60 * 60_000);
    for (let index = 1; index <= 6; index++) await enqueue(post(`paced ${index}`, 'C0PACED'));
    await worker.deliverDue();
    const paced = () => delivered().filter((text) => String(text).startsWith('paced'));
    expect(paced()).toEqual(['paced 1', 'paced 2', 'paced 3', 'paced 4']);
    clock.advance(1_000);
    await worker.deliverDue();
    expect(paced()).toHaveLength(5);
    clock.advance(1_000);
    await worker.deliverDue();
    expect(paced()).toHaveLength(6);
    const attempts = await db.prisma.outboxMessage.findMany({ where: { payload: { path: ['channel'], equals: 'C0PACED' } }, select: { attempts: true, status: true } });
    expect(attempts.every((row) => row.attempts === 1 && row.status === 'delivered')).toBe(true);
  });
});

describe('files and App Homes', () => {
  it('uploads files into the thread of the message they belong to, bytes intact', async () => {
    const ref = { recordKey: 'report:month:2026-02', purpose: 'report' };
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);
    await enqueue(
      { payload: { operation: 'post', channel: 'C0REPORTS', content: { text: 'the report' }, saveAs: ref } },
      { payload: { operation: 'upload', thread: ref, files: [{ filename: 'chart.png', title: 'Chart', base64: bytes.toString('base64') }, { filename: 'table.csv', title: 'Table', base64: Buffer.from('a,b\r\n').toString('base64') }] } },
    );
    await worker.deliverDue();
    const stored = await db.prisma.slackMessageRef.findUniqueOrThrow({ where: { recordKey_purpose: ref } });
    expect(fake.callsTo('files.getUploadURLExternal').map((call) => call.args.filename)).toEqual(['chart.png', 'table.csv']);
    const uploaded = fake.callsTo('file_upload').map((call) => call.args.body);
    expect(uploaded).toContainEqual(bytes);
    expect(fake.lastCall('files.completeUploadExternal')?.args).toMatchObject({ channel_id: 'C0REPORTS', thread_ts: stored.ts });
  });

  it('gives up at once on files whose message was never delivered', async () => {
    const key = await enqueue({ payload: { operation: 'upload', thread: { recordKey: 'report:none', purpose: 'report' }, files: [{ filename: 'a.csv', title: 'A', base64: 'YQ==' }] } });
    await worker.deliverDue();
    expect(await statusOf(key)).toEqual(['dead']);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('refuses a file too big for the outbox', async () => {
    const key = await enqueue({ payload: { operation: 'upload', thread: { recordKey: 'report:big', purpose: 'report' }, files: [{ filename: 'a.csv', title: 'A', base64: Buffer.alloc(1_000_003).toString('base64') }] } });
    await worker.deliverDue();
    expect(await statusOf(key)).toEqual(['dead']);
  });

  it('stops after its current batch when asked, leaving the rest queued for the next start', async () => {
    await db.prisma.outboxMessage.deleteMany();
    const draining = new OutboxWorker({ db, client, clock, logger: createLogger('silent'), batchSize: 5 });
    for (let index = 0; index < 300; index += 1) await enqueue(post(`queued ${index}`, `C0Q${index}`));
    draining.start();
    await expect.poll(() => delivered().length).toBeGreaterThan(0);
    await draining.stop();
    const sent = delivered().length;
    expect(sent).toBeLessThan(300);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'pending' } })).toBe(300 - sent);
  });

  it('sends messages about different records side by side, so one slow call does not hold the others', async () => {
    await db.prisma.outboxMessage.deleteMany();
    fake.slowNext('chat.postMessage', 1, 1500);
    await enqueue(post('slow'));
    await enqueue(post('quick one', 'C0OTHER'));
    await enqueue(post('quick two', 'C0THIRD'));
    await worker.deliverDue();
    const arrived = fake.callsTo('chat.postMessage').map((call) => call.args.text);
    expect(arrived).toEqual(['quick one', 'quick two', 'slow']);
  });

  it('gives a message back rather than send it when its lease could run out during the call, so a second instance never sends it too', async () => {
    await db.prisma.outboxMessage.deleteMany();
    // Lease 2 s: each call may take 1 s, so a call may only start in the first second of the lease.
    const options = { db, client, clock, logger: createLogger('silent'), leaseMs: 2000, lanes: 1 };
    const first = new OutboxWorker(options);
    const second = new OutboxWorker(options);
    fake.slowNext('chat.postMessage', 3, 900);
    for (const text of ['one', 'two', 'three']) await enqueue(post(text, `C0${text.toUpperCase()}`));
    const firstPass = first.deliverDue();
    // The second instance looks once the first lease has run out, while 'three' is still on its way.
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await second.deliverDue();
    await firstPass;
    expect(delivered().sort()).toEqual(['one', 'three', 'two']);
  });
});

describe('messages handed over at the commit', () => {
  // No poll in these tests: only the hand-off at the commit can deliver. No pacing either (the clock stands still).
  const unpolled = () => new OutboxWorker({ db, client, clock, logger: createLogger('silent'), pollIntervalMs: 60 * 60_000, pace: { burst: 1_000_000, intervalMs: 1 } });
  let running: OutboxWorker;
  beforeAll(async () => {
    await worker.deliverDue();
    running = unpolled();
    running.start();
    await running.deliverDue();
  });
  afterAll(() => running.stop());

  it('go out as soon as the transaction that enqueued them commits', async () => {
    const key = await enqueue(post('at the commit'));
    await expect.poll(() => delivered()).toEqual(['at the commit']);
    await expect.poll(() => db.prisma.outboxMessage.findMany({ where: { orderingKey: key }, select: { status: true, attempts: true } })).toEqual([{ status: 'delivered', attempts: 1 }]);
  });

  it('keep a record in order: what is enqueued while its earlier message is on its way follows it', async () => {
    const ref = { recordKey: 'incident:77', purpose: 'card' };
    fake.slowNext('chat.postMessage', 1, 150);
    const key = await enqueue({ payload: { operation: 'post', channel: 'C0DESK', content: { text: 'card' }, saveAs: ref } });
    await db.transaction((tx) => enqueueMessages(tx, [{ orderingKey: key, payload: { operation: 'post', channel: 'C0DESK', content: { text: 'reply' }, thread: ref } }], clock.now()));
    await expect.poll(() => statusOf(key)).toEqual(['delivered', 'delivered']);
    const card = await db.prisma.slackMessageRef.findUniqueOrThrow({ where: { recordKey_purpose: ref } });
    expect(fake.callsTo('chat.postMessage').map((call) => [call.args.text, call.args.thread_ts])).toEqual([
      ['card', undefined],
      ['reply', card.ts],
    ]);
  });

  it('keep the order of several messages about one record from one transaction', async () => {
    const key = await enqueue(post('one'), post('two'), post('three'));
    await expect.poll(() => statusOf(key)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(delivered()).toEqual(['one', 'two', 'three']);
  });

  // Last: the stopped worker leaves no worker to hand over to.
  it('are claimed by the next pass when no worker takes them at the commit', async () => {
    const stopping = unpolled();
    stopping.start();
    await stopping.stop();
    const key = await enqueue(post('after the stop'));
    await running.deliverDue();
    expect(await statusOf(key)).toEqual(['delivered']);
  });
});
