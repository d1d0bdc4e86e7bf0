// SLA clocks on a real ticket: due times on the card, warnings and breaches sent once, pauses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { inputValues } from '../support/slack-requests.js';
import { currentCard, dmsTo, openForm, pressOnCard, reportIncident, settle, submitForm } from '../support/incident-flows.js';
import { DESK_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

// Monday 2 March 2026, 09:00 in Shanghai (UTC+8). Desk hours 08:30–17:30, no holiday that week.
// A quick report is P3: respond within 4 business hours (13:00 → 05:00Z), resolve within 24
// (Mon 8.5 h + Tue 9 h + Wed 6.5 h → Wednesday 15:00 → 2026-03-04T07:00Z).
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ clock });
});
afterAll(async () => t.stop());

const epoch = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
const slaLines = () => t.fake.callsTo('chat.postMessage').map((call) => String(call.args.text)).filter((text) => text.startsWith(':hourglass') || text.startsWith(':red_circle:'));

async function sweep(at: string, times = 1) {
  clock.set(new Date(at));
  await Promise.all(Array.from({ length: times }, () => t.bot.scheduler.tick('sla.alerts')));
  await settle(t);
}

describe('SLA alerts', () => {
  it('shows the due time, warns once at 50 %, collapses missed thresholds into one breach, and stops once responded', async () => {
    const number = await reportIncident(t, 'Shared drive slow');
    expect(currentCard(t, number).text).toContain(`Response due <!date^${epoch('2026-03-02T05:00:00Z')}^`);
    const stored = await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } });
    expect(stored.resolutionDueAt?.toISOString()).toBe('2026-03-04T07:00:00.000Z');
    expect(stored.nextSlaAlertAt?.toISOString()).toBe('2026-03-02T03:00:00.000Z');

    await sweep('2026-03-02T02:59:00Z');
    expect(slaLines()).toEqual([]);

    await sweep('2026-03-02T03:00:00Z', 2);
    const warning = `:hourglass_flowing_sand: ${number} (P3, Shared drive slow) has used 50 % of its response time; due <!date^${epoch('2026-03-02T05:00:00Z')}^{date_short_pretty} {time}|2026-03-02T05:00:00.000Z>.`;
    expect(slaLines()).toEqual([warning, `${warning} Nobody has it yet.`]);
    expect(t.fake.callsTo('chat.postMessage').filter((call) => call.args.text === `${warning} Nobody has it yet.`).map((call) => call.args.channel)).toEqual([DESK_CHANNEL]);

    // The bot was down from 03:00 to 05:30Z: 75 %, 90 % and the breach all passed; one alert says so.
    await sweep('2026-03-02T05:30:00Z');
    const breaches = slaLines().filter((text) => text.startsWith(':red_circle:'));
    expect(breaches).toHaveLength(2);
    expect(breaches[0]).toContain(`${number} (P3, Shared drive slow) breached its response target`);
    expect(slaLines().filter((text) => text.includes('75 %') || text.includes('90 %'))).toEqual([]);
    expect((await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } })).slaAlertsSent).toEqual(['response:0.5', 'response:0.75', 'response:0.9', 'response:1']);

    await pressOnCard(t, number, 'incident.take', PEOPLE.agent);
    await expect.poll(async () => (await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } })).assigneeId).toBe(PEOPLE.agent);
    await settle(t);
    expect(currentCard(t, number).text).toContain(`Resolution due <!date^${epoch('2026-03-04T07:00:00Z')}^`);

    // Resolution 50 %: 12 business hours → Tuesday 12:00 local = 04:00Z; the assignee is told directly.
    await sweep('2026-03-03T04:00:00Z');
    expect(dmsTo(t, PEOPLE.agent).at(-1)).toContain(`${number} (P3, Shared drive slow) has used 50 % of its resolution time`);
  });

  it('stops the clock while the ticket waits on the requester, and moves the due time by the pause', async () => {
    clock.set(new Date('2026-03-09T01:00:00Z')); // Monday 09:00 local
    const number = await reportIncident(t, 'Need access to finance share');
    await pressOnCard(t, number, 'incident.take', PEOPLE.agent);
    await expect.poll(async () => (await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } })).state).toBe('in_progress');
    await settle(t);
    const form = await openForm(t, number, 'hold', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ hold_kind: { type: 'static_select', value: 'awaiting_requester' }, reason: { type: 'plain_text_input', value: 'Which folder?' } }));
    const held = await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } });
    expect(held).toMatchObject({ resolutionDueAt: null, nextSlaAlertAt: null });
    await settle(t);

    clock.set(new Date('2026-03-09T03:00:00Z')); // two business hours later
    await pressOnCard(t, number, 'incident.resume', PEOPLE.agent);
    await expect.poll(async () => (await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } })).state).toBe('in_progress');
    // Due Wednesday 15:00 local without the pause; two paused hours move it to Wednesday 17:00 (09:00Z).
    expect((await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } })).resolutionDueAt?.toISOString()).toBe('2026-03-11T09:00:00.000Z');

    const response = await t.slack.slashCommand({ command: '/sla', text: number.toLowerCase(), userId: PEOPLE.agent, responseUrl: t.fake.responseUrl('sla-1') });
    expect(response.status).toBe(200);
    const explained = String((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === 'sla-1')).args.text).split('\n');
    const at = (iso: string) => `<!date^${epoch(iso)}^{date_short_pretty} {time}|${new Date(iso).toISOString()}>`;
    expect(explained).toEqual([
      `*Service level of ${number}* (Need access to finance share)`,
      'Policy `p3` for P3: respond within 4 h 00 min, resolve within 24 h 00 min, counted in business hours (Asia/Shanghai, public holidays off).',
      `*response*: met ${at('2026-03-09T01:00:00Z')}, after 0 min.`,
      // The hold began at once, so nothing is used yet; the two paused hours moved the due time to Wednesday 17:00 local.
      `*resolution*: running, 0 min used, 24 h 00 min left; due ${at('2026-03-11T09:00:00Z')}.`,
      '*Pauses* (the clocks stand still):',
      `• ${at('2026-03-09T01:00:00Z')} to ${at('2026-03-09T03:00:00Z')}: awaiting the requester`,
      // 12 business hours counted from Monday 11:00: 6.5 h on Monday, 5.5 h on Tuesday from 08:30 → 14:00 local (06:00Z).
      `*Next*: the 50 % warning for the resolution at ${at('2026-03-10T06:00:00Z')}, to <@${PEOPLE.agent}>.`,
    ]);
  });

  it('recomputes the targets from the opening time when the priority changes', async () => {
    clock.set(new Date('2026-03-16T01:00:00Z')); // Monday 09:00 local
    const number = await reportIncident(t, 'Warehouse scanners down');
    clock.set(new Date('2026-03-16T01:10:00Z'));
    const form = await openForm(t, number, 'change_priority', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ impact: { type: 'static_select', value: 'very_high' }, urgency: { type: 'static_select', value: 'critical' }, reason: { type: 'plain_text_input', value: 'All shipping stopped' } }));
    // P1: respond within 30 minutes and resolve within 4 hours, around the clock, from 09:00.
    const changed = await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } });
    expect(changed).toMatchObject({ priority: 'P1', slaPolicyId: 'p1' });
    expect(changed.responseDueAt?.toISOString()).toBe('2026-03-16T01:30:00.000Z');
    expect(changed.resolutionDueAt?.toISOString()).toBe('2026-03-16T05:00:00.000Z');
    // 50 % of the response target had passed at 09:15, before the change: the warning is due at once.
    expect(changed.nextSlaAlertAt?.toISOString()).toBe('2026-03-16T01:15:00.000Z');
  });

  it('warns afresh about the new targets after a priority change', async () => {
    clock.set(new Date('2026-03-23T01:00:00Z')); // Monday 09:00 local
    const number = await reportIncident(t, 'Label printer slow');
    await sweep('2026-03-23T03:00:00Z'); // 50 % of P3's 4 h response
    expect(slaLines().filter((text) => text.includes(`${number} (P3`))).toHaveLength(2);
    clock.set(new Date('2026-03-23T03:05:00Z'));
    const form = await openForm(t, number, 'change_priority', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ impact: { type: 'static_select', value: 'very_high' }, urgency: { type: 'static_select', value: 'critical' }, reason: { type: 'plain_text_input', value: 'Dispatch is blocked' } }));
    await settle(t);
    // As P1 (24×7 from 09:00) the 30-minute response target ran out at 09:30 and half of the 4 h
    // resolution target was used at 11:00: one breach and one warning, each in the thread and to the desk.
    await sweep('2026-03-23T03:06:00Z');
    const p1 = slaLines().filter((text) => text.includes(`${number} (P1`));
    expect(p1).toHaveLength(4);
    expect(p1.filter((text) => text.includes('breached its response target'))).toHaveLength(2);
    expect(p1.filter((text) => text.includes('has used 50 % of its resolution time'))).toHaveLength(2);
  });

  it('/sla refuses to explain a ticket the asker may not see, and explains usage', async () => {
    const number = await reportIncident(t, 'Private matter', 'U0SOMEONE');
    await t.slack.slashCommand({ command: '/sla', text: number, userId: 'U0NOSY', responseUrl: t.fake.responseUrl('sla-2') });
    expect((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === 'sla-2')).args.text).toBe("You're not allowed to do that on this ticket.");
    await t.slack.slashCommand({ command: '/sla', text: 'soon', userId: 'U0NOSY', responseUrl: t.fake.responseUrl('sla-3') });
    expect((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === 'sla-3')).args.text).toBe('Use `/sla INC-000123`.');
  });
});
