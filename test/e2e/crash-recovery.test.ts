// A bot process killed after it committed a ticket but before Slack heard of it: the restarted bot
// delivers what was left in the outbox, once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { SlackSender } from '../support/slack-requests.js';
import { DESK_CHANNEL, PEOPLE, startTestBot } from '../support/test-bot.js';
import { settle } from '../support/incident-flows.js';
import { buildBot, startBotProcess } from '../support/bot-process.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!();
});

/**
 * Stands between a bot and the fake Slack. While shut, posts and response_url answers are held
 * unanswered (the bot hangs in its delivery, as when Slack is slow); everything else passes.
 */
async function gate(fake: FakeSlack): Promise<{ url: string; open: () => void }> {
  let shut = true;
  const target = new URL(fake.apiUrl).origin;
  const server: Server = createServer((request, response) => {
    const held = /chat\.postMessage|\/response\//.test(request.url ?? '');
    if (shut && held) return;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void fetch(`${target}${request.url}`, { method: request.method, headers: { 'content-type': request.headers['content-type'] ?? 'application/json' }, body: Buffer.concat(chunks) })
        .then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, open: () => (shut = false) };
}

describe('a crash after commit', () => {
  it('loses nothing: the restarted bot delivers the card and the confirmation once', async (context) => {
    if (process.env.TEST_DB !== 'postgres') context.skip(); // a second process needs a database server
    buildBot();
    const database: TestDatabase = await createTestDatabase(true);
    const fake: FakeSlack = await startFakeSlack();
    stops.push(() => database.drop(), () => fake.close());
    if (database.target.kind !== 'postgres') throw new Error('a database server is needed');

    const slow = await gate(fake);
    const apiPath = new URL(fake.apiUrl).pathname;
    const { child, port } = await startBotProcess(stops, {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'crash-secret',
      SLACK_API_URL: `${slow.url}${apiPath}`,
      DATABASE_URL: database.target.url,
      PORT: '0',
      SERVICE_DESK_CHANNEL: DESK_CHANNEL,
      OUTBOX_LEASE_SECONDS: '4',
      LOG_LEVEL: 'info',
    });
    const sender = new SlackSender({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: 'crash-secret' });
    const responseUrl = `${slow.url}${new URL(fake.responseUrl('crash')).pathname}`;
    const answer = await sender.slashCommand({ command: '/incident', text: 'Badge readers offline', userId: PEOPLE.reporter, responseUrl });
    expect(answer.status).toBe(200);

    const survivor = await startTestBot({ sharedWith: { database, fake } });
    stops.push(() => survivor.stop());
    // Committed in the first process, and claimed by its worker, which hangs on the silent Slack.
    await expect.poll(() => survivor.bot.db.prisma.outboxMessage.count({ where: { lockedUntil: { not: null } } }), { timeout: 10_000 }).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    slow.open();

    // Once the dead process's lease has passed, the survivor delivers everything, once.
    await expect.poll(async () => { await survivor.bot.worker.deliverDue(); return fake.callsTo('chat.postMessage').length; }, { timeout: 15_000, interval: 500 }).toBeGreaterThan(0);
    await settle(survivor);
    const cards = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === DESK_CHANNEL && String(call.args.text).startsWith('INC-000001'));
    expect(cards).toHaveLength(1);
    expect(fake.callsTo('response_url').filter((call) => call.args.responseUrlId === 'crash').map((call) => call.args.text)).toEqual([expect.stringMatching(/^INC-000001 recorded/)]);
    expect(await survivor.bot.db.prisma.incident.count()).toBe(1);
  }, 60_000);
});
