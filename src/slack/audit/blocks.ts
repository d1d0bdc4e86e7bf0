// `/itsm audit INC-…`: a record's history, newest last, within Block Kit's limits.
import type { KnownBlock } from '@slack/types';
import type { Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import { slackDate } from '../format.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

export interface AuditLine {
  at: Date;
  actorId: string;
  action: string;
  field: string | null;
  fromValue: string | null;
  toValue: string | null;
}

const MAX_ENTRIES = 40;
const PER_SECTION = 10;

export function auditHistory(t: Translate, number: string, entries: AuditLine[]): MessageContent {
  const shown = entries.slice(-MAX_ENTRIES);
  const lines = shown.map((entry) => {
    const actor = entry.actorId === 'system' ? t('timeline.system') : `<@${entry.actorId}>`;
    const line = t('audit.line', { time: slackDate(entry.at), actor, action: entry.action });
    const change = entry.field ? ` · ${t('audit.change', { field: entry.field, from: escapeMrkdwn(entry.fromValue ?? '—'), to: escapeMrkdwn(entry.toValue ?? '—') })}` : '';
    return truncate(`${line}${change}`, 300);
  });
  const title = t('audit.title', { number, count: entries.length });
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: title } }];
  if (entries.length > shown.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t('audit.more', { count: entries.length - shown.length }) }] });
  for (let index = 0; index < lines.length; index += PER_SECTION) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(lines.slice(index, index + PER_SECTION).join('\n'), LIMITS.sectionText) } });
  }
  return { text: title, blocks };
}
