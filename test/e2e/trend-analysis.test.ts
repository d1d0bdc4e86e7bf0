// Trend analysis end to end: enough incidents of one category or service within the window give
// one problem candidate card, once per cluster however the ticks fall, and a problem from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { settle, submitForm } from '../support/incident-flows.js';
import { initialValues, opensModal, press, PROBLEM_CHANNEL, PROBLEM_MANAGER, prefilledProblemForm, problemSettings, recordProblem, reportWithForm } from '../support/problem-flows.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ clock, settings: problemSettings() });
});
afterAll(async () => t.stop());

const candidateCards = () =>
  t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === PROBLEM_CHANNEL && String(call.args.text).startsWith('Problem candidate'));

/** One run of the trend job, 15 minutes (one slot) after the last. */
async function tick(): Promise<void> {
  clock.advance(15 * MINUTE);
  await t.bot.scheduler.tick('problems.trends');
  await settle(t);
}

describe('problem candidates from incident trends', () => {
  it('proposes three printer incidents of one week once, also when two runs overlap, and never again', async () => {
    const printers: string[] = [];
    for (const title of ['Printer jams on floor 3', 'Paper stuck in the printer', 'Printer eats paper again']) {
      printers.push(await reportWithForm(t, { title, category: 'hardware/printer' }));
      clock.advance(DAY);
    }
    await reportWithForm(t, { title: 'Laptop battery swollen', category: 'hardware/laptop' });

    // Two runs of two different slots at the same time (say, two instances whose clocks differ).
    const first = t.bot.scheduler.tick('problems.trends');
    clock.advance(15 * MINUTE);
    const second = t.bot.scheduler.tick('problems.trends');
    expect(await Promise.all([first, second])).toEqual([true, true]);
    await settle(t);

    expect(candidateCards()).toHaveLength(1);
    const card = candidateCards()[0]!;
    expect(card.args.text).toBe('Problem candidate: 3 incidents of category Hardware › Printer in 7 days');
    const shown = JSON.stringify(card.args.blocks);
    for (const number of printers) expect(shown).toContain(`*${number}* · P3`);
    expect(shown).not.toContain('Laptop battery');
    expect(await t.bot.db.prisma.trendCandidate.findMany()).toMatchObject([{ key: `category:hardware/printer:${printers.join(',')}`, problemId: null }]);

    await tick();
    const fourth = await reportWithForm(t, { title: 'Printer jammed once more', category: 'hardware/printer' });
    await tick();
    expect(candidateCards()).toHaveLength(1);

    const view = await opensModal(t, () => press(t, card.args.blocks as never, 'problem.create_from_candidate', PROBLEM_MANAGER, PROBLEM_CHANNEL));
    expect(initialValues(view)).toMatchObject({ title: 'Recurring incidents: category Hardware › Printer', category: 'hardware/printer', problem_source: 'trend_analysis', problem_incidents: printers.join(' ') });
    await submitForm(t, view, PROBLEM_MANAGER, prefilledProblemForm(view));
    await expect.poll(() => t.bot.db.prisma.problem.count({ where: { source: 'trend_analysis' } })).toBe(1);
    await settle(t);
    const problem = await t.bot.db.prisma.problem.findFirstOrThrow({ where: { source: 'trend_analysis' } });
    expect((await t.bot.db.prisma.problemIncident.findMany({ where: { problemId: problem.id }, orderBy: { id: 'asc' } })).map((link) => link.incidentNumber)).toEqual(printers);
    // Cards of different records go out side by side: find the candidate card's own update.
    const update = t.fake.callsTo('chat.update').findLast((call) => call.args.channel === card.answer?.channel && call.args.ts === card.answer?.ts)!;
    expect(JSON.stringify(update.args.blocks)).toContain(`Recorded as problem ${problem.number} by <@${PROBLEM_MANAGER}>.`);
    expect(JSON.stringify(update.args.blocks)).not.toContain('problem.create_from_candidate');

    const candidateAudit = await t.bot.db.prisma.auditEntry.findMany({ where: { recordType: 'problem_candidate' }, orderBy: { id: 'asc' } });
    expect(candidateAudit.map((entry) => [entry.action, entry.actorId, entry.toValue])).toEqual([['proposed', 'system', null], ['recorded_as_problem', PROBLEM_MANAGER, problem.number]]);

    const again = await press(t, card.args.blocks as never, 'problem.create_from_candidate', PEOPLE.agent, PROBLEM_CHANNEL);
    expect(String((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === again)).args.text)).toBe('That has already been done.');
    await tick();
    expect(candidateCards()).toHaveLength(1);
    expect(fourth).toMatch(/^INC-/);
  });

  it('groups by service, leaves out incidents a problem covers, and proposes a fresh batch after the window', async () => {
    clock.advance(10 * DAY);
    const vpn = [];
    for (const title of ['VPN slow', 'VPN drops', 'VPN login fails']) vpn.push(await reportWithForm(t, { title, service: 'VPN' }));
    // A problem already covers one of them, so only two are uncovered: no candidate.
    await recordProblem(t, PEOPLE.agent, { title: 'VPN gateway overloaded', incidents: vpn[0], source: 'incident' });
    await tick();
    expect(candidateCards()).toHaveLength(1);

    vpn.push(await reportWithForm(t, { title: 'VPN certificate warning', service: 'vpn ' }));
    await tick();
    expect(candidateCards()).toHaveLength(2);
    expect(candidateCards().at(-1)!.args.text).toBe('Problem candidate: 3 incidents of service vpn in 7 days');

    clock.advance(8 * DAY);
    for (const title of ['VPN timeout', 'VPN refused', 'VPN flaps']) await reportWithForm(t, { title, service: 'VPN' });
    await tick();
    expect(candidateCards()).toHaveLength(3);
    await tick();
    expect(candidateCards()).toHaveLength(3);
  });

  it('takes its threshold and window from the settings', async () => {
    const strict = await startTestBot({ clock, settings: problemSettings({ problems: { trends: { minIncidents: 2, windowDays: 2 } } }) });
    try {
      for (const title of ['Teams crashes', 'Teams will not start']) await reportWithForm(strict, { title, service: 'Teams' });
      clock.advance(15 * MINUTE);
      await strict.bot.scheduler.tick('problems.trends');
      await settle(strict);
      const cards = strict.fake.callsTo('chat.postMessage').filter((call) => String(call.args.text).startsWith('Problem candidate'));
      expect(cards.map((call) => call.args.text)).toEqual(['Problem candidate: 2 incidents of service teams in 2 days']);
    } finally {
      await strict.stop();
    }
  });
});
