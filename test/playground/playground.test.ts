// The playground without a browser: its demo data, what each person sees, Slack's answers to
// people (errors, refusals, ephemeral messages), its HTTP API, and time moving forward.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaygroundDriver } from '../../src/playground/driver.js';
import { seedDemo } from '../../src/playground/demo.js';
import type { RunningPlayground } from '../../src/playground/playground.js';
import { DESK, GENERAL, PEOPLE, startTestPlayground } from './start.js';

let playground: RunningPlayground;
let drive: PlaygroundDriver;

const texts = (list: { text: string; blocks: unknown[] }[]) => list.map((item) => `${item.text} ${JSON.stringify(item.blocks)}`);
const post = (name: string, body: unknown) => fetch(`${playground.url}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  playground = await startTestPlayground();
  drive = new PlaygroundDriver(playground);
  await seedDemo(playground);
});

afterAll(async () => {
  await playground?.stop();
});

describe('the demo data', () => {
  it('is made through the bot: incidents, a major incident with its own channel, a change, a problem', async () => {
    const db = playground.bot.db.prisma;
    expect(await db.incident.count()).toBe(4);
    expect(await db.change.count()).toBe(1);
    expect(await db.problem.count()).toBe(1);
    const major = await db.incident.findFirstOrThrow({ where: { majorDeclaredAt: { not: null } } });
    const channel = [...playground.workspace.channels.values()].find((candidate) => candidate.name === major.number.toLowerCase());
    expect(channel?.members).toContain(PEOPLE.incidentManager);
    expect(playground.fake.violations).toEqual([]);
  });

  it('shows each card in the service desk channel, updated in place, with its timeline in the thread', () => {
    const view = playground.viewFor(PEOPLE.desk);
    const desk = view.channels.find((channel) => channel.id === DESK)!;
    const cards = desk.messages.filter((message) => message.threadTs === null);
    expect(cards).toHaveLength(4);
    expect(JSON.stringify(drive.card('INC-000003').blocks)).toContain('In progress');
    expect(drive.card('INC-000003').edited).toBe(true);
    expect(desk.messages.some((message) => message.threadTs === drive.card('INC-000003').ts)).toBe(true);
  });

  it('speaks Chinese to the person whose Slack language is Chinese', () => {
    const confirmation = playground.viewFor(PEOPLE.chinese).ephemerals.map((ephemeral) => ephemeral.text);
    expect(confirmation.join('\n')).toMatch(/INC-000002/);
    expect(confirmation.join('\n')).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('what each person sees', () => {
  it('keeps ephemeral messages and private channels to those they are for', () => {
    const requester = playground.viewFor(PEOPLE.requester);
    const desk = playground.viewFor(PEOPLE.desk);
    expect(requester.ephemerals.length).toBeGreaterThan(0);
    expect(desk.ephemerals.filter((ephemeral) => ephemeral.user !== PEOPLE.desk)).toEqual([]);
    expect(requester.channels.map((channel) => channel.name)).not.toContain('security');
    expect(playground.viewFor('U0SECURITY').channels.map((channel) => channel.name)).toContain('security');
    expect(requester.channels.filter((channel) => channel.kind === 'dm').map((channel) => channel.id)).toEqual([`D${PEOPLE.requester.slice(1)}`]);
  });

  it('answers a command the app does not have as Slack does, only to the person', async () => {
    await drive.command(PEOPLE.requester, GENERAL, '/nosuch thing');
    expect(texts(playground.viewFor(PEOPLE.requester).ephemerals).at(-1)).toContain('/nosuch is not a valid command');
    expect(texts(playground.viewFor(PEOPLE.desk).ephemerals).join('\n')).not.toContain('/nosuch');
  });

  it("tells a requester who presses a desk button that it is not theirs to press, privately", async () => {
    await drive.press(PEOPLE.requester, drive.card('INC-000001'), 'incident.take');
    await drive.waitFor('the refusal', () => texts(playground.viewFor(PEOPLE.requester).ephemerals).some((text) => text.includes('not allowed')));
    expect(JSON.stringify(drive.card('INC-000001').blocks)).toContain('Unassigned');
  });

  it('hears the reporter answer in the direct messages (message.im), which resumes the ticket', async () => {
    const card = drive.card('INC-000003');
    await drive.press(PEOPLE.desk, card, 'incident.form.hold');
    await drive.submit(PEOPLE.desk, await drive.modal(PEOPLE.desk, 'incident.action.hold'), { hold_kind: { value: 'awaiting_requester' }, reason: { value: 'Which mail client do you use?' } });
    await drive.waitFor('the question in the DM', () => playground.viewFor(PEOPLE.requester).channels.find((channel) => channel.kind === 'dm')?.messages.some((message) => message.text.includes('Which mail client')));
    await playground.interactions.message(PEOPLE.requester, `D${PEOPLE.requester.slice(1)}`, 'Outlook on Windows', null);
    await drive.waitFor('the ticket to resume', () => JSON.stringify(drive.card('INC-000003').blocks).includes('In progress'));
    await playground.settled();
    expect(playground.workspace.messages.filter((message) => message.threadTs === card.ts).map((message) => message.text).join('\n')).toContain('Outlook on Windows');
  });

  it('publishes the App Home when the person opens it: an approver sees the change waiting for them', async () => {
    await playground.interactions.openHome(PEOPLE.approver);
    const home = await drive.waitFor('the Home', () => playground.viewFor(PEOPLE.approver).home);
    expect(JSON.stringify(home.view.blocks)).toContain('home.report_incident');
    expect(JSON.stringify(home.view.blocks)).toContain('CHG-000001');
  });
});

describe('the page API', () => {
  it('refuses requests that do not fit, saying why', async () => {
    const missing = await post('command', { as: PEOPLE.requester, channel: GENERAL });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/text/);
    const notYours = await post('submit', { as: PEOPLE.requester, viewId: 'V999', selections: {} });
    expect(notYours.status).toBe(400);
    const privateChannel = await post('message', { as: PEOPLE.requester, channel: 'C0SECURITY', text: 'hello' });
    expect(privateChannel.status).toBe(400);
    expect(playground.workspace.messages.some((message) => message.text === 'hello')).toBe(false);
  });

  it('serves the page and its modules compiled for the browser', async () => {
    expect(await (await fetch(`${playground.url}/`)).text()).toContain('/page/app.js');
    const module = await fetch(`${playground.url}/page/mrkdwn.js`);
    expect(module.headers.get('content-type')).toContain('javascript');
    expect(await module.text()).not.toMatch(/: RenderContext/);
    expect((await fetch(`${playground.url}/page/..%2Fserver.js`)).status).toBe(404);
  });
});

describe('moving time forward', () => {
  it('runs the jobs along the way: SLA warnings and breaches land in the card threads', async () => {
    const before = playground.clock.now().getTime();
    await playground.advance(8 * 60);
    expect(playground.clock.now().getTime() - before).toBeGreaterThanOrEqual(8 * 3_600_000);
    const threads = playground.workspace.messages.filter((message) => message.channel === DESK && message.threadTs !== null).map((message) => message.text);
    expect(threads.join('\n')).toMatch(/has used \d+ % of its|breached its/);
  });
});
