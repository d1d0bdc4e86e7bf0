// The first slice, end to end: signed Slack requests in, records stored, Slack calls out.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { command } from '../support/problem-flows.js';
import { inputValues, slackSignature } from '../support/slack-requests.js';
import { DESK_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => t.stop());
beforeEach(() => t.fake.clear());

const prisma = () => t.bot.db.prisma;

/** Sends /incident with its own response_url and waits for the answer sent there. */
async function incidentCommand(text: string, userId: string, triggerId?: string) {
  const responseUrl = t.fake.responseUrl();
  const id = responseUrl.split('/').at(-1);
  await t.slack.slashCommand({ command: '/incident', text, userId, responseUrl, ...(triggerId ? { triggerId } : {}) });
  return () => t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === id);
}

function reportForm(fields: { title?: string; description?: string; impact?: string | null; urgency?: string | null; category?: string | null; service?: string; security?: boolean }) {
  return inputValues({
    title: { type: 'plain_text_input', value: fields.title ?? '' },
    description: { type: 'plain_text_input', value: fields.description ?? null },
    impact: { type: 'static_select', value: fields.impact === undefined ? 'medium' : fields.impact },
    urgency: { type: 'static_select', value: fields.urgency === undefined ? 'medium' : fields.urgency },
    category: { type: 'static_select', value: fields.category ?? null },
    service: { type: 'plain_text_input', value: fields.service ?? null },
    security: { type: 'checkboxes', value: fields.security ? ['yes'] : [] },
  });
}

describe('/incident <text>', () => {
  it('records a numbered incident, answers the reporter privately and posts the card to the desk', async () => {
    const response = await t.slack.slashCommand({ command: '/incident', text: 'printer on floor 3 is down', userId: PEOPLE.reporter });
    expect(response.status).toBe(200);

    const reply = await t.fake.waitForCall('response_url');
    expect(reply.args).toMatchObject({ response_type: 'ephemeral' });
    expect(String(reply.args.text)).toContain('INC-000001');

    const card = await t.fake.waitForCall('chat.postMessage', (call) => call.args.channel === DESK_CHANNEL);
    expect(JSON.stringify(card.args.blocks)).toContain('INC-000001 · printer on floor 3 is down');

    const incident = await prisma().incident.findUniqueOrThrow({ where: { number: 'INC-000001' } });
    expect(incident).toMatchObject({ title: 'printer on floor 3 is down', state: 'new', priority: 'P3', source: 'slash_command', reporterId: PEOPLE.reporter });
    const audit = await prisma().auditEntry.findMany({ where: { recordNumber: 'INC-000001' } });
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([['created', PEOPLE.reporter]]);

    await expect.poll(() => prisma().slackMessageRef.findFirst({ where: { purpose: 'card' } })).toMatchObject({
      channel: DESK_CHANNEL,
      ts: expect.stringMatching(/^\d+\.\d+$/),
    });
  });

  it('never lets typed text ping a channel or forge a link', async () => {
    const answer = await incidentCommand('<!channel> printer <https://evil.example|click> & more', PEOPLE.reporter);
    expect(String((await answer()).args.text)).toContain('&lt;!channel&gt; printer &lt;https://evil.example|click&gt; &amp; more');
    const card = await t.fake.waitForCall('chat.postMessage', (call) => call.args.channel === DESK_CHANNEL && String(call.args.text).includes('printer'));
    expect(String(card.args.text)).not.toContain('<!channel>');
    expect(JSON.stringify(card.args.blocks)).not.toMatch(/"type":"mrkdwn","text":"[^"]*<!channel>/);
  });

  it('numbers incidents uniquely and in order, also when reported at the same moment', async () => {
    const before = await prisma().incident.count();
    await Promise.all(
      Array.from({ length: 8 }, (_, index) => t.slack.slashCommand({ command: '/incident', text: `burst ${index}`, userId: PEOPLE.reporter })),
    );
    await expect.poll(() => prisma().incident.count()).toBe(before + 8);
    const numbers = (await prisma().incident.findMany({ orderBy: { id: 'asc' } })).map((incident) => incident.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.at(-1)).toBe(`INC-${String(before + 8).padStart(6, '0')}`);
  });

  it('records one incident when Slack delivers the same command twice', async () => {
    const before = await prisma().incident.count();
    const deliveries = [t.fake.responseUrl(), t.fake.responseUrl()];
    // Both deliveries reach the bot at once; whichever records the incident is the one confirmed.
    for (const responseUrl of deliveries) await t.slack.slashCommand({ command: '/incident', text: 'vpn drops', userId: PEOPLE.reporter, responseUrl, triggerId: 'trigger-twice' });
    const ids = deliveries.map((url) => url.split('/').at(-1));
    await t.fake.waitForCall('response_url', (call) => ids.includes(String(call.args.responseUrlId)));
    await t.bot.worker.deliverDue();
    expect(await prisma().incident.count({ where: { title: 'vpn drops' } })).toBe(1);
    expect(await prisma().incident.count()).toBe(before + 1);
    // The delivery that found the incident recorded used up no number.
    await incidentCommand('next one', PEOPLE.reporter);
    await expect.poll(() => prisma().incident.findFirst({ where: { title: 'next one' } })).toMatchObject({ number: `INC-${String(before + 2).padStart(6, '0')}` });
    // One confirmation, and no error for the other delivery.
    const answers = t.fake.callsTo('response_url').filter((call) => ids.includes(String(call.args.responseUrlId)));
    expect(answers.map((call) => String(call.args.text))).toEqual([expect.stringMatching(/^INC-\d{6} recorded/)]);
  });

  it("answers in the reporter's language", async () => {
    t.fake.setUser('U0CHINESE', { locale: 'zh-CN' });
    const reply = await (await incidentCommand('邮箱打不开', 'U0CHINESE'))();
    expect(String(reply.args.text)).toMatch(/^已登记 INC-\d{6}/);
  });
});

describe('a private confirmation that cannot be delivered', () => {
  it('does not hold back the ticket card', async () => {
    t.fake.failNext('response_url', 1, { status: 500 });
    await incidentCommand('Projector flickers in room 4', PEOPLE.reporter);
    const cards = () => t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === DESK_CHANNEL && String(call.args.text).includes('Projector flickers'));
    await expect.poll(() => cards().length, { timeout: 500 }).toBe(1);
    // The confirmation waits for its retry meanwhile.
    expect(t.fake.callsTo('response_url').filter((call) => !call.failed)).toHaveLength(0);
  });
});

describe('/incident (the form)', () => {
  it('opens the report modal', async () => {
    await t.slack.slashCommand({ command: '/incident', text: '', userId: PEOPLE.reporter });
    const opened = await t.fake.waitForCall('views.open');
    const view = opened.args.view as { callback_id: string; blocks: { block_id: string }[] };
    expect(view.callback_id).toBe('incident_report');
    expect(view.blocks.map((block) => block.block_id)).toEqual(['title', 'description', 'impact', 'urgency', 'category', 'service', 'security']);
  });

  it('records the submitted form with the priority from the matrix and tells the reporter by DM', async () => {
    const response = await t.slack.viewSubmission({
      userId: PEOPLE.reporter,
      view: {
        id: 'V0FORM1',
        callback_id: 'incident_report',
        private_metadata: JSON.stringify({ source: 'modal' }),
        state: { values: reportForm({ title: 'Payroll app down', description: 'Nobody can log in', impact: 'very_high', urgency: 'critical', category: 'software/business-app', service: 'Payroll' }) },
      },
    });
    expect(response.status).toBe(200);
    const dm = await t.fake.waitForCall('chat.postMessage', (call) => call.args.channel === PEOPLE.reporter);
    const number = /INC-\d{6}/.exec(String(dm.args.text))?.[0];
    expect(number).toBeDefined();
    const incident = await prisma().incident.findUniqueOrThrow({ where: { number: number! } });
    expect(incident).toMatchObject({ title: 'Payroll app down', description: 'Nobody can log in', priority: 'P1', categoryPath: 'software/business-app', affectedService: 'Payroll', source: 'modal', slaPolicyId: 'p1' });
  });

  it('shows field errors inline and records nothing when the form is wrong', async () => {
    const before = await prisma().incident.count();
    const response = await t.slack.viewSubmission({
      userId: PEOPLE.reporter,
      view: { id: 'V0BAD', callback_id: 'incident_report', state: { values: reportForm({ title: '   ', impact: null, category: 'made/up' }) } },
    });
    expect(response.body).toEqual({
      response_action: 'errors',
      errors: {
        title: 'Please give the incident a title.',
        impact: 'Please choose one.',
        category: 'Please choose a category from the list.',
      },
    });
    expect(await prisma().incident.count()).toBe(before);
  });

  it('records one incident when the same form is submitted twice', async () => {
    const before = await prisma().incident.count();
    const view = { id: 'V0TWICE', callback_id: 'incident_report', state: { values: reportForm({ title: 'Wi-Fi slow' }) } };
    await Promise.all([t.slack.viewSubmission({ userId: PEOPLE.reporter, view }), t.slack.viewSubmission({ userId: PEOPLE.reporter, view })]);
    await expect.poll(() => prisma().incident.count()).toBe(before + 1);
    await t.bot.worker.deliverDue();
    expect(await prisma().incident.count()).toBe(before + 1);
  });
});

describe('the message shortcut', () => {
  it('opens the report form prefilled with the message and its permalink', async () => {
    await t.slack.messageShortcut({
      userId: PEOPLE.reporter,
      callbackId: 'report_incident',
      channelId: 'C0GENERAL',
      message: { ts: '1700000000.000100', text: 'Is the VPN down for everyone?', user: 'U0OTHER' },
    });
    const opened = await t.fake.waitForCall('views.open');
    const view = JSON.stringify(opened.args.view);
    expect(view).toContain('Is the VPN down for everyone?');
    expect(view).toContain('https://test.slack.com/archives/');
    expect(view).toContain('message_shortcut');
  });
});

describe('requests that are not from Slack', () => {
  const body = new URLSearchParams({ command: '/incident', text: 'forged', user_id: PEOPLE.reporter, trigger_id: 'forged', response_url: 'https://hooks.slack.invalid/x' }).toString();

  it('refuses a forged signature with 401 and stores nothing', async () => {
    const before = await prisma().incident.count();
    const response = await t.slack.raw({ body, contentType: 'application/x-www-form-urlencoded', signature: 'v0=' + '0'.repeat(64) });
    expect(response.status).toBe(401);
    expect(await prisma().incident.count()).toBe(before);
  });

  it('refuses a correctly signed request older than five minutes', async () => {
    const before = await prisma().incident.count();
    const timestamp = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await t.slack.raw({
      body,
      contentType: 'application/x-www-form-urlencoded',
      timestamp,
      signature: slackSignature('test-signing-secret', timestamp, body),
    });
    expect(response.status).toBe(401);
    expect(await prisma().incident.count()).toBe(before);
  });
});

describe('/itsm', () => {
  it('lists the commands', async () => {
    const answer = await command(t, '/itsm', 'help', PEOPLE.reporter);
    expect(t.fake.callsTo('response_url').at(-1)?.args.response_type).toBe('ephemeral');
    for (const name of ['/incident', '/request', '/problem', '/change', '/oncall', '/itsm help']) {
      expect(answer.text + answer.blocks).toContain(name);
    }
  });

  it('answers an unknown subcommand with a friendly pointer to help', async () => {
    const answer = await command(t, '/itsm', 'frobnicate now', PEOPLE.reporter);
    expect(answer.text).toBe("Sorry, I don't know `/itsm frobnicate now`. Try `/itsm help` for the list of commands.");
  });
});

describe('the App Home', () => {
  it('shows the report button and the open tickets, and reports with the source recorded', async () => {
    await t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.reporter, channel: 'D0HOME', tab: 'home' }, eventId: 'Ev0HOME' });
    const published = await t.fake.waitForCall('views.publish');
    expect(published.args.user_id).toBe(PEOPLE.reporter);
    const home = JSON.stringify(published.args.view);
    expect(home).toContain('home.report_incident');
    expect(home).toContain('INC-000001');

    await t.slack.blockAction({ userId: PEOPLE.reporter, actionId: 'home.report_incident', blockId: 'home_start', value: '', view: { id: 'VHOME', type: 'home' } });
    const opened = await t.fake.waitForCall('views.open');
    const view = opened.args.view as { private_metadata: string; callback_id: string };
    await t.slack.viewSubmission({
      userId: PEOPLE.reporter,
      view: { id: 'V0FROMHOME', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: reportForm({ title: 'Docking station dead' }) } },
    });
    await expect.poll(() => prisma().incident.findFirst({ where: { title: 'Docking station dead' } })).toMatchObject({ source: 'app_home' });
  });
});
