// Working an incident from its card and the reporter's DMs, end to end through signed requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValues } from '../support/slack-requests.js';
import {
  cardActionIds,
  cardTs,
  dmsTo,
  openForm,
  pressInDm,
  pressOnCard,
  reportIncident,
  responseTo,
  settle,
  submitForm,
  threadLines,
} from '../support/incident-flows.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => t.stop());

const incident = (number: string) => t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } });
const audit = async (number: string) =>
  (await t.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: number }, orderBy: { id: 'asc' } })).map((entry) => ({
    action: entry.action,
    field: entry.field,
    from: entry.fromValue,
    to: entry.toValue,
    actor: entry.actorId,
  }));

describe('taking a ticket', () => {
  it('assigns the agent, updates the card in place, writes the timeline and tells the reporter', async () => {
    const number = await reportIncident(t, 'Laptop will not boot');
    const ts = await cardTs(t, number);
    await pressOnCard(t, number, 'incident.take', PEOPLE.agent);
    await expect.poll(async () => (await incident(number)).state).toBe('in_progress');
    await settle(t);

    expect(await incident(number)).toMatchObject({ assigneeId: PEOPLE.agent, firstResponseAt: expect.any(Date) });
    const update = t.fake.lastCall('chat.update')!;
    expect(update.args.ts).toBe(ts);
    expect(JSON.stringify(update.args.blocks)).toContain(`<@${PEOPLE.agent}>`);
    expect(cardActionIds(t, number)).not.toContain('incident.take');
    expect(threadLines(t).at(-1)).toBe(`<@${PEOPLE.agent}> took the ticket.`);
    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toBe(`<@${PEOPLE.agent}> is working on ${number} (Laptop will not boot).`);
    expect((await audit(number)).slice(1)).toEqual([
      { action: 'take', field: 'state', from: 'new', to: 'in_progress', actor: PEOPLE.agent },
      { action: 'take', field: 'assigneeId', from: null, to: PEOPLE.agent, actor: PEOPLE.agent },
    ]);

    await t.slack.slashCommand({ command: '/itsm', text: `audit ${number}`, userId: PEOPLE.agent, responseUrl: t.fake.responseUrl('audit-1') });
    const history = String(JSON.stringify((await responseTo(t, 'audit-1')).args.blocks));
    expect(history).toContain(`*History of ${number}* (3 entries, oldest first)`);
    expect(history).toMatch(/<@U0REPORTER> · created.*<@U0AGENT> · take · state: new → in_progress.*<@U0AGENT> · take · assigneeId: — → U0AGENT/);
    await t.slack.slashCommand({ command: '/itsm', text: `audit ${number}`, userId: PEOPLE.outsider, responseUrl: t.fake.responseUrl('audit-2') });
    expect((await responseTo(t, 'audit-2')).args.text).toBe("You're not allowed to do that on this ticket.");
  });

  it('tells someone without a desk role that they are not allowed, and changes nothing', async () => {
    const number = await reportIncident(t, 'Monitor flickers');
    const reply = await pressOnCard(t, number, 'incident.take', PEOPLE.outsider);
    expect((await responseTo(t, reply)).args).toMatchObject({ response_type: 'ephemeral', text: "You're not allowed to do that on this ticket." });
    expect(await incident(number)).toMatchObject({ state: 'new', assigneeId: null });
    expect(await audit(number)).toHaveLength(1);
  });

  it('gives one transition for a double click, and a clear word for the second click', async () => {
    const number = await reportIncident(t, 'Printer jammed');
    const replies = await Promise.all([pressOnCard(t, number, 'incident.take', PEOPLE.agent), pressOnCard(t, number, 'incident.take', PEOPLE.secondLine)]);
    const answer = await Promise.race(replies.map((id) => responseTo(t, id)));
    expect(answer.args.text).toBe('That has already been done.');
    await settle(t);
    expect((await audit(number)).filter((entry) => entry.action === 'take' && entry.field === 'state')).toHaveLength(1);
  });

  it('refuses to assign the ticket to someone who does not work tickets', async () => {
    const number = await reportIncident(t, 'Mouse double-clicks');
    const reply = await pressOnCard(t, number, 'incident.assign', PEOPLE.agent, PEOPLE.outsider);
    expect((await responseTo(t, reply)).args.text).toBe(`<@${PEOPLE.outsider}> does not work this kind of ticket, so it cannot be assigned to them.`);
    expect((await incident(number)).assigneeId).toBeNull();
  });

  it('assigns to the person picked in the user select', async () => {
    const number = await reportIncident(t, 'Need a second screen');
    await pressOnCard(t, number, 'incident.assign', PEOPLE.agent, PEOPLE.secondLine);
    await expect.poll(async () => (await incident(number)).assigneeId).toBe(PEOPLE.secondLine);
    await settle(t);
    expect(threadLines(t).at(-1)).toBe(`<@${PEOPLE.agent}> assigned the ticket to <@${PEOPLE.secondLine}>.`);

    await t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.secondLine, channel: 'D0SECOND', tab: 'home' } });
    const home = await t.fake.waitForCall('views.publish', (call) => call.args.user_id === PEOPLE.secondLine);
    expect(JSON.stringify(home.args.view)).toMatch(new RegExp(`Your queue.*${number}`));
  });
});

describe('resolving, confirming and the survey', () => {
  it('resolves through the form, asks the reporter, closes on Yes, and records one rating', async () => {
    const number = await reportIncident(t, 'Outlook crashes on start');
    await pressOnCard(t, number, 'incident.take', PEOPLE.agent);
    await expect.poll(async () => (await incident(number)).state).toBe('in_progress');
    await settle(t);

    const form = await openForm(t, number, 'resolve', PEOPLE.agent);
    expect(form.callback_id).toBe('incident.action.resolve');
    const response = await submitForm(t, form, PEOPLE.agent, inputValues({ resolution_code: { type: 'static_select', value: 'fixed' }, notes: { type: 'plain_text_input', value: 'Repaired the Office profile' } }));
    expect(response.status).toBe(200);
    expect(await incident(number)).toMatchObject({ state: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'Repaired the Office profile' });
    await settle(t);
    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toBe(`${number} (Outlook crashes on start) has been resolved: Repaired the Office profile\nIs it fixed?`);

    await pressInDm(t, PEOPLE.reporter, 'incident.fixed_yes');
    await expect.poll(async () => (await incident(number)).state).toBe('closed');
    await settle(t);
    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toContain(`${number} is closed. How satisfied are you`);

    const [first, second] = await Promise.all([pressInDm(t, PEOPLE.reporter, 'incident.rate.satisfied'), pressInDm(t, PEOPLE.reporter, 'incident.rate.satisfied')]);
    const answers = await Promise.all([responseTo(t, first), responseTo(t, second)]);
    expect(answers.map((answer) => answer.args.text).sort()).toEqual([`Thank you for your feedback on ${number}: Satisfied.`, 'This survey has already been answered.'].sort());
    const surveys = await t.bot.db.prisma.satisfactionSurvey.findMany({ where: { incidentId: (await incident(number)).id } });
    expect(surveys).toMatchObject([{ rating: 'satisfied', respondentId: PEOPLE.reporter }]);

    const opened = t.fake.callsTo('views.open').length;
    await t.slack.blockAction({ userId: PEOPLE.reporter, actionId: 'incident.survey_comment', value: number });
    await expect.poll(() => t.fake.callsTo('views.open').length).toBe(opened + 1);
    const commentForm = t.fake.callsTo('views.open').at(-1)!.args.view as { callback_id: string; private_metadata: string };
    await t.slack.viewSubmission({ userId: PEOPLE.reporter, view: { id: 'V0COMMENT', callback_id: commentForm.callback_id, private_metadata: commentForm.private_metadata, state: { values: inputValues({ comment: { type: 'plain_text_input', value: 'Quick and friendly' } }) } } });
    await expect.poll(async () => (await t.bot.db.prisma.satisfactionSurvey.findFirstOrThrow({ where: { incidentId: (await incident(number)).id } })).comment).toBe('Quick and friendly');
    await settle(t);
    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toBe(`Thanks, your comment on ${number} is recorded.`);
    expect(threadLines(t).at(-1)).toBe(`<@${PEOPLE.reporter}> commented on the service: Quick and friendly`);
  });

  it('reopens when the reporter says it is still broken', async () => {
    const number = await reportIncident(t, 'VPN disconnects');
    const form = await openForm(t, number, 'resolve', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ resolution_code: { type: 'static_select', value: 'workaround' }, notes: { type: 'plain_text_input', value: 'Use the backup gateway' } }));
    await settle(t);
    await pressInDm(t, PEOPLE.reporter, 'incident.fixed_no');
    await expect.poll(async () => (await incident(number)).state).toBe('in_progress');
    expect((await incident(number)).reopenCount).toBe(1);
  });

  it('shows missing fields inline and changes nothing', async () => {
    const number = await reportIncident(t, 'Keyboard missing keys');
    const form = await openForm(t, number, 'resolve', PEOPLE.agent);
    const response = await submitForm(t, form, PEOPLE.agent, inputValues({ resolution_code: { type: 'static_select', value: 'fixed' }, notes: { type: 'plain_text_input', value: '  ' } }));
    expect(response.body).toEqual({ response_action: 'errors', errors: { notes: 'This is required.' } });
    expect((await incident(number)).state).toBe('new');
  });

  it('refuses to resolve a closed ticket, saying why', async () => {
    const number = await reportIncident(t, 'Old ticket');
    const form = await openForm(t, number, 'resolve', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ resolution_code: { type: 'static_select', value: 'fixed' }, notes: { type: 'plain_text_input', value: 'done' } }));
    await settle(t);
    await pressInDm(t, PEOPLE.reporter, 'incident.fixed_yes');
    await expect.poll(async () => (await incident(number)).state).toBe('closed');
    await settle(t);
    expect(cardActionIds(t, number)).toEqual([]);
    const again = await submitForm(t, form, PEOPLE.agent, inputValues({ resolution_code: { type: 'static_select', value: 'fixed' }, notes: { type: 'plain_text_input', value: 'again' } }));
    expect(again.body).toEqual({ response_action: 'errors', errors: { resolution_code: `${number} is closed and can no longer be changed.` } });
  });
});

describe('the rest of the card', () => {
  it('sets a ticket pending on the requester, tells them, and resumes', async () => {
    const number = await reportIncident(t, 'Cannot open shared drive');
    await pressOnCard(t, number, 'incident.take', PEOPLE.agent);
    await expect.poll(async () => (await incident(number)).state).toBe('in_progress');
    await settle(t);
    const form = await openForm(t, number, 'hold', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ hold_kind: { type: 'static_select', value: 'awaiting_requester' }, reason: { type: 'plain_text_input', value: 'Which drive letter?' } }));
    expect(await incident(number)).toMatchObject({ state: 'on_hold', holdKind: 'awaiting_requester', holdReason: 'Which drive letter?' });
    await settle(t);
    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toContain('We need your input on');
    await pressOnCard(t, number, 'incident.resume', PEOPLE.agent);
    await expect.poll(async () => (await incident(number)).state).toBe('in_progress');
  });

  it('escalates to the second line with a reason, clearing the assignee', async () => {
    const number = await reportIncident(t, 'Database slow');
    await pressOnCard(t, number, 'incident.take', PEOPLE.agent);
    await expect.poll(async () => (await incident(number)).state).toBe('in_progress');
    await settle(t);
    const form = await openForm(t, number, 'escalate_functional', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ tier: { type: 'static_select', value: 'second_line' }, reason: { type: 'plain_text_input', value: 'Needs a DBA' } }));
    expect(await incident(number)).toMatchObject({ state: 'new', tier: 'second_line', assigneeId: null });
    await settle(t);
    expect(threadLines(t).slice(-2)).toEqual([`<@${PEOPLE.agent}> escalated to Second line: Needs a DBA`, `<@${PEOPLE.secondLine}>, this one is for you.`]);
  });

  it('escalates to the incident manager, who is told directly, once', async () => {
    const number = await reportIncident(t, 'Core switch flapping');
    const form = await openForm(t, number, 'escalate_hierarchical', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ reason: { type: 'plain_text_input', value: 'Whole building affected' } }));
    expect((await incident(number)).managerEscalatedAt).not.toBeNull();
    await settle(t);
    expect(dmsTo(t, PEOPLE.manager).at(-1)).toBe(`:rotating_light: <@${PEOPLE.agent}> escalated ${number} · Core switch flapping (P3) to the incident manager: Whole building affected`);
    expect(cardActionIds(t, number)).not.toContain('incident.form.escalate_hierarchical');
  });

  it('changes the priority with a reason, audited from → to', async () => {
    const number = await reportIncident(t, 'Payroll export fails');
    const form = await openForm(t, number, 'change_priority', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ impact: { type: 'static_select', value: 'very_high' }, urgency: { type: 'static_select', value: 'critical' }, reason: { type: 'plain_text_input', value: 'Payday tomorrow' } }));
    expect((await incident(number)).priority).toBe('P1');
    const entries = await t.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: number, field: 'priority' } });
    expect(entries).toMatchObject([{ action: 'change_priority', fromValue: 'P3', toValue: 'P1' }]);
  });

  it('adds public notes for the reporter and internal notes for the desk only', async () => {
    const number = await reportIncident(t, 'Badge reader broken');
    const internal = await openForm(t, number, 'add_note', PEOPLE.agent);
    await submitForm(t, internal, PEOPLE.agent, inputValues({ text: { type: 'plain_text_input', value: 'Vendor contract expired' }, visibility: { type: 'static_select', value: 'internal' } }));
    const publicNote = await openForm(t, number, 'add_note', PEOPLE.agent);
    await submitForm(t, publicNote, PEOPLE.agent, inputValues({ text: { type: 'plain_text_input', value: 'A technician comes at 3 pm' }, visibility: { type: 'static_select', value: 'public' } }));
    await settle(t);
    const reporterDms = dmsTo(t, PEOPLE.reporter).join('\n');
    expect(reporterDms).toContain('A technician comes at 3 pm');
    expect(reporterDms).not.toContain('Vendor contract expired');
    expect(threadLines(t).slice(-2)).toEqual([
      `<@${PEOPLE.agent}> added an internal note: Vendor contract expired`,
      `<@${PEOPLE.agent}> added a note for the reporter: A technician comes at 3 pm`,
    ]);
  });

  it('closes a duplicate, linking it to the original', async () => {
    const original = await reportIncident(t, 'Wi-Fi down on floor 2');
    const duplicate = await reportIncident(t, 'No wifi floor 2');
    const form = await openForm(t, duplicate, 'mark_duplicate', PEOPLE.agent);
    const bad = await submitForm(t, form, PEOPLE.agent, inputValues({ duplicate_of: { type: 'plain_text_input', value: 'yesterday' }, notes: { type: 'plain_text_input', value: null } }));
    expect(bad.body).toEqual({ response_action: 'errors', errors: { duplicate_of: 'Give an incident number such as INC-000123.' } });
    await submitForm(t, form, PEOPLE.agent, inputValues({ duplicate_of: { type: 'plain_text_input', value: original.toLowerCase() }, notes: { type: 'plain_text_input', value: null } }));
    expect(await incident(duplicate)).toMatchObject({ state: 'closed', duplicateOf: original, resolutionCode: 'duplicate' });
    expect((await audit(original)).at(-1)).toEqual({ action: 'duplicate_linked', field: null, from: null, to: duplicate, actor: PEOPLE.agent });
    await settle(t);
    expect(threadLines(t)).toContain(`<@${PEOPLE.agent}> marked ${duplicate} as a duplicate of this ticket.`);
    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toBe(`${duplicate} (No wifi floor 2) was merged into ${original}; follow that one for updates.`);
  });
});
