// Finding tickets (/incident show, /incident list), security visibility, and answers by DM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValues } from '../support/slack-requests.js';
import { dmsTo, openForm, pressOnCard, reportIncident, settle, submitForm, threadLines } from '../support/incident-flows.js';
import { PEOPLE, SECURITY_CHANNEL, startTestBot, type TestBot } from '../support/test-bot.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => t.stop());

async function command(text: string, userId: string) {
  const responseUrl = t.fake.responseUrl();
  await t.slack.slashCommand({ command: '/incident', text, userId, responseUrl });
  const id = responseUrl.split('/').at(-1);
  return t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === id);
}

describe('/incident show and list', () => {
  it("shows one incident's card without buttons", async () => {
    const number = await reportIncident(t, 'Projector in room 4 has no signal');
    const shown = await command(`show ${number.toLowerCase()}`, PEOPLE.agent);
    const blocks = JSON.stringify(shown.args.blocks);
    expect(blocks).toContain(`${number} · Projector in room 4 has no signal`);
    expect(blocks).not.toContain('"actions"');
  });

  it('says clearly when the number does not exist or the command is malformed', async () => {
    expect((await command('show INC-999999', PEOPLE.agent)).args.text).toBe("I couldn't find INC-999999.");
    expect((await command('list everything', PEOPLE.agent)).args.text).toContain('/incident list [mine|open|p1|unassigned]');
  });

  it("lists the reporter's own open tickets, pages the rest, and filters unassigned ones", async () => {
    const reporter = 'U0LISTER';
    const numbers: string[] = [];
    for (let index = 1; index <= 12; index++) numbers.push(await reportIncident(t, `Request ${index}`, reporter));
    const firstPage = await command('list', reporter);
    expect(String(firstPage.args.text)).toContain('Your open incidents');
    expect(String(firstPage.args.text).match(/INC-\d{6}/g)).toEqual(numbers.slice(0, 10));

    const more = JSON.stringify(firstPage.args.blocks);
    expect(more).toContain('"value":"mine:1"');
    const responseUrl = t.fake.responseUrl();
    await t.slack.blockAction({ userId: reporter, actionId: 'incident.list_more', blockId: 'incident_list_more', value: 'mine:1', responseUrl });
    const id = responseUrl.split('/').at(-1);
    const secondPage = await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === id);
    expect(String(secondPage.args.text).match(/INC-\d{6}/g)).toEqual(numbers.slice(10));

    await pressOnCard(t, numbers[0]!, 'incident.take', PEOPLE.agent);
    await expect.poll(async () => (await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number: numbers[0]! } })).assigneeId).toBe(PEOPLE.agent);
    const unassigned = String((await command('list unassigned', PEOPLE.agent)).args.text);
    expect(unassigned).not.toContain(numbers[0]!);
    expect(unassigned).toContain(numbers[1]!);
  });
});

describe('who sees what', () => {
  it('lets people outside the desk see only their own tickets', async () => {
    const mine = await reportIncident(t, 'My headset crackles', 'U0STAFF');
    const theirs = await reportIncident(t, 'Someone else laptop', 'U0COLLEAGUE');
    expect(JSON.stringify((await command(`show ${mine}`, 'U0STAFF')).args.blocks)).toContain('My headset crackles');
    expect((await command(`show ${theirs}`, 'U0STAFF')).args.text).toBe("You're not allowed to do that on this ticket.");
    expect((await command('list open', 'U0STAFF')).args.text).toBe("You're not allowed to do that on this ticket.");
    expect(String((await command('list', 'U0STAFF')).args.text)).toContain(mine);
  });
});

describe('security incidents', () => {
  it('go to the security channel only, and only the security team (and the reporter) can see them', async () => {
    await t.slack.viewSubmission({
      userId: PEOPLE.reporter,
      view: {
        id: 'V0SECURITY',
        callback_id: 'incident_report',
        state: {
          values: inputValues({
            title: { type: 'plain_text_input', value: 'Phishing mail with my password' },
            impact: { type: 'static_select', value: 'high' },
            urgency: { type: 'static_select', value: 'high' },
            security: { type: 'checkboxes', value: ['yes'] },
          }),
        },
      },
    });
    await expect.poll(() => t.bot.db.prisma.incident.count({ where: { isSecurity: true } })).toBe(1);
    await settle(t);
    const { number } = await t.bot.db.prisma.incident.findFirstOrThrow({ where: { isSecurity: true } });
    const cards = t.fake.callsTo('chat.postMessage').filter((call) => JSON.stringify(call.args.blocks ?? '').includes(number));
    expect(cards.map((call) => call.args.channel)).toEqual([SECURITY_CHANNEL]);

    expect((await command(`show ${number}`, PEOPLE.agent)).args.text).toBe("You're not allowed to do that on this ticket.");
    expect(String((await command('list open', PEOPLE.agent)).args.text)).not.toContain(number);
    expect(JSON.stringify((await command(`show ${number}`, PEOPLE.security)).args.blocks)).toContain('Phishing mail');
    expect(String((await command('list', PEOPLE.reporter)).args.text)).toContain(number);

    const refused = await pressOnCard(t, number, 'incident.take', PEOPLE.agent);
    const answer = await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === refused);
    expect(answer.args.text).toBe("You're not allowed to do that on this ticket.");
  });
});

describe('the reporter answers in the DM', () => {
  it('puts the answer on the ticket awaiting them, resumes it, and ignores a retried event', async () => {
    const number = await reportIncident(t, 'Cannot print to plotter');
    await pressOnCard(t, number, 'incident.take', PEOPLE.agent);
    await expect.poll(async () => (await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } })).state).toBe('in_progress');
    await settle(t);
    const form = await openForm(t, number, 'hold', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ hold_kind: { type: 'static_select', value: 'awaiting_requester' }, reason: { type: 'plain_text_input', value: 'Which plotter model?' } }));
    await settle(t);

    const event = { type: 'message', channel: 'D0REPORTER', channel_type: 'im', user: PEOPLE.reporter, text: 'It is the HP T650', ts: '1700000100.000100' };
    await t.slack.event({ event, eventId: 'Ev0ANSWER' });
    await t.slack.event({ event, eventId: 'Ev0ANSWER', retryNum: 1 });
    await expect.poll(async () => (await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } })).state).toBe('in_progress');
    await settle(t);
    const notes = await t.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: number, action: 'add_note' } });
    expect(notes.map((note) => note.details)).toEqual([{ visibility: 'public', text: 'It is the HP T650' }]);
    expect(threadLines(t)).toContain(`<@${PEOPLE.reporter}> (the reporter) wrote: It is the HP T650`);
    expect(dmsTo(t, PEOPLE.reporter).at(-1)).toBe(`Thanks, your answer is on ${number}; the service desk has been told.`);
  });
});
