import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type BlockAction } from '@slack/bolt';
import { LogLevel as WebLogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../support/fake-slack.js';
import type { FakeSlack } from '../support/fake-slack.js';
import { SlackSender, inputValues, slackSignature } from '../support/slack-requests.js';

let fake: FakeSlack;

beforeEach(async () => {
  fake = await startFakeSlack();
});

afterEach(async () => {
  await fake.close();
});

describe('fake Slack Web API', () => {
  it('answers a real WebClient and records the decoded blocks', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*INC-1* opened' } }];

    const first = await client.chat.postMessage({ channel: 'C123', text: 'INC-1 opened', blocks });
    const second = await client.chat.postMessage({ channel: 'U42', text: 'dm' });

    expect(first.ts).toBe('1700000000.000100');
    expect(second).toMatchObject({ ok: true, channel: 'D42', ts: '1700000000.000200' });
    const call = fake.callsTo('chat.postMessage')[0];
    expect(call?.args).toMatchObject({ channel: 'C123', text: 'INC-1 opened', blocks, token: 'xoxb-test' });
  });

  it('makes WebClient retry after an injected 429, recording both attempts', async () => {
    const client = new WebClient('xoxb-test', {
      slackApiUrl: fake.apiUrl,
      rejectRateLimitedCalls: false,
      logLevel: WebLogLevel.ERROR,
      retryConfig: { retries: 1, factor: 1, minTimeout: 10 },
    });
    fake.failNext('chat.postMessage', 1, { status: 429, retryAfterSeconds: 0 });

    const result = await client.chat.postMessage({ channel: 'C123', text: 'hello' });

    expect(result.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage').map((call) => call.failed ?? false)).toEqual([true, false]);
  });

  it('reports Slack errors and unknown methods as ok:false', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    fake.failNext('conversations.info', 1, { error: 'channel_not_found' });

    await expect(client.conversations.info({ channel: 'C404' })).rejects.toMatchObject({
      data: { ok: false, error: 'channel_not_found' },
    });
    await expect(client.apiCall('no.such.method')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    await expect(fake.waitForCall('views.open', undefined, 50)).rejects.toThrow(/conversations\.info, no\.such\.method/);
  });
});

describe('slackSignature', () => {
  it("matches Slack's documented example", () => {
    // https://docs.slack.dev/authentication/verifying-requests-from-slack
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    const timestamp = 1531420618;
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
      '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
      '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
      '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const independent = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

    expect(slackSignature(secret, timestamp, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
    expect(slackSignature(secret, timestamp, body)).toBe(independent);
  });
});

describe('inputValues', () => {
  it('shapes modal state like Slack', () => {
    const values = inputValues({
      title: { type: 'plain_text_input', value: 'VPN down' },
      priority: { blockId: 'prio_block', type: 'static_select', value: 'P1' },
      assignee: { type: 'users_select', value: 'U9' },
      flags: { type: 'checkboxes', value: ['major'] },
    });

    expect(values.title?.title).toEqual({ type: 'plain_text_input', value: 'VPN down' });
    expect(values.prio_block?.priority).toMatchObject({ selected_option: { value: 'P1' } });
    expect(values.assignee?.assignee).toEqual({ type: 'users_select', selected_user: 'U9' });
    expect(values.flags?.flags).toMatchObject({ selected_options: [{ value: 'major' }] });
  });
});

describe('SlackSender against a real Bolt app', () => {
  const signingSecret = 'test-signing-secret';
  let app: App;
  let sender: SlackSender;

  beforeEach(async () => {
    app = new App({
      token: 'xoxb-test',
      signingSecret,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
    app.command('/itsm', async ({ ack, command, client, respond }) => {
      await ack();
      await client.chat.postMessage({ channel: command.channel_id, text: `got: ${command.text}` });
      await respond({ text: 'done' });
    });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    const { port } = server.address() as AddressInfo;
    sender = new SlackSender({
      url: `http://127.0.0.1:${port}/slack/events`,
      signingSecret,
      responseUrl: (id) => fake.responseUrl(id),
    });
  });

  afterEach(async () => {
    await app.stop();
  });

  it('delivers a signed slash command that reaches the fake API and response_url', async () => {
    const response = await sender.slashCommand({ command: '/itsm', text: 'new incident' });

    expect(response.status).toBe(200);
    const posted = await fake.waitForCall('chat.postMessage');
    expect(posted.args).toMatchObject({ channel: 'C_GENERAL', text: 'got: new incident' });
    const responded = await fake.waitForCall('response_url');
    expect(responded.args).toMatchObject({ text: 'done', responseUrlId: expect.stringMatching(/^cmd-/) });
  });

  it('asks an external select for its options (block_suggestion) and tells of a closed modal (view_closed)', async () => {
    app.options('pick', async ({ ack, options }) => {
      await ack({ options: [{ text: { type: 'plain_text', text: `match ${options.value}` }, value: 'm1' }] });
    });
    const closed: string[] = [];
    app.view({ callback_id: 'form', type: 'view_closed' }, async ({ ack, view, body }) => {
      await ack();
      closed.push(`${view.id} by ${body.user.id}`);
    });

    const suggestion = await sender.blockSuggestion({ userId: 'U1', actionId: 'pick', blockId: 'b', value: 'vpn', view: { id: 'V1', callback_id: 'form' } });
    await sender.viewClosed({ userId: 'U1', view: { id: 'V1', callback_id: 'form' } });

    expect(suggestion.body).toEqual({ options: [{ text: { type: 'plain_text', text: 'match vpn' }, value: 'm1' }] });
    expect(closed).toEqual(['V1 by U1']);
  });

  it('sends an element\'s own action fields and a Home view as they are', async () => {
    const seen: unknown[] = [];
    app.action<BlockAction>('when', async ({ ack, action, body }) => {
      await ack();
      seen.push(action, body.view?.type);
    });
    await sender.blockAction({ userId: 'U1', actionId: 'when', blockId: 'b', view: { id: 'V2', type: 'home' }, action: { type: 'datetimepicker', selected_date_time: 1772416800 } });
    await expect.poll(() => seen).toEqual([expect.objectContaining({ action_id: 'when', type: 'datetimepicker', selected_date_time: 1772416800 }), 'home']);
  });

  it('is rejected by Bolt when the signature is forged', async () => {
    const response = await sender.raw({
      body: 'command=%2Fitsm&text=x',
      contentType: 'application/x-www-form-urlencoded',
      signature: 'v0=deadbeef',
    });

    expect(response.status).toBe(401);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });
});
