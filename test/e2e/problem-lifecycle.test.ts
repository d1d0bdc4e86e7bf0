// Problems end to end: recorded from /problem and from an incident card, incidents linked, worked
// through the life cycle on the problem card, and the people on linked incidents told of the fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCard, dmsTo, openForm, reportIncident, settle, submitForm } from '../support/incident-flows.js';
import {
  actOnProblem,
  actionIdsOf,
  answerTo,
  command,
  initialValues,
  opensModal,
  PROBLEM_CHANNEL,
  PROBLEM_MANAGER,
  prefilledProblemForm,
  pressOnCardOf,
  problemForm,
  problemSettings,
  recordProblem,
  threadTexts,
} from '../support/problem-flows.js';
import { inputValues } from '../support/slack-requests.js';
import { DESK_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ settings: problemSettings() });
});
afterAll(async () => t.stop());

const problem = (number: string) => t.bot.db.prisma.problem.findUniqueOrThrow({ where: { number } });
const incident = (number: string) => t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } });
const cardText = (number: string) => currentCard(t, number).text;
const cardButtons = (number: string) => actionIdsOf(currentCard(t, number).blocks as never);

describe('recording a problem', () => {
  it('records it from /problem, posts its card to the problem channel and tells the person who recorded it', async () => {
    const number = await recordProblem(t, PROBLEM_MANAGER, { title: 'Print server drops jobs', description: 'Jobs vanish from the queue after a spooler restart', category: 'hardware/printer', impact: 'high', urgency: 'high', source: 'proactive' });
    expect(number).toMatch(/^PRB-\d{6}$/);
    expect(await problem(number)).toMatchObject({ state: 'new', priority: 'P2', categoryPath: 'hardware/printer', source: 'proactive', creatorId: PROBLEM_MANAGER });

    const card = t.fake.callsTo('chat.postMessage').find((call) => call.args.channel === PROBLEM_CHANNEL && String(call.args.text).includes(number))!;
    expect(JSON.stringify(card.args.blocks)).toContain(`${number} · Print server drops jobs`);
    expect(cardText(number)).toContain('Hardware › Printer');
    expect(cardText(number)).toContain('Proactive review');
    expect(cardButtons(number)).toEqual(expect.arrayContaining(['problem.investigate', 'problem.assign', 'problem.form.link_incident', 'problem.form.cancel']));
    expect(dmsTo(t, PROBLEM_MANAGER).at(-1)).toBe(`${number} recorded: *Print server drops jobs* (P2). Its card is in <#${PROBLEM_CHANNEL}>.`);
    const audit = await t.bot.db.prisma.auditEntry.findMany({ where: { recordType: 'problem', recordNumber: number } });
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([['created', PROBLEM_MANAGER]]);
  });

  it('shows what is wrong in the form itself, and records nothing', async () => {
    const before = await t.bot.db.prisma.problem.count();
    const view = await opensModal(t, () => t.slack.slashCommand({ command: '/problem', userId: PEOPLE.agent }));
    const empty = await submitForm(t, view, PEOPLE.agent, problemForm({ title: ' ', incidents: 'yesterday INC-1' }));
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: { title: 'Please give the problem a title.', problem_incidents: 'Give incident numbers such as INC-000123, separated by spaces or commas.' },
    });
    const missing = await submitForm(t, view, PEOPLE.agent, problemForm({ title: 'Mail delays', incidents: 'INC-999999' }));
    expect(missing.body).toEqual({ response_action: 'errors', errors: { problem_incidents: "I couldn't find INC-999999." } });
    expect(await t.bot.db.prisma.problem.count()).toBe(before);
  });

  it('refuses someone who neither works the desk nor manages problems, privately', async () => {
    expect((await command(t, '/problem', '', PEOPLE.outsider)).text).toBe("You're not allowed to do that on this ticket.");
    expect((await command(t, '/problem', 'show PRB-000001', PEOPLE.outsider)).text).toBe("You're not allowed to do that on this ticket.");
  });

  it('records it from an incident card, prefilled and linked, and the incident shows the problem', async () => {
    const number = await reportIncident(t, 'Outlook freezes when opening shared calendars');
    const view = await opensModal(t, () => pressOnCardOf(t, number, 'problem.create_from_incident', PEOPLE.agent));
    expect(initialValues(view)).toMatchObject({ title: 'Outlook freezes when opening shared calendars', problem_source: 'incident', problem_incidents: number });
    await submitForm(t, view, PEOPLE.agent, prefilledProblemForm(view));
    await expect.poll(() => t.bot.db.prisma.problemIncident.count({ where: { incidentNumber: number } })).toBe(1);
    await settle(t);

    const recorded = await t.bot.db.prisma.problem.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(recorded).toMatchObject({ source: 'incident', title: 'Outlook freezes when opening shared calendars', creatorId: PEOPLE.agent });
    expect(cardText(recorded.number)).toContain(number);
    expect(cardText(number)).toContain(`Problem: ${recorded.number}`);
    expect(threadTexts(t, DESK_CHANNEL).at(-1)).toBe(`<@${PEOPLE.agent}> linked this incident to problem ${recorded.number} (Outlook freezes when opening shared calendars).`);
    const incidentAudit = await t.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: number, action: 'problem_linked' } });
    expect(incidentAudit).toMatchObject([{ toValue: recorded.number, actorId: PEOPLE.agent }]);
  });

  it('tells an outsider who presses "Create problem" that they may not', async () => {
    const number = await reportIncident(t, 'Keyboard sticky');
    const reply = await pressOnCardOf(t, number, 'problem.create_from_incident', PEOPLE.outsider);
    expect((await answerTo(t, reply)).text).toBe("You're not allowed to do that on this ticket.");
  });
});

describe('working a problem', () => {
  it('links more incidents, investigates, records the known error, resolves through a change and closes', async () => {
    const first = await reportIncident(t, 'VPN drops every hour');
    const second = await reportIncident(t, 'VPN disconnects at 10:00');
    const number = await recordProblem(t, PEOPLE.agent, { title: 'VPN concentrator resets sessions', incidents: first, source: 'incident' });

    await actOnProblem(t, number, 'link_incident', PEOPLE.agent, { problem_incidents: `${second.toLowerCase()}` });
    expect((await t.bot.db.prisma.problemIncident.findMany({ where: { problemId: (await problem(number)).id }, orderBy: { id: 'asc' } })).map((link) => link.incidentNumber)).toEqual([first, second]);
    expect(cardText(number)).toContain(`${first}, ${second}`);
    expect(threadTexts(t, PROBLEM_CHANNEL).at(-1)).toBe(`<@${PEOPLE.agent}> linked ${second}.`);

    // The desk may link, but running the investigation is the problem manager's.
    const refused = await pressOnCardOf(t, number, 'problem.investigate', PEOPLE.agent);
    expect((await answerTo(t, refused)).text).toBe("You're not allowed to do that on this ticket.");
    await pressOnCardOf(t, number, 'problem.investigate', PROBLEM_MANAGER);
    await expect.poll(async () => (await problem(number)).state).toBe('investigating');
    await settle(t);
    expect(cardText(number)).toContain(`<@${PROBLEM_MANAGER}>`);

    const noCause = await actOnProblem(t, number, 'record_known_error', PROBLEM_MANAGER, { root_cause: ' ', workaround: '' });
    expect(noCause.body).toEqual({ response_action: 'errors', errors: { root_cause: 'Record a root cause or a workaround (or both).' } });
    await actOnProblem(t, number, 'record_known_error', PROBLEM_MANAGER, { root_cause: 'Session table overflows at 4096 entries', workaround: 'Reconnect with the backup gateway vpn2.example.com' });
    expect(await problem(number)).toMatchObject({ state: 'known_error', workaround: 'Reconnect with the backup gateway vpn2.example.com' });
    expect(cardText(number)).toContain('Session table overflows at 4096 entries');
    expect(threadTexts(t, DESK_CHANNEL)).toContain(`:bulb: Problem ${number} has a workaround for this: Reconnect with the backup gateway vpn2.example.com`);

    const badChange = await actOnProblem(t, number, 'resolve', PROBLEM_MANAGER, { resolution: 'Firmware 9.2 raises the limit', change_number: 'tomorrow' });
    expect(badChange.body).toEqual({ response_action: 'errors', errors: { change_number: 'Give one change number such as CHG-000123, or leave it empty.' } });
    await actOnProblem(t, number, 'resolve', PROBLEM_MANAGER, { resolution: 'Firmware 9.2 raises the limit', change_number: 'chg-42' });
    expect(await problem(number)).toMatchObject({ state: 'resolved', resolutionNotes: 'Firmware 9.2 raises the limit', changeNumber: 'CHG-000042' });
    expect(cardText(number)).toContain('through CHG-000042');

    await pressOnCardOf(t, number, 'problem.close', PROBLEM_MANAGER);
    await expect.poll(async () => (await problem(number)).state).toBe('closed');
    await settle(t);
    expect(cardButtons(number)).toEqual([]);

    const history = await command(t, '/itsm', `audit ${number}`, PROBLEM_MANAGER);
    expect(history.blocks).toMatch(/investigate · state: new → investigating.*record_known_error · state: investigating → known_error.*resolve · state: known_error → resolved.*close · state: resolved → closed/);
    expect((await command(t, '/itsm', `audit ${number}`, PEOPLE.outsider)).text).toBe("You're not allowed to do that on this ticket.");
    expect((await command(t, '/problem', `show ${number.toLowerCase()}`, PEOPLE.agent)).blocks).toContain(`${number} · VPN concentrator resets sessions`);
  });

  it('does not let the desk link a security incident it may not see', async () => {
    const before = await t.bot.db.prisma.incident.count();
    const report = await opensModal(t, () => t.slack.slashCommand({ command: '/incident', userId: PEOPLE.reporter }));
    await submitForm(t, report, PEOPLE.reporter, inputValues({
      title: { type: 'plain_text_input', value: 'Phishing mail opened' },
      impact: { type: 'static_select', value: 'medium' },
      urgency: { type: 'static_select', value: 'medium' },
      security: { type: 'checkboxes', value: ['yes'] },
    }));
    await expect.poll(() => t.bot.db.prisma.incident.count()).toBe(before + 1);
    const secret = (await t.bot.db.prisma.incident.findFirstOrThrow({ orderBy: { id: 'desc' } })).number;
    const number = await recordProblem(t, PEOPLE.agent, { title: 'Mail filter lets phishing through' });
    const refused = await actOnProblem(t, number, 'link_incident', PEOPLE.agent, { problem_incidents: secret });
    expect(refused.body).toEqual({ response_action: 'errors', errors: { problem_incidents: "You're not allowed to do that on this ticket." } });
    await actOnProblem(t, number, 'link_incident', PEOPLE.security, { problem_incidents: secret });
    expect(await t.bot.db.prisma.problemIncident.count({ where: { incidentNumber: secret } })).toBe(1);
  });

  it('hands the investigation to someone who works problems, and tells them', async () => {
    const number = await recordProblem(t, PROBLEM_MANAGER, { title: 'Disk latency spikes' });
    const refused = await pressOnCardOf(t, number, 'problem.assign', PROBLEM_MANAGER, PEOPLE.outsider);
    expect((await answerTo(t, refused)).text).toBe(`<@${PEOPLE.outsider}> does not work this kind of ticket, so it cannot be assigned to them.`);
    await pressOnCardOf(t, number, 'problem.assign', PROBLEM_MANAGER, PEOPLE.secondLine);
    await expect.poll(async () => (await problem(number)).ownerId).toBe(PEOPLE.secondLine);
    await settle(t);
    expect(dmsTo(t, PEOPLE.secondLine).at(-1)).toBe(`<@${PROBLEM_MANAGER}> handed you the investigation of problem ${number} (Disk latency spikes).`);
  });
});

describe('the rest of the problem card', () => {
  it('changes the priority, reopens a fix that did not hold, and closes a problem without a fix', async () => {
    const number = await recordProblem(t, PROBLEM_MANAGER, { title: 'SSO logins slow on Mondays' });
    const priority = await opensModal(t, () => pressOnCardOf(t, number, 'problem.form.change_priority', PROBLEM_MANAGER));
    await submitForm(t, priority, PROBLEM_MANAGER, inputValues({ problem_impact: { type: 'static_select', value: 'very_high' }, problem_urgency: { type: 'static_select', value: 'high' }, problem_reason: { type: 'plain_text_input', value: 'Whole company affected' } }));
    expect((await problem(number)).priority).toBe('P1');
    await settle(t);
    expect(threadTexts(t, PROBLEM_CHANNEL).at(-1)).toBe(`<@${PROBLEM_MANAGER}> changed the priority from P3 to P1: Whole company affected`);

    await pressOnCardOf(t, number, 'problem.investigate', PROBLEM_MANAGER);
    await expect.poll(async () => (await problem(number)).state).toBe('investigating');
    await settle(t);
    await actOnProblem(t, number, 'resolve', PROBLEM_MANAGER, { resolution: 'Token cache enlarged', change_number: '' });
    await actOnProblem(t, number, 'reopen', PROBLEM_MANAGER, { problem_reason: 'Slow again this Monday' });
    expect(await problem(number)).toMatchObject({ state: 'investigating', reopenCount: 1, resolutionNotes: null });

    const noReason = await actOnProblem(t, number, 'cancel', PROBLEM_MANAGER, { problem_reason: '' });
    expect(noReason.body).toEqual({ response_action: 'errors', errors: { problem_reason: 'This is required.' } });
    await actOnProblem(t, number, 'cancel', PROBLEM_MANAGER, { problem_reason: 'Moved to the vendor as a feature request' });
    expect(await problem(number)).toMatchObject({ state: 'closed', cancelReason: 'Moved to the vendor as a feature request' });
    expect(cardText(number)).toContain('*Closed without a fix*: Moved to the vendor as a feature request');
    expect(cardButtons(number)).toEqual([]);
  });
});

describe('resolving a problem with incidents waiting on it', () => {
  it('tells the people on the open linked incidents, and resolves those on hold in one step', async () => {
    const waiting = await reportIncident(t, 'Cannot print payslips', PEOPLE.reporter);
    const working = await reportIncident(t, 'Payslip PDF blank', PEOPLE.manager);
    for (const number of [waiting, working]) {
      await pressOnCardOf(t, number, 'incident.take', PEOPLE.agent);
      await expect.poll(async () => (await incident(number)).state).toBe('in_progress');
    }
    await settle(t);
    const hold = await openForm(t, waiting, 'hold', PEOPLE.agent);
    await submitForm(t, hold, PEOPLE.agent, inputValues({ hold_kind: { type: 'static_select', value: 'awaiting_supplier' }, reason: { type: 'plain_text_input', value: 'Waiting for the payroll fix' } }));
    expect((await incident(waiting)).state).toBe('on_hold');

    const number = await recordProblem(t, PROBLEM_MANAGER, { title: 'Payroll PDF renderer broken', incidents: `${waiting}, ${working}`, source: 'incident' });
    await pressOnCardOf(t, number, 'problem.investigate', PROBLEM_MANAGER);
    await expect.poll(async () => (await problem(number)).state).toBe('investigating');
    await settle(t);
    expect(cardButtons(number)).not.toContain('problem.resolve_linked_incidents');
    await actOnProblem(t, number, 'resolve', PROBLEM_MANAGER, { resolution: 'Renderer library updated', change_number: '' });

    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toBe(`News on ${waiting} (Cannot print payslips): its cause, problem ${number}, has been fixed: Renderer library updated\nThe service desk will confirm with you.`);
    expect(dmsTo(t, PEOPLE.manager).at(-1)).toContain(`News on ${working} (Payslip PDF blank)`);
    expect(threadTexts(t, DESK_CHANNEL).filter((line) => line.includes(`Problem ${number} (Payroll PDF renderer broken), the cause of this incident, is resolved`))).toHaveLength(2);

    const outsider = await pressOnCardOf(t, number, 'problem.resolve_linked_incidents', PEOPLE.outsider);
    expect((await answerTo(t, outsider)).text).toBe("You're not allowed to do that on this ticket.");
    const reply = await pressOnCardOf(t, number, 'problem.resolve_linked_incidents', PEOPLE.agent);
    expect((await answerTo(t, reply)).text).toBe(`Resolved ${waiting}; their reporters are asked whether it is fixed.`);
    expect(await incident(waiting)).toMatchObject({ state: 'resolved', resolutionCode: 'fixed', resolutionNotes: `Fixed with problem ${number}: Renderer library updated` });
    expect((await incident(working)).state).toBe('in_progress');
    await settle(t);
    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toBe(`${waiting} (Cannot print payslips) has been resolved: Fixed with problem ${number}: Renderer library updated\nIs it fixed?`);
    expect(threadTexts(t, PROBLEM_CHANNEL).at(-1)).toBe(`<@${PEOPLE.agent}> resolved the linked incidents that were on hold: ${waiting}`);

    const again = await pressOnCardOf(t, number, 'problem.resolve_linked_incidents', PEOPLE.agent);
    expect((await answerTo(t, again)).text).toBe(`No incident linked to ${number} is on hold.`);
  });
});
