// Major incidents: their own channel with a pinned summary, updates for stakeholders, reminders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { inputValues } from '../support/slack-requests.js';
import { cardActionIds, currentCard, dmsTo, openForm, reportIncident, settle, submitForm } from '../support/incident-flows.js';
import { PEOPLE, startTestBot, testSettings, type TestBot } from '../support/test-bot.js';

const STAKEHOLDERS = 'C0STAKE';
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  const base = testSettings();
  t = await startTestBot({ clock, settings: testSettings({ channels: { ...base.channels, stakeholders: STAKEHOLDERS } }) });
});
afterAll(async () => t.stop());

describe('a major incident', () => {
  it('gets its own channel with the people in it, a pinned summary, updates for stakeholders and reminders for the lead', async () => {
    const number = await reportIncident(t, 'Email is down for everyone');
    const declare = await openForm(t, number, 'declare_major', PEOPLE.agent);
    const missing = await submitForm(t, declare, PEOPLE.agent, inputValues({ lead: { type: 'users_select', value: null }, summary: { type: 'plain_text_input', value: 'All mailboxes' } }));
    expect(missing.body).toEqual({ response_action: 'errors', errors: { lead: 'Please choose one.' } });
    await submitForm(t, declare, PEOPLE.agent, inputValues({ lead: { type: 'users_select', value: PEOPLE.manager }, summary: { type: 'plain_text_input', value: 'No one can send or receive mail' } }));
    await settle(t);

    const created = t.fake.lastCall('conversations.create')!;
    expect(created.args.name).toBe(number.toLowerCase());
    const channel = await t.bot.db.prisma.slackMessageRef.findFirstOrThrow({ where: { purpose: 'major_channel' } });
    expect(String(t.fake.lastCall('conversations.invite')!.args.users).split(',').sort()).toEqual([PEOPLE.agent, PEOPLE.manager].sort());
    const summary = t.fake.callsTo('chat.postMessage').find((call) => call.args.channel === channel.channel)!;
    expect(JSON.stringify(summary.args.blocks)).toContain('No one can send or receive mail');
    expect(t.fake.lastCall('pins.add')!.args).toMatchObject({ channel: channel.channel, timestamp: channel.ts });
    expect(t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === STAKEHOLDERS).map((call) => call.args.text)).toEqual([
      `:rotating_light: Major incident ${number}: Email is down for everyone. Lead: <@${PEOPLE.manager}>. Updates follow here.`,
    ]);
    expect(currentCard(t, number).text).toContain('Major incident, led by');
    expect(cardActionIds(t, number)).not.toContain('incident.form.declare_major');

    const update = await openForm(t, number, 'major_update', PEOPLE.manager);
    await submitForm(t, update, PEOPLE.manager, inputValues({ text: { type: 'plain_text_input', value: 'Failover to the standby cluster started' } }));
    await settle(t);
    const updateText = `:information_source: Update on ${number} (Email is down for everyone) from <@${PEOPLE.manager}>: Failover to the standby cluster started`;
    expect(t.fake.callsTo('chat.postMessage').filter((call) => call.args.text === updateText).map((call) => call.args.channel).sort()).toEqual([channel.channel, STAKEHOLDERS].sort());

    const reminders = () => dmsTo(t, PEOPLE.manager).filter((text) => text.startsWith('Time for a status update'));
    clock.advance(29 * 60_000);
    await t.bot.scheduler.tick('incidents.major_reminders');
    await settle(t);
    expect(reminders()).toHaveLength(0);
    clock.advance(2 * 60_000);
    await Promise.all([t.bot.scheduler.tick('incidents.major_reminders'), t.bot.scheduler.tick('incidents.major_reminders')]);
    await settle(t);
    expect(reminders()).toHaveLength(1);
    clock.advance(5 * 60_000);
    await t.bot.scheduler.tick('incidents.major_reminders');
    await settle(t);
    expect(reminders()).toHaveLength(1);
    clock.advance(30 * 60_000);
    await t.bot.scheduler.tick('incidents.major_reminders');
    await settle(t);
    expect(reminders()).toHaveLength(2);
  });

  it('may not be declared by someone outside the desk', async () => {
    const number = await reportIncident(t, 'Phones dead');
    const refused = t.fake.responseUrl();
    const before = t.fake.callsTo('views.open').length;
    await t.slack.blockAction({ userId: PEOPLE.outsider, actionId: 'incident.form.declare_major', value: number, responseUrl: refused });
    const answer = await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === refused.split('/').at(-1));
    expect(answer.args.text).toBe("You're not allowed to do that on this ticket.");
    expect(t.fake.callsTo('views.open')).toHaveLength(before);
  });
});
