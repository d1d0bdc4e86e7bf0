// Known errors end to end: a new incident that matches one shows its workaround on the ticket card
// and to the reporter; the desk links the incident to the problem from the card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCard, dmsTo, reportIncident, settle } from '../support/incident-flows.js';
import { actOnProblem, actionIdsOf, answerTo, pressOnCardOf, PROBLEM_MANAGER, problemSettings, recordProblem, reportWithForm } from '../support/problem-flows.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ settings: problemSettings() });
});
afterAll(async () => t.stop());

const cardText = (number: string) => currentCard(t, number).text;

async function knownError(fields: { title: string; category?: string; service?: string }, rootCause: string, workaround: string): Promise<string> {
  const number = await recordProblem(t, PROBLEM_MANAGER, fields);
  await pressOnCardOf(t, number, 'problem.investigate', PROBLEM_MANAGER);
  await expect.poll(async () => (await t.bot.db.prisma.problem.findUniqueOrThrow({ where: { number } })).state).toBe('investigating');
  await settle(t);
  await actOnProblem(t, number, 'record_known_error', PROBLEM_MANAGER, { root_cause: rootCause, workaround });
  return number;
}

describe('a new incident that matches a known error', () => {
  it('shows the workaround on its card and sends it to the reporter, by category', async () => {
    const problem = await knownError({ title: 'Paper jams on the 3rd floor printers', category: 'hardware/printer' }, 'Worn pickup rollers', 'Use tray 2 until the rollers are replaced');
    const incident = await reportWithForm(t, { title: 'Printer eats my pages', category: 'hardware/printer/paper-jam' });

    expect(cardText(incident)).toContain(`*Known error ${problem}*: Paper jams on the 3rd floor printers`);
    expect(cardText(incident)).toContain('*Workaround:* Use tray 2 until the rollers are replaced');
    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toBe(
      `While the service desk looks at ${incident} (Printer eats my pages), this may help: it looks like a known problem, ${problem} (Paper jams on the 3rd floor printers).\nWorkaround: Use tray 2 until the rollers are replaced`,
    );
    const audit = await t.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: incident }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.toValue])).toEqual([['created', null], ['known_error_offered', problem]]);
  });

  it('matches Chinese words with no spaces between them', async () => {
    const problem = await knownError({ title: 'VPN 无法连接' }, '证书过期', '暂时改用备用网关 vpn2 连接');
    const incident = await reportIncident(t, '公司VPN无法连接，提示超时');
    expect(cardText(incident)).toContain(`*Known error ${problem}*: VPN 无法连接`);
    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toContain('Workaround: 暂时改用备用网关 vpn2 连接');
  });

  it('shows a known root cause on the card even without a workaround, with no workaround to send the reporter', async () => {
    const problem = await knownError({ title: 'Laptop docks drop the screen', category: 'hardware/laptop' }, 'Dock firmware 1.2 resets the display link', '');
    const dmsBefore = dmsTo(t, PEOPLE.reporter).length;
    const incident = await reportWithForm(t, { title: 'External screen goes black', category: 'hardware/laptop' });
    expect(cardText(incident)).toContain(`*Known error ${problem}*: Laptop docks drop the screen`);
    expect(cardText(incident)).toContain('*Root cause:* Dock firmware 1.2 resets the display link');
    expect(dmsTo(t, PEOPLE.reporter).slice(dmsBefore)).toEqual([`${incident} recorded: *External screen goes black* (priority P3 medium). The service desk has it; you will hear from us here.`]);
  });

  it('offers nothing for an unrelated incident', async () => {
    const dmsBefore = dmsTo(t, PEOPLE.reporter).length;
    const incident = await reportIncident(t, 'Monitor cable missing');
    expect(cardText(incident)).not.toContain('Known error');
    expect(dmsTo(t, PEOPLE.reporter)).toHaveLength(dmsBefore);
  });

  it('lets the desk link the incident to the known error from its card', async () => {
    const problem = await knownError({ title: 'Email bounces for large attachments', service: 'Email' }, 'Gateway limit 10 MB', 'Share a OneDrive link instead');
    const incident = await reportWithForm(t, { title: 'My mail to a customer came back', service: 'email ' });
    expect(cardText(incident)).toContain(`*Known error ${problem}*`);

    const refused = await pressOnCardOf(t, incident, 'problem.link_known_error.1', PEOPLE.outsider);
    expect((await answerTo(t, refused)).text).toBe("You're not allowed to do that on this ticket.");
    await pressOnCardOf(t, incident, 'problem.link_known_error.1', PEOPLE.agent);
    await expect.poll(() => t.bot.db.prisma.problemIncident.count({ where: { incidentNumber: incident } })).toBe(1);
    await settle(t);
    expect(cardText(incident)).toContain(`Problem: ${problem}`);
    expect(actionIdsOf(currentCard(t, incident).blocks as never)).not.toContain('problem.link_known_error.1');
    expect(cardText(problem)).toContain(incident);
  });

  it('stops offering a known error once its problem is resolved', async () => {
    const problem = await knownError({ title: 'Wi-Fi drops in meeting rooms', category: 'network/wifi' }, 'Channel overlap', 'Use the wired port');
    await actOnProblem(t, problem, 'resolve', PROBLEM_MANAGER, { resolution: 'Channels replanned', change_number: '' });
    const incident = await reportWithForm(t, { title: 'Wi-Fi keeps dropping', category: 'network/wifi' });
    expect(cardText(incident)).not.toContain(`Known error ${problem}`);
  });
});
