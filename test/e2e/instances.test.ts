// Three instances of the bot against one PostgreSQL server, under concurrent commands, clicks,
// decisions and scheduled ticks: no duplicate numbers, records, transitions, decisions or notices.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { settle } from '../support/incident-flows.js';
import { CAB_CHANNEL, CHANGE_PEOPLE, changeSettings, dmsTo, raiseValues } from '../support/change-flows.js';
import { inputValues } from '../support/slack-requests.js';
import { DESK_CHANNEL, PEOPLE } from '../support/test-bot.js';
import { useInstancesOnServer } from '../support/instances.js';

const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
const onServer = process.env.TEST_DB === 'postgres';
const world = useInstancesOnServer(3, { clock, settings: () => changeSettings() });
const bots = world.bots;

const bot = (index: number) => bots[index % bots.length]!;
const settleAll = async () => {
  await Promise.all(bots.map((each) => each.bot.worker.deliverDue()));
  await settle(bots[0]!);
};

describe('three instances on one PostgreSQL server', () => {
  it('number every incident once, even when Slack sends a command to two instances', async (context) => {
    if (!onServer) context.skip(); // instances share a database server
    const commands = Array.from({ length: 30 }, (_, index) => ({ command: '/incident', text: `Printer ${index} jammed`, userId: PEOPLE.reporter, triggerId: `T${index}` }));
    // Each command arrives twice, at two different instances (a retry after a slow answer).
    await Promise.all(commands.flatMap((command, index) => [bot(index).slack.slashCommand(command), bot(index + 1).slack.slashCommand(command)]));
    await expect.poll(() => bots[0]!.bot.db.prisma.incident.count(), { timeout: 20_000 }).toBe(30);
    await settleAll();
    const numbers = (await bots[0]!.bot.db.prisma.incident.findMany({ orderBy: { id: 'asc' } })).map((incident) => incident.number);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, index) => `INC-${String(index + 1).padStart(6, '0')}`));
    const cards = world.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === DESK_CHANNEL && /^INC-\d{6} /.test(String(call.args.text)));
    expect(cards).toHaveLength(30);
  });

  it('apply one transition when the same button is clicked on three instances at once', async (context) => {
    if (!onServer) context.skip();
    const click = (index: number) => bot(index).slack.blockAction({ userId: PEOPLE.agent, actionId: 'incident.take', blockId: 'incident_actions:INC-000001:1', value: 'INC-000001', channelId: DESK_CHANNEL, message: { ts: '1.1' }, responseUrl: world.fake.responseUrl() });
    await Promise.all([click(0), click(1), click(2)]);
    await expect.poll(() => world.fake.callsTo('response_url').filter((call) => call.args.text === 'That has already been done.').length, { timeout: 10_000 }).toBe(2);
    await settleAll();
    const takes = await bots[0]!.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: 'INC-000001', action: 'take' }, orderBy: { id: 'asc' } });
    expect(takes.map((entry) => [entry.field, entry.toValue])).toEqual([
      ['state', 'in_progress'],
      ['assigneeId', PEOPLE.agent],
    ]);
  });

  it('count one approval when a form is submitted to three instances at once, and send each reminder once', async (context) => {
    if (!onServer) context.skip();
    const raise = { id: 'VRAISE-MULTI', callback_id: 'change_raise', private_metadata: '{"raisedFrom":null}', state: { values: raiseValues({ start: '2026-03-02T03:00:00Z', end: '2026-03-02T04:00:00Z', items: 'LB-01' }) } };
    await Promise.all(bots.map((each) => each.slack.viewSubmission({ userId: CHANGE_PEOPLE.requester, view: raise })));
    expect(await bots[0]!.bot.db.prisma.change.count()).toBe(1);
    const assess = { id: 'VASSESS', callback_id: 'change.action.assess', private_metadata: 'CHG-000001', state: { values: inputValues({ risk_level: { type: 'static_select', value: 'low' }, reason: { type: 'plain_text_input', value: null } }) } };
    await Promise.all(bots.map((each) => each.slack.viewSubmission({ userId: CHANGE_PEOPLE.changeManager, view: assess })));
    const approve = { id: 'VAPPROVE', callback_id: 'change.action.approve', private_metadata: 'CHG-000001', state: { values: inputValues({ comment: { type: 'plain_text_input', value: null } }) } };
    await Promise.all(bots.map((each) => each.slack.viewSubmission({ userId: CHANGE_PEOPLE.changeManager, view: approve })));
    const change = await bots[0]!.bot.db.prisma.change.findUniqueOrThrow({ where: { number: 'CHG-000001' } });
    expect(change.state).toBe('scheduled');
    const audit = await bots[0]!.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: 'CHG-000001' }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual(['created', 'submit', 'assess', 'approval_approve', 'authorise']);

    // 02:00Z is an hour before the start: three instances tick at once, the implementer hears once.
    clock.set(new Date('2026-03-02T02:00:00Z'));
    await Promise.all(bots.flatMap((each) => [each.bot.scheduler.tick('changes.reminders'), each.bot.scheduler.tick('changes.reminders')]));
    clock.set(new Date('2026-03-02T02:05:00Z'));
    await Promise.all(bots.map((each) => each.bot.scheduler.tick('changes.reminders')));
    await settleAll();
    expect(dmsTo(bots[0]!, CHANGE_PEOPLE.implementer).filter((text) => text.startsWith(':alarm_clock: CHG-000001'))).toHaveLength(1);
    expect(world.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === CAB_CHANNEL && String(call.args.text).startsWith('CHG-000001 '))).toHaveLength(1);
  });
});
