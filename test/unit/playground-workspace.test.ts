// The playground's workspace as the fake Slack's calls build it, and what Slack sends for what a
// person picked in an element.
import { describe, expect, it } from 'vitest';
import type { SlackCall } from '../../src/fake-slack/server.js';
import { actionFields, initialSelections, stateValues } from '../../src/playground/element-values.js';
import { applyCall } from '../../src/playground/workspace-calls.js';
import { Workspace } from '../../src/playground/workspace.js';

function workspace(): Workspace {
  let ts = 0;
  return new Workspace(() => new Date('2026-03-02T02:00:00Z'), () => `1700000000.${String(++ts).padStart(6, '0')}`);
}
const call = (method: string, args: Record<string, unknown>, answer: Record<string, unknown> = {}): SlackCall => ({ method, args, answer: { ok: true, ...answer }, at: 0 });

describe('the workspace built from the bot\'s calls', () => {
  it('posts, threads, updates in place, pins and deletes messages; gives blocks without ids one', () => {
    const space = workspace();
    applyCall(space, call('chat.postMessage', { channel: 'C1', text: 'card', blocks: [{ type: 'divider' }] }, { channel: 'C1', ts: '1.1' }));
    applyCall(space, call('chat.postMessage', { channel: 'U2', text: 'dm' }, { channel: 'D2', ts: '1.2' }));
    applyCall(space, call('chat.postMessage', { channel: 'C1', text: 'reply', thread_ts: '1.1' }, { channel: 'C1', ts: '1.3' }));
    applyCall(space, call('chat.update', { channel: 'C1', ts: '1.1', text: 'card v2', blocks: [] }));
    applyCall(space, call('pins.add', { channel: 'C1', timestamp: '1.1' }));
    expect(space.message('C1', '1.1')).toMatchObject({ text: 'card v2', edited: true, pinned: true });
    expect(space.message('C1', '1.3')?.threadTs).toBe('1.1');
    expect(space.channelFor('D2')).toMatchObject({ kind: 'dm', members: ['U2'] });
    applyCall(space, call('chat.delete', { channel: 'C1', ts: '1.3' }));
    expect(space.message('C1', '1.3')).toBeUndefined();
    applyCall(space, call('chat.postMessage', { channel: 'C1', text: 'x', blocks: [{ type: 'divider' }, { type: 'divider', block_id: 'mine' }] }, { channel: 'C1', ts: '1.4' }));
    expect(space.message('C1', '1.4')?.blocks).toEqual([{ type: 'divider', block_id: 'b0' }, { type: 'divider', block_id: 'mine' }]);
    expect(space.version).toBe(7);
  });

  it('creates channels, private ones seen only by those invited', () => {
    const space = workspace();
    applyCall(space, call('conversations.create', { name: 'inc-000001', is_private: true }, { channel: { id: 'C9' } }));
    applyCall(space, call('conversations.invite', { channel: 'C9', users: 'U1,U2' }));
    const channel = space.channelFor('C9');
    expect(channel).toMatchObject({ name: 'inc-000001', isPrivate: true });
    expect(space.canSee('U1', channel)).toBe(true);
    expect(space.canSee('U3', channel)).toBe(false);
  });

  it('answers response URLs: a new ephemeral, a replaced or deleted original, or a message for all', () => {
    const space = workspace();
    const ephemeral = space.postEphemeral('C1', 'U1', { text: 'page 1', blocks: [] }, null);
    space.noteResponseUrl('r1', { user: 'U1', channel: 'C1', threadTs: null, source: { kind: 'ephemeral', id: ephemeral.id } });
    applyCall(space, call('response_url', { responseUrlId: 'r1', replace_original: true, text: 'page 2' }));
    expect(space.ephemerals.map((item) => item.text)).toEqual(['page 2']);
    space.noteResponseUrl('r2', { user: 'U1', channel: 'C1', threadTs: null, source: null });
    applyCall(space, call('response_url', { responseUrlId: 'r2', text: 'only you' }));
    applyCall(space, call('response_url', { responseUrlId: 'r2', response_type: 'in_channel', text: 'everyone' }));
    expect(space.ephemerals.map((item) => [item.user, item.text])).toEqual([['U1', 'page 2'], ['U1', 'only you']]);
    expect(space.messages.map((item) => item.text)).toEqual(['everyone']);
    const survey = space.post('D1', 'UBOT', { text: 'rate us', blocks: [] }, null);
    space.noteResponseUrl('r3', { user: 'U1', channel: 'D1', threadTs: null, source: { kind: 'message', ts: survey.ts } });
    applyCall(space, call('response_url', { responseUrlId: 'r3', replace_original: 'true', text: 'thanks' }));
    expect(space.message('D1', survey.ts)?.text).toBe('thanks');
    applyCall(space, call('response_url', { responseUrlId: 'r3', delete_original: true }));
    expect(space.message('D1', survey.ts)).toBeUndefined();
  });

  it('opens modals for the person whose trigger it was, pushes, updates and publishes Homes', () => {
    const space = workspace();
    space.noteTrigger('t1', 'U1');
    applyCall(space, call('views.open', { trigger_id: 't1', view: { type: 'modal', callback_id: 'a', blocks: [] } }, { view: { id: 'V1' } }));
    applyCall(space, call('views.push', { trigger_id: 't1', view: { type: 'modal', callback_id: 'b', blocks: [] } }, { view: { id: 'V2' } }));
    const before = space.findView('V1')!.view.hash;
    space.setViewErrors('V1', { title: 'needed' });
    applyCall(space, call('views.update', { view_id: 'V1', view: { type: 'modal', callback_id: 'a2', blocks: [] } }));
    expect(space.modals.get('U1')?.map((view) => [view.id, view.view.callback_id, view.errors])).toEqual([['V1', 'a2', {}], ['V2', 'b', {}]]);
    expect(space.findView('V1')!.view.hash).not.toBe(before);
    space.closeView('U1', 'V1');
    expect(space.modals.get('U1')).toEqual([]);
    applyCall(space, call('views.publish', { user_id: 'U1', view: { type: 'home', blocks: [] } }, { view: { id: 'V3' } }));
    expect(space.findView('V3')?.user).toBe('U1');
  });

  it('shares uploaded files in the thread they were sent to', () => {
    const space = workspace();
    applyCall(space, call('files.getUploadURLExternal', { filename: 'chart.png' }, { file_id: 'F1' }));
    applyCall(space, call('file_upload', { fileId: 'F1', body: Buffer.from([1, 2, 3]) }));
    applyCall(space, call('files.completeUploadExternal', { channel_id: 'C1', thread_ts: '1.1', files: [{ id: 'F1', title: 'Chart' }] }));
    expect(space.messages[0]).toMatchObject({ threadTs: '1.1', files: [{ id: 'F1', title: 'Chart', mimetype: 'image/png', url: '/files/F1' }] });
    expect(space.files.get('F1')?.bytes).toEqual(Buffer.from([1, 2, 3]));
  });
});

describe('what Slack sends for an element', () => {
  const option = (value: string) => ({ text: { type: 'plain_text', text: value.toUpperCase() }, value });
  const blocks = [
    { type: 'input', block_id: 'title', element: { type: 'plain_text_input', action_id: 'title', initial_value: 'VPN' } },
    { type: 'input', block_id: 'impact', element: { type: 'static_select', action_id: 'impact', options: [option('low'), option('high')], initial_option: option('low') } },
    { type: 'input', block_id: 'who', element: { type: 'users_select', action_id: 'who' } },
    { type: 'input', block_id: 'flags', element: { type: 'checkboxes', action_id: 'flags', options: [option('a'), option('b')] } },
    { type: 'input', block_id: 'when', element: { type: 'datetimepicker', action_id: 'when' } },
    { type: 'actions', block_id: 'row', elements: [{ type: 'button', action_id: 'go', value: 'x' }, { type: 'datepicker', action_id: 'day' }] },
  ];

  it('builds state.values with every element, the options as the bot drew them', () => {
    const values = stateValues(blocks, { impact: { impact: { value: 'high' } }, who: { who: { value: 'U1' } }, flags: { flags: { values: ['b'] } }, when: { when: { value: '1772416800' } } });
    expect(values).toEqual({
      title: { title: { type: 'plain_text_input', value: null } },
      impact: { impact: { type: 'static_select', selected_option: option('high') } },
      who: { who: { type: 'users_select', selected_user: 'U1' } },
      flags: { flags: { type: 'checkboxes', selected_options: [option('b')] } },
      when: { when: { type: 'datetimepicker', selected_date_time: 1772416800 } },
      row: { day: { type: 'datepicker', selected_date: null } },
    });
  });

  it('reads what a form holds before anyone touches it', () => {
    expect(initialSelections(blocks)).toMatchObject({ title: { title: { value: 'VPN' } }, impact: { impact: { value: 'low' } }, who: { who: {} } });
  });

  it('makes a block_actions action from the element: a button keeps its value, an option its text', () => {
    expect(actionFields({ type: 'button', action_id: 'go', value: 'x', text: { type: 'plain_text', text: 'Go' } }, 'row', {})).toEqual({ type: 'button', action_id: 'go', block_id: 'row', text: { type: 'plain_text', text: 'Go' }, value: 'x' });
    expect(actionFields({ type: 'overflow', action_id: 'more', options: [option('edit')] }, 's', { value: 'edit' })).toMatchObject({ selected_option: option('edit') });
    expect(actionFields({ type: 'static_select', action_id: 'impact', options: [option('low')] }, 'b', { value: 'forged' })).toMatchObject({ selected_option: null });
  });
});
