// The front door answers Slack on its own thread, so a busy bot still acknowledges in time.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { EVENTS_PATH, HEALTH_PATH } from '../../src/slack/app.js';
import { FrontDoorReceiver, startFrontDoorThread } from '../../src/slack/front-door/receiver.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { slackSignature } from '../support/slack-requests.js';
import { createTestDatabase } from '../support/test-database.js';
import { PEOPLE, SIGNING_SECRET, startTestBot, type TestBot } from '../support/test-bot.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => t.stop());

/** Posts one request from its own thread and puts the HTTP status into the shared flag. */
const SENDER = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
const done = (status) => { Atomics.store(flag, 0, status); Atomics.notify(flag, 0); };
fetch(workerData.url, { method: 'POST', headers: workerData.headers, body: workerData.body }).then((response) => done(response.status), () => done(-1));
`;

describe('the front door', () => {
  it("acknowledges a command while the bot's thread is blocked, and the bot records it once free", async () => {
    const before = await t.bot.db.prisma.incident.count();
    const body = new URLSearchParams({ command: '/incident', text: 'VPN drops every hour', user_id: PEOPLE.reporter, channel_id: 'C_GENERAL', trigger_id: 'T.blocked', response_url: t.fake.responseUrl() }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const sender = new Worker(SENDER, {
      eval: true,
      workerData: {
        flag: flag.buffer,
        url: `${t.baseUrl}/slack/events`,
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body) },
      },
    });
    // The bot runs on this thread: block it until Slack has its answer (or give up after 10 s).
    const waited = Atomics.wait(flag, 0, 0, 10_000);
    await sender.terminate();
    expect(waited).not.toBe('timed-out');
    expect(Atomics.load(flag, 0)).toBe(200);
    await expect.poll(() => t.bot.db.prisma.incident.count()).toBe(before + 1);
  });

  it('answers paths other than the request URL and the health check with 404', async () => {
    expect((await fetch(`${t.baseUrl}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/slack/events`)).status).toBe(404);
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('turns away a signed body that is no Slack request with 400, and records nothing', async () => {
    const before = await t.bot.db.prisma.auditEntry.count();
    for (const body of ['null', '[]', '{"hello":"world"}']) expect((await t.slack.raw({ body, contentType: 'application/json' })).status).toBe(400);
    expect(await t.bot.db.prisma.auditEntry.count()).toBe(before);
  });
});

describe('a stop', () => {
  it('first finishes every command Slack was told was taken', async () => {
    const database = await createTestDatabase(true);
    const fake = await startFakeSlack();
    try {
      const leaving = await startTestBot({ sharedWith: { database, fake } });
      const sent = await Promise.all(Array.from({ length: 20 }, (_, index) => leaving.slack.slashCommand({ command: '/incident', text: `Reported just before the stop ${index}`, userId: PEOPLE.reporter })));
      expect(sent.map((response) => response.status)).toEqual(sent.map(() => 200));
      await leaving.stop();
      const reopened = await openMigratedDatabase(database.target);
      expect(await reopened.prisma.incident.count()).toBe(20);
      await reopened.close();
    } finally {
      await fake.close();
      await database.drop();
    }
  });
});

describe('a front door whose thread fails', () => {
  const frontDoor = (onFailure: (error: Error) => void, started: Worker[]) =>
    new FrontDoorReceiver(
      { port: 0, signingSecret: SIGNING_SECRET, eventsPath: EVENTS_PATH, healthPath: HEALTH_PATH, logger: createLogger('silent'), isHealthy: async () => true, onFailure },
      (settings) => {
        const thread = startFrontDoorThread(settings);
        started.push(thread);
        return thread;
      },
    );

  it('says Slack can no longer reach the bot when its thread dies, and a stop after it still completes', async () => {
    const failures: Error[] = [];
    const threads: Worker[] = [];
    const receiver = frontDoor((error) => failures.push(error), threads);
    const port = await receiver.start();
    expect((await fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`)).status).toBe(200);
    await threads[0]!.terminate();
    await expect.poll(() => failures.length).toBe(1);
    await expect(fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`)).rejects.toThrow();
    await receiver.stop();
    expect(failures).toHaveLength(1);
  });

  it('is not reported when the bot stops it', async () => {
    const failures: Error[] = [];
    const receiver = frontDoor((error) => failures.push(error), []);
    await receiver.start();
    await receiver.stop();
    expect(failures).toEqual([]);
  });
});
