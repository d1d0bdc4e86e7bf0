// Slack's mrkdwn as page nodes: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes,
// <links|labels>, <@U…> and <#C…> mentions, <!here>, <!date^…|fallback>, :emoji:. Text stays text.
import { displayName, type RenderContext } from './context.js';
import { ago, formatDate } from './dates.js';
import { h, safeUrl, type VNode } from './vnode.js';

type Node = VNode | string;

const EMOJI: Record<string, string> = {
  white_check_mark: '✅', x: '❌', warning: '⚠️', rotating_light: '🚨', rewind: '⏪', snowflake: '❄️', rocket: '🚀',
  pager: '📟', hourglass_flowing_sand: '⏳', bulb: '💡', white_circle: '⚪', red_circle: '🔴', mag: '🔍', lock: '🔒',
  large_blue_circle: '🔵', information_source: 'ℹ️', hammer_and_wrench: '🛠️', calendar: '📅', bell: '🔔', arrow_up: '⬆️',
  alarm_clock: '⏰', star: '⭐', tada: '🎉', thumbsup: '👍', '+1': '👍', eyes: '👀', memo: '📝', fire: '🔥', chart_with_upwards_trend: '📈',
};

/** Slack escapes &, < and > in message text; show them as the characters. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const DATE_TOKENS: Record<string, Intl.DateTimeFormatOptions> = {
  date_num: { year: 'numeric', month: '2-digit', day: '2-digit' },
  date: { year: 'numeric', month: 'long', day: 'numeric' },
  date_short: { year: 'numeric', month: 'short', day: 'numeric' },
  date_long: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  date_pretty: { year: 'numeric', month: 'long', day: 'numeric' },
  date_short_pretty: { year: 'numeric', month: 'short', day: 'numeric' },
  date_long_pretty: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  time_secs: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
};

/** `<!date^1700000000^{date_short} at {time}|fallback>`, in the reader's time zone. */
function dateToken(body: string, context: RenderContext): Node {
  const [spec = '', fallback = ''] = splitLabel(body);
  const [, seconds = '', format = '', link] = spec.split('^');
  const instant = new Date(Number(seconds) * 1000);
  if (!Number.isFinite(instant.getTime()) || seconds === '') return fallback;
  const text = format.replace(/\{(\w+)\}/g, (whole, token: string) => {
    if (token === 'ago') return ago(instant, context.now);
    const options = DATE_TOKENS[token];
    return options ? formatDate(instant, context.timeZone, options) : whole;
  });
  const href = link ? safeUrl(link) : null;
  return h('time.mention-date', { datetime: instant.toISOString(), title: fallback }, href ? h('a', { href, target: '_blank', rel: 'noopener' }, text) : text);
}

function splitLabel(body: string): [string, string | undefined] {
  const bar = body.indexOf('|');
  return bar < 0 ? [body, undefined] : [body.slice(0, bar), body.slice(bar + 1)];
}

/** The contents of `<…>`: a mention, a special, a date or a link. */
function angleToken(body: string, context: RenderContext): Node {
  const [target, label] = splitLabel(body);
  if (target.startsWith('@')) return h('span.mention', { 'data-user': target.slice(1) }, `@${label ?? displayName(context, target.slice(1))}`);
  if (target.startsWith('#')) return h('span.mention.channel-link', { 'data-channel': target.slice(1) }, `#${label ?? context.channels.get(target.slice(1)) ?? target.slice(1)}`);
  if (target.startsWith('!date^')) return dateToken(body.slice(1), context);
  if (target.startsWith('!subteam^')) return h('span.mention', {}, label ?? '@group');
  if (target.startsWith('!')) return h('span.mention', {}, `@${target.slice(1)}`);
  const href = safeUrl(decodeEntities(target));
  const text = decodeEntities(label ?? target);
  return href ? h('a', { href, target: href.startsWith('/') ? null : '_blank', rel: 'noopener' }, text) : text;
}

interface InlineRule {
  pattern: RegExp;
  render(match: RegExpExecArray, context: RenderContext): Node;
}

// Formatting marks count at word edges only, as in Slack (so snake_case_words stay as they are).
const edge = (mark: string) => new RegExp(`(?<![\\w${mark}])\\${mark}(?=\\S)([^${mark}\\n]*?\\S)\\${mark}(?![\\w${mark}])`);

const INLINE_RULES: InlineRule[] = [
  { pattern: /`([^`\n]+)`/, render: (match) => h('code', {}, decodeEntities(match[1] ?? '')) },
  { pattern: /<([^<>\n]+)>/, render: (match, context) => angleToken(match[1] ?? '', context) },
  { pattern: edge('*'), render: (match, context) => h('strong', {}, inline(match[1] ?? '', context)) },
  { pattern: edge('_'), render: (match, context) => h('em', {}, inline(match[1] ?? '', context)) },
  { pattern: edge('~'), render: (match, context) => h('del', {}, inline(match[1] ?? '', context)) },
  { pattern: /:([a-z0-9_+-]+):/, render: (match) => EMOJI[match[1] ?? ''] ?? match[0] },
];

/** One line's inline formatting: the earliest mark wins, its inside formatted again. */
export function inline(text: string, context: RenderContext): Node[] {
  let best: { at: number; match: RegExpExecArray; rule: InlineRule } | undefined;
  for (const rule of INLINE_RULES) {
    const match = rule.pattern.exec(text);
    if (match && (!best || match.index < best.at)) best = { at: match.index, match, rule };
  }
  if (!best) return text === '' ? [] : [decodeEntities(text)];
  const before = text.slice(0, best.at);
  const after = text.slice(best.at + best.match[0].length);
  return [...(before ? [decodeEntities(before)] : []), best.rule.render(best.match, context), ...inline(after, context)];
}

/** Lines with their breaks; lines starting with "> " (or &gt; ) as quotes. */
function paragraph(text: string, context: RenderContext): Node[] {
  const nodes: Node[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const quote = /^(?:>|&gt;) ?(.*)$/.exec(line);
    if (quote) nodes.push(h('blockquote', {}, inline(quote[1] ?? '', context)));
    else nodes.push(...inline(line, context), ...(index < lines.length - 1 ? [h('br')] : []));
  });
  return nodes;
}

/** A whole mrkdwn text: ```preformatted``` parts as they are, the rest formatted. */
export function mrkdwn(text: string, context: RenderContext): Node[] {
  return text.split(/```/).flatMap((part, index) => (index % 2 === 1 ? [h('pre', {}, decodeEntities(part.replace(/^\n/, '')))] : paragraph(part, context)));
}

/** A text object: mrkdwn formatted, plain_text as it is (emoji shortcodes shown). */
export function textObject(value: unknown, context: RenderContext): Node[] {
  if (typeof value !== 'object' || value === null) return [];
  const { type, text } = value as { type?: unknown; text?: unknown };
  if (typeof text !== 'string') return [];
  return type === 'mrkdwn' ? mrkdwn(text, context) : [text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole)];
}

/** A plain_text object's text (labels, option texts, button texts). */
export function plainText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const text = (value as { text?: unknown }).text;
  return typeof text === 'string' ? text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole) : '';
}
