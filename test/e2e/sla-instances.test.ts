// Exactly once across instances and restarts: several bots on one database, and a bot that was down.
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

describe('SLA alerts, exactly once', () => {
  it('three instances sweeping one PostgreSQL server at once send each alert once', async (context) => {
    if (process.env.TEST_DB !== 'postgres') context.skip(); // one process per PGlite database
    const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    const world = await shared(false);
    const bots = [await instance(clock, world), await instance(clock, world), await instance(clock, world)];
    await reportIncident(bots[0]!, 'Printer queue stuck');
    clock.set(new Date('2026-03-02T03:00:00Z')); // 50 % of the 4 h response target
    await Promise.all(bots.flatMap((bot) => [bot.bot.scheduler.tick('sla.alerts'), bot.bot.scheduler.tick('sla.alerts')]));
    clock.set(new Date('2026-03-02T03:01:00Z')); // a new slot: every instance may sweep again
    await Promise.all(bots.map((bot) => bot.bot.scheduler.tick('sla.alerts')));
    await Promise.all(bots.map((bot) => bot.bot.worker.deliverDue()));
    await settle(bots[0]!);
    expect(alerts(world.fake)).toHaveLength(2); // the thread line and the desk channel notice, once
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
