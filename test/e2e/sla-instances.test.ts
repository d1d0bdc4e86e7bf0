// Exactly once across instances and restarts: several bots on one database, and a bot that was down.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { reportIncident, settle } from '../support/incident-flows.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!();
});

async function shared(persistent: boolean): Promise<{ database: TestDatabase; fake: FakeSlack }> {
  const database = await createTestDatabase(persistent);
  const fake = await startFakeSlack();
  stops.push(() => database.drop(), () => fake.close());
  return { database, fake };
}

async function instance(clock: ManualClock, sharedWith: { database: TestDatabase; fake: FakeSlack }): Promise<TestBot> {
  const bot = await startTestBot({ clock, sharedWith });
  stops.push(() => bot.stop().catch(() => undefined));
  return bot;
}

const alerts = (fake: FakeSlack) => fake.callsTo('chat.postMessage').map((call) => String(call.args.text)).filter((text) => text.startsWith(':hourglass') || text.startsWith(':red_circle:'));

function sweepInProcess(world: { database: TestDatabase; fake: FakeSlack }, now: string): Promise<string> {
  const target = world.database.target;
  if (target.kind !== 'postgres') throw new Error('a separate process needs a database server');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/support/sweep-process.ts'],
      {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: world.fake.apiUrl, DATABASE_URL: target.url, FAKE_NOW: now },
        timeout: 60_000,
      },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

describe('SLA alerts, exactly once', () => {
  it('three bot processes sweeping one PostgreSQL server at once send each alert once', async (context) => {
    if (process.env.TEST_DB !== 'postgres') context.skip(); // one process per PGlite database
    const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    const world = await shared(false);
    const reporter = await instance(clock, world);
    await reportIncident(reporter, 'Plotter offline');
    await reporter.stop();
    stops.pop();
    // 50 % of the 4 h response target is 03:00Z; three processes sweep the same minute, then the next.
    const outputs = await Promise.all([1, 2, 3].map(() => sweepInProcess(world, '2026-03-02T03:00:30Z')));
    expect(outputs.map((output) => JSON.parse(output.trim()).ran).filter(Boolean)).toHaveLength(1);
    await Promise.all([1, 2, 3].map(() => sweepInProcess(world, '2026-03-02T03:01:30Z')));
    expect(alerts(world.fake)).toEqual([
      expect.stringContaining('(P3, Plotter offline) has used 50 % of its response time'),
      expect.stringContaining('(P3, Plotter offline) has used 50 % of its response time'),
    ]);
  });

  it('three instances sweeping one PostgreSQL server at once send each alert once', async (context) => {
    if (process.env.TEST_DB !== 'postgres') context.skip(); // one process per PGlite database
    const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    const world = await shared(false);
    const bots = [await instance(clock, world), await instance(clock, world), await instance(clock, world)];
    const number = await reportIncident(bots[0]!, 'Printer queue stuck');
    clock.set(new Date('2026-03-02T03:00:00Z')); // 50 % of the 4 h response target
    await Promise.all(bots.flatMap((bot) => [bot.bot.scheduler.tick('sla.alerts'), bot.bot.scheduler.tick('sla.alerts')]));
    clock.set(new Date('2026-03-02T03:01:00Z')); // a new slot: every instance may sweep again
    await Promise.all(bots.map((bot) => bot.bot.scheduler.tick('sla.alerts')));
    await Promise.all(bots.map((bot) => bot.bot.worker.deliverDue()));
    await settle(bots[0]!);
    // The thread line and the desk channel notice, once each.
    expect(alerts(world.fake)).toEqual([
      expect.stringContaining(`${number} (P3, Printer queue stuck) has used 50 % of its response time`),
      expect.stringContaining(`${number} (P3, Printer queue stuck) has used 50 % of its response time`),
    ]);
  });

  it('a bot restarted after downtime sends each missed alert once', async () => {
    const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    const world = await shared(true);
    const before = await instance(clock, world);
    const number = await reportIncident(before, 'VPN certificate expired');
    await before.stop();
    stops.pop();

    clock.set(new Date('2026-03-02T05:30:00Z')); // past every response threshold while down
    const after = await instance(clock, world);
    await after.bot.scheduler.tick('sla.alerts');
    await settle(after);
    clock.set(new Date('2026-03-02T05:31:00Z'));
    await after.bot.scheduler.tick('sla.alerts');
    await settle(after);
    expect(alerts(world.fake)).toEqual([
      expect.stringContaining(`${number} (P3, VPN certificate expired) breached its response target`),
      expect.stringContaining(`${number} (P3, VPN certificate expired) breached its response target`),
    ]);
  });
});
