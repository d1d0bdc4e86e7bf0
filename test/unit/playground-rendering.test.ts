// The playground page's Block Kit and mrkdwn rendering: pure functions from blocks to page nodes.
import { describe, expect, it } from 'vitest';
import { blocks } from '../../src/playground/page/blocks.js';
import type { RenderContext } from '../../src/playground/page/context.js';
import { fromLocalInput, toLocalInput } from '../../src/playground/page/dates.js';
import { mrkdwn } from '../../src/playground/page/mrkdwn.js';
import { findAll, h, textOf, type VNode } from '../../src/playground/page/vnode.js';

const context: RenderContext = {
  people: new Map([['U1', 'Dana Desk']]),
  channels: new Map([['C1', 'service-desk']]),
  timeZone: 'Asia/Shanghai',
  now: new Date('2026-03-02T02:00:00Z'),
};
const root = (nodes: (VNode | string)[]) => h('div', {}, nodes);
const tags = (node: VNode) => findAll(node, () => true).map((found) => found.tag);

describe('mrkdwn', () => {
  it('formats bold, italic, strike, code and quotes, and keeps snake_case words as they are', () => {
    const node = root(mrkdwn('*Bold* _it_ ~gone~ `a_b` see_this_word\n> quoted', context));
    expect(tags(node)).toEqual(expect.arrayContaining(['strong', 'em', 'del', 'code', 'blockquote', 'br']));
    expect(textOf(node)).toBe('Bold it gone a_b see_this_wordquoted');
  });

  it('names mentioned people and channels, and shows dates in the reader\'s time zone', () => {
    const node = root(mrkdwn('<@U1> in <#C1> <!here> <!date^1772416800^{date_short} at {time}|2 Mar>', context));
    expect(textOf(node)).toMatch(/^@Dana Desk in #service-desk @here 2 Mar 2026 at 10:00$/);
  });

  it('keeps text as text: markup and entities are shown, never interpreted', () => {
    const node = root(mrkdwn('&lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(1)> & done', context));
    expect(tags(node)).toEqual(['div']);
    expect(textOf(node)).toContain('<script>alert(1)</script>');
  });

  it('links only http(s), mailto and the playground\'s own paths', () => {
    const links = findAll(root(mrkdwn('<https://example.com|site> <javascript:alert(1)|evil> </archives/C1/p1|here>', context)), (node) => node.tag === 'a');
    expect(links.map((link) => link.attrs.href)).toEqual(['https://example.com', '/archives/C1/p1']);
  });

  it('turns the emoji the bot uses into characters, and code blocks into pre', () => {
    const node = root(mrkdwn(':white_check_mark: done\n```\nline *1*\n```', context));
    expect(textOf(node)).toContain('✅ done');
    expect(findAll(node, (found) => found.tag === 'pre').map(textOf)).toEqual(['line *1*\n']);
  });
});

describe('Block Kit blocks', () => {
  it('draws a card: header, section with fields and an accessory, context, divider, actions', () => {
    const node = root(
      blocks(
        [
          { type: 'header', text: { type: 'plain_text', text: 'INC-1 · VPN' } },
          { type: 'section', block_id: 's', text: { type: 'mrkdwn', text: '*State*' }, fields: [{ type: 'mrkdwn', text: '*A*\n1' }], accessory: { type: 'overflow', action_id: 'more', options: [{ text: { type: 'plain_text', text: 'Edit' }, value: 'edit' }] } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: 'Opened' }] },
          { type: 'divider' },
          { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'chart' },
          { type: 'actions', block_id: 'a', elements: [{ type: 'button', action_id: 'take', text: { type: 'plain_text', text: 'Take' }, style: 'primary', value: 'INC-1' }, { type: 'users_select', action_id: 'assign' }, { type: 'datepicker', action_id: 'day', initial_date: '2026-03-02' }] },
        ],
        { surface: 'message', context },
      ),
    );
    const button = findAll(node, (found) => found.attrs['data-action-id'] === 'take')[0]!;
    expect(button.attrs).toMatchObject({ 'data-value': 'INC-1', 'data-dispatch': 'true', class: 'bk-button bk-primary' });
    expect(findAll(node, (found) => found.tag === 'option').map(textOf)).toContain('Dana Desk');
    expect(findAll(node, (found) => found.attrs['data-block-id'] !== undefined).map((found) => found.attrs['data-block-id'])).toContain('a');
    expect(tags(node)).toEqual(expect.arrayContaining(['h3', 'hr', 'img', 'details', 'select', 'input']));
  });

  it('draws a modal\'s inputs with their labels, hints, initial values and inline errors; inputs wait for submit', () => {
    const node = root(
      blocks(
        [
          { type: 'input', block_id: 'notes', label: { type: 'plain_text', text: 'Notes' }, hint: { type: 'plain_text', text: 'Say why' }, element: { type: 'plain_text_input', action_id: 'notes', multiline: true, initial_value: 'x' } },
          { type: 'input', block_id: 'when', optional: true, label: { type: 'plain_text', text: 'When' }, element: { type: 'datetimepicker', action_id: 'when', initial_date_time: 1772416800 } },
          { type: 'input', block_id: 'kind', label: { type: 'plain_text', text: 'Kind' }, element: { type: 'radio_buttons', action_id: 'kind', options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }], initial_option: { text: { type: 'plain_text', text: 'A' }, value: 'a' } } },
          { type: 'rich_text', elements: [] },
        ],
        { surface: 'modal', context, errors: { notes: 'This is required.' } },
      ),
    );
    expect(textOf(node)).toContain('NotesxSay whyThis is required.');
    expect(findAll(node, (found) => found.tag === 'textarea').map(textOf)).toEqual(['x']);
    expect(findAll(node, (found) => found.attrs.type === 'datetime-local')[0]?.attrs.value).toBe('2026-03-02T10:00');
    expect(findAll(node, (found) => found.attrs.type === 'radio')[0]?.attrs.checked).toBe(true);
    expect(findAll(node, (found) => found.attrs['data-dispatch'] === 'true')).toEqual([]);
    expect(textOf(node)).toContain('[rich_text block]');
  });
});

describe('dates typed in a time zone', () => {
  it.each([
    ['Asia/Shanghai', '2026-03-02T10:00', '2026-03-02T02:00:00.000Z'],
    ['America/New_York', '2026-03-08T03:30', '2026-03-08T07:30:00.000Z'],
    ['Europe/London', '2026-07-01T09:15', '2026-07-01T08:15:00.000Z'],
  ])('in %s, %s is %s and back', (timeZone, local, utc) => {
    expect(fromLocalInput(local, timeZone)?.toISOString()).toBe(utc);
    expect(toLocalInput(new Date(utc), timeZone)).toBe(local);
  });
});
