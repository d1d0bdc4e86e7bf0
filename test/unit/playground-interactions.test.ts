// What people do in the playground, sent to a Bolt app as Slack sends it, and the app's answers
// shown as Slack shows them: modal errors, updates, pushes and clears; external select options;
// view_closed for modals that ask for it. A bare Bolt app answers with every kind Slack allows.
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/fake-slack/server.js';
import { SlackSender } from '../../src/fake-slack/slack-requests.js';
import { Interactions } from '../../src/playground/interactions.js';
import { applyCall } from '../../src/playground/workspace-calls.js';
import { Workspace } from '../../src/playground/workspace.js';

const SECRET = 'playground-test-secret';
const modal = (title: string) => ({
  type: 'modal' as const,
  callback_id: 'form',
  notify_on_close: true,
  title: { type: 'plain_text' as const, text: title },
  submit: { type: 'plain_text' as const, text: 'Go' },
  blocks: [
    { type: 'input' as const, block_id: 'answer', label: { type: 'plain_text' as const, text: 'Answer' }, element: { type: 'plain_text_input' as const, action_id: 'answer' } },
    { type: 'input' as const, block_id: 'pick', label: { type: 'plain_text' as const, text: 'Pick' }, element: { type: 'external_select' as const, action_id: 'pick' } },
  ],
});

let fake: FakeSlack;
let app: App;
let workspace: Workspace;
let interactions: Interactions;
const closed: string[] = [];

beforeEach(async () => {
  fake = await startFakeSlack();
  workspace = new Workspace(() => new Date(), () => fake.nextTs());
  workspace.addChannel({ id: 'C1', name: 'general', isPrivate: false, members: [] });
  fake.onCall((call) => applyCall(workspace, call));
  app = new App({ token: 'xoxb-test', signingSecret: SECRET, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl } });
  app.command('/form', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: modal('First') });
  });
  app.view('form', async ({ ack, view }) => {
    const answer = view.state.values.answer?.answer?.value ?? '';
    if (answer === 'errors') await ack({ response_action: 'errors', errors: { answer: 'Not that.' } });
    else if (answer === 'push') await ack({ response_action: 'push', view: modal('Pushed') });
    else if (answer === 'update') await ack({ response_action: 'update', view: modal('Updated') });
    else if (answer === 'clear') await ack({ response_action: 'clear' });
    else await ack();
  });
  app.view({ callback_id: 'form', type: 'view_closed' }, async ({ ack, body }) => {
    await ack();
    closed.push(body.user.id);
  });
  app.options('pick', async ({ ack, options }) => {
    await ack({ options: [{ text: { type: 'plain_text', text: `${options.value} (found)` }, value: 'found' }] });
  });
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  interactions = new Interactions(workspace, new SlackSender({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET }), (id) => fake.responseUrl(id), ['/form']);
});

afterEach(async () => {
  await app.stop();
  await fake.close();
});

const stack = () => (workspace.modals.get('U1') ?? []).map((view) => (view.view.title as { text: string }).text);
const submit = (answer: string) => interactions.submit('U1', workspace.modals.get('U1')!.at(-1)!.id, { answer: { answer: { value: answer } } });

describe('modals answered as Slack answers them', () => {
  it('keeps a refused modal open with its errors, pushes, updates in place, and clears', async () => {
    await interactions.command('U1', 'C1', '/form');
    await expect.poll(stack).toEqual(['First']);
    await submit('errors');
    expect(workspace.modals.get('U1')!.at(-1)!.errors).toEqual({ answer: 'Not that.' });
    await submit('push');
    expect(stack()).toEqual(['First', 'Pushed']);
    await submit('update');
    expect(stack()).toEqual(['First', 'Updated']);
    await submit('');
    expect(stack()).toEqual(['First']);
    await submit('push');
    await submit('clear');
    expect(stack()).toEqual([]);
  });

  it('asks the app for an external select\'s options, and tells it of a closed modal that asked to know', async () => {
    await interactions.command('U1', 'C1', '/form');
    await expect.poll(stack).toEqual(['First']);
    const viewId = workspace.modals.get('U1')![0]!.id;
    expect(await interactions.suggest('U1', { kind: 'view', viewId }, 'pick', 'pick', 'vpn')).toEqual([{ text: { type: 'plain_text', text: 'vpn (found)' }, value: 'found' }]);
    await interactions.close('U1', viewId, {});
    expect(stack()).toEqual([]);
    await expect.poll(() => closed).toContain('U1');
  });

  it('answers an unknown command as Slack does and refuses channels the person cannot see', async () => {
    await interactions.command('U1', 'C1', '/nope');
    expect(workspace.ephemerals.at(-1)).toMatchObject({ user: 'U1', from: 'USLACKBOT', text: expect.stringContaining('/nope is not a valid command') });
    workspace.addChannel({ id: 'C2', name: 'secret', isPrivate: true, members: ['U2'] });
    await expect(interactions.message('U1', 'C2', 'hi', null)).rejects.toThrow(/no channel C2/);
  });
});
