// After a breach: the escalation chain pings on-call then the incident manager, with Acknowledge and Snooze.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Settings } from '../../src/settings/schema.js';
import { inputValues } from '../support/slack-requests.js';
import { dmsTo, reportIncident, settle, threadLines } from '../support/incident-flows.js';
import { PEOPLE, startTestBot, testSettings, type TestBot } from '../support/test-bot.js';

// Monday 2 March 2026 09:00 in Shanghai; a P3's response target (4 business hours) breaches at 13:00 = 05:00Z.
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
let t: TestBot;
let settings: Settings;
beforeAll(async () => {
  settings = testSettings({
    oncall: {
      rotations: [{ team: 'service_desk', cadence: 'weekly', handoffAt: '09:00', handoffWeekday: 1, timeZone: 'Asia/Shanghai', startsOn: '2026-03-02', members: [PEOPLE.agent], leads: [PEOPLE.manager] }],
      overrides: [],
    },
  });
  t = await startTestBot({ clock, settings });
});
afterAll(async () => t.stop());

async function at(iso: string) {
  clock.set(new Date(iso));
  await t.bot.scheduler.tick('sla.alerts');
  await Promise.all([t.bot.scheduler.tick('sla.escalations'), t.bot.scheduler.tick('sla.escalations')]);
  await settle(t);
}

function pressOnPing(userId: string, actionId: string) {
  const ping = t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === userId && JSON.stringify(call.args.blocks ?? '').includes(actionId)).at(-1)!;
  const responseUrl = t.fake.responseUrl();
  const value = /"value":"(\d+)"/.exec(JSON.stringify(ping.args.blocks))![1]!;
  return { sent: t.slack.blockAction({ userId, actionId, blockId: 'escalation', value, message: { ts: '1.1', text: String(ping.args.text) }, responseUrl }), id: responseUrl.split('/').at(-1)! };
}

const pings = (userId: string) => dmsTo(t, userId).filter((text) => text.startsWith(':rotating_light:') && text.includes('is escalated to you'));

describe('the escalation chain', () => {
  it('pings on-call, then the incident manager; snooze delays it, acknowledge stops it; the policy is the one in force at the start', async () => {
    const number = await reportIncident(t, 'ERP login fails');
    await at('2026-03-02T05:00:00Z');
    expect(pings(PEOPLE.agent)).toEqual([
      `:rotating_light: ${number} (P3, ERP login fails) breached its SLA and is escalated to you (on call for Service desk, round 1). Acknowledge to stop the escalation.`,
    ]);
    expect(threadLines(t).at(-1)).toBe(`Escalated (on call for Service desk, round 1) to <@${PEOPLE.agent}>.`);

    // An admin shortens the policy now; the running chain keeps the one it started with.
    settings.escalation = { steps: [{ notify: 'incident_manager', waitMinutes: 60 }], rounds: 1 };

    await at('2026-03-02T05:14:00Z');
    expect(pings(PEOPLE.manager)).toHaveLength(0);
    await at('2026-03-02T05:15:00Z');
    expect(pings(PEOPLE.manager)).toHaveLength(1);

    clock.set(new Date('2026-03-02T05:16:00Z'));
    const snooze = pressOnPing(PEOPLE.manager, 'escalation.snooze');
    await snooze.sent;
    expect((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === snooze.id)).args.text).toBe(`Snoozed. The next escalation step of ${number} waits 30 minutes.`);
    await at('2026-03-02T05:30:00Z');
    expect(pings(PEOPLE.agent)).toHaveLength(1);
    await at('2026-03-02T05:46:00Z');
    expect(pings(PEOPLE.agent)).toHaveLength(2);

    const outsider = pressOnPing(PEOPLE.agent, 'escalation.acknowledge');
    await t.slack.blockAction({ userId: PEOPLE.outsider, actionId: 'escalation.acknowledge', blockId: 'escalation', value: String((await t.bot.db.prisma.escalation.findFirstOrThrow()).id), responseUrl: t.fake.responseUrl('outsider-ack') });
    expect((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === 'outsider-ack')).args.text).toBe("You're not allowed to do that on this ticket.");
    await outsider.sent;
    expect((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === outsider.id)).args.text).toBe(`Acknowledged. The escalation of ${number} has stopped.`);
    const again = pressOnPing(PEOPLE.agent, 'escalation.acknowledge');
    await again.sent;
    expect((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === again.id)).args.text).toBe('That has already been done.');

    await at('2026-03-02T06:30:00Z');
    expect(pings(PEOPLE.manager)).toHaveLength(1);
    expect(await t.bot.db.prisma.escalation.findFirstOrThrow()).toMatchObject({ state: 'acknowledged', acknowledgedBy: PEOPLE.agent, nextStepAt: null });
    const steps = await t.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: number, action: { startsWith: 'escalation_' } }, orderBy: { id: 'asc' } });
    expect(steps.map((entry) => [entry.action, entry.actorId])).toEqual([
      ['escalation_step', 'system'],
      ['escalation_step', 'system'],
      ['escalation_snoozed', PEOPLE.manager],
      ['escalation_step', 'system'],
      ['escalation_acknowledged', PEOPLE.agent],
    ]);
  });
});

describe('escalating a security incident', () => {
  it('pings the security team only, never people who may not see it', async () => {
    clock.set(new Date('2026-03-09T01:00:00Z')); // Monday 09:00 local
    await t.slack.viewSubmission({
      userId: PEOPLE.reporter,
      view: {
        id: 'V0SECESC',
        callback_id: 'incident_report',
        state: { values: inputValues({ title: { type: 'plain_text_input', value: 'Ransomware note on a laptop' }, impact: { type: 'static_select', value: 'medium' }, urgency: { type: 'static_select', value: 'medium' }, security: { type: 'checkboxes', value: ['yes'] } }) },
      },
    });
    await expect.poll(() => t.bot.db.prisma.incident.count({ where: { isSecurity: true } })).toBe(1);
    await settle(t);
    await at('2026-03-09T05:00:00Z'); // the P3 response target breaches at 13:00 local
    expect(pings(PEOPLE.security)).toEqual([expect.stringContaining('Ransomware note on a laptop')]);
    // This chain started under the policy edited in the test above (one step, one round): nothing follows.
    await at('2026-03-09T06:15:00Z');
    expect(pings(PEOPLE.security)).toHaveLength(1);
    const aboutIt = (userId: string) => pings(userId).filter((text) => text.includes('Ransomware'));
    expect([aboutIt(PEOPLE.agent), aboutIt(PEOPLE.manager)]).toEqual([[], []]);
  });
});

describe('escalating while someone stands in', () => {
  it('pings the person a lead put on call with /oncall override, not the rotation\'s member', async () => {
    clock.set(new Date('2026-03-16T00:30:00Z'));
    settings.escalation = { steps: [{ notify: 'on_call', waitMinutes: 15 }], rounds: 1 };
    await t.slack.slashCommand({ command: '/oncall', text: 'override <@U0STANDIN|stand-in> 2026-03-16 08:00 2026-03-17 08:00', userId: PEOPLE.manager, responseUrl: t.fake.responseUrl('standin') });
    expect((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === 'standin')).args.text).toMatch(/^:white_check_mark: <@U0STANDIN> is on call for \*Service desk\*/);
    clock.set(new Date('2026-03-16T01:00:00Z'));
    const number = await reportIncident(t, 'Printer queue stuck');
    const agentPings = pings(PEOPLE.agent).length;
    await at('2026-03-16T05:00:00Z');
    expect(pings('U0STANDIN')).toEqual([expect.stringMatching(new RegExp(`^:rotating_light: ${number} .* is escalated to you \\(on call for Service desk, round 1\\)`))]);
    expect(pings(PEOPLE.agent)).toHaveLength(agentPings);
  });
});
