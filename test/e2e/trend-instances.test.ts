// Exactly once across instances: several bots on one PostgreSQL server run the trend analysis at
// the same moment, each in its own job slot, and one problem candidate card is posted.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { settle } from '../support/incident-flows.js';
import { problemSettings, PROBLEM_CHANNEL, reportWithForm } from '../support/problem-flows.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { startTestBot } from '../support/test-bot.js';
import { createTestDatabase } from '../support/test-database.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!();
});

describe('trend analysis, exactly once', () => {
  it('three bots analysing one PostgreSQL server at once propose the cluster once', async (context) => {
    if (process.env.TEST_DB !== 'postgres') context.skip(); // one process per PGlite database
    const database = await createTestDatabase();
    const fake = await startFakeSlack();
    stops.push(() => database.drop(), () => fake.close());
    const start = new Date('2026-03-02T01:00:00Z').getTime();
    // Clocks a slot apart, so the scheduler lets each run: only the cluster's claim keeps them from proposing it thrice.
    const clocks = [0, 1, 2].map((slot) => new ManualClock(new Date(start + slot * 15 * 60_000)));
    const bots = [];
    for (const clock of clocks) {
      const bot = await startTestBot({ clock, settings: problemSettings(), sharedWith: { database, fake } });
      stops.push(() => bot.stop().catch(() => undefined));
      bots.push(bot);
    }
    const first = bots[0]!;
    for (const title of ['Printer jams', 'Printer jams again', 'Printer stuck']) await reportWithForm(first, { title, category: 'hardware/printer' });
    for (const clock of clocks) clock.advance(60 * 60_000);

    expect(await Promise.all(bots.map((bot) => bot.bot.scheduler.tick('problems.trends')))).toEqual([true, true, true]);
    await settle(first);
    const cards = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === PROBLEM_CHANNEL && String(call.args.text).startsWith('Problem candidate'));
    expect(cards).toHaveLength(1);
    expect(await first.bot.db.prisma.trendCandidate.count()).toBe(1);
  });
});
