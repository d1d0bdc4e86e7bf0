// Pure Block Kit builders for `/ci`: an item with its relationships both ways, the services that
// depend on it, its open records, its planned maintenance and its recent history.
import type { KnownBlock, MrkdwnElement } from '@slack/types';
import type { CiRecord, RelatedRecord } from '../../db/repositories/cmdb.js';
import type { MaintenanceHistoryEntry, PlanRecord } from '../../db/repositories/maintenance.js';
import { RELATIONSHIP_KINDS } from '../../domain/cmdb.js';
import type { ImportPlan } from '../../domain/cmdb-transfer.js';
import type { Recurrence } from '../../domain/recurrence.js';
import { isMessageKey, type Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import type { ItemView } from '../../services/cmdb.js';
import { slackDate } from '../format.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

const mrkdwn = (text: string, max: number = LIMITS.sectionText): MrkdwnElement => ({ type: 'mrkdwn', text: truncate(text, max) });
const field = (label: string, value: string) => mrkdwn(`*${label}*\n${value}`, LIMITS.fieldText);
const list = (values: readonly string[]) => (values.length > 0 ? values.map(escapeMrkdwn).join(', ') : '—');
const section = (lines: string[]): KnownBlock => ({ type: 'section', text: mrkdwn(lines.join('\n')) });

export function recurrenceText(t: Translate, recurrence: Recurrence): string {
  switch (recurrence.kind) {
    case 'daily':
      return t('maintenance.recurrence.daily', { at: recurrence.at });
    case 'weekly': {
      const weekday = `maintenance.weekday.${recurrence.weekday}`;
      return t('maintenance.recurrence.weekly', { weekday: isMessageKey(weekday) ? t(weekday) : String(recurrence.weekday), at: recurrence.at });
    }
    case 'monthly':
      return t('maintenance.recurrence.monthly', { day: recurrence.day, at: recurrence.at });
    case 'cron':
      return t('maintenance.recurrence.cron', { expression: escapeMrkdwn(recurrence.expression) });
  }
}

function relationshipLines(t: Translate, view: ItemView): string[] {
  const outgoing = RELATIONSHIP_KINDS.map((kind) => t(`cmdb.relation.${kind}`, { items: list(view.item.relationships.filter((relationship) => relationship.kind === kind).map((relationship) => relationship.to)) }));
  const incoming = RELATIONSHIP_KINDS.flatMap((kind) => {
    const from = view.incoming.filter((relationship) => relationship.kind === kind).map((relationship) => relationship.from);
    return from.length > 0 ? [t(`cmdb.relation.${kind}.incoming`, { items: list(from) })] : [];
  });
  return [`*${t('cmdb.view.relationships')}*`, ...outgoing, ...incoming];
}

function stateName(t: Translate, kind: 'incident' | 'change' | 'problem', state: string): string {
  const key = kind === 'change' ? `change.state.${state}` : `state.${state}`;
  return isMessageKey(key) ? t(key) : state;
}

function recordLines(t: Translate, label: string, records: readonly RelatedRecord[] | null, kind: 'incident' | 'change' | 'problem'): string {
  if (records === null) return `*${label}:* ${t('cmdb.view.desk_only')}`;
  const shown = records.map((record) => `${record.number} ${escapeMrkdwn(record.title)} (${stateName(t, kind, record.state)})`);
  return `*${label}:* ${shown.length > 0 ? shown.join('; ') : t('cmdb.view.none')}`;
}

export interface MaintenanceOfItem {
  plans: PlanRecord[];
  history: MaintenanceHistoryEntry[];
}

function maintenanceLines(t: Translate, maintenance: MaintenanceOfItem): string[] {
  const plans = maintenance.plans.map((plan) => t('cmdb.view.plan', { title: escapeMrkdwn(plan.title), recurrence: recurrenceText(t, plan.recurrence), due: slackDate(plan.nextDueAt), owner: `<@${plan.ownerId}>` }));
  const done = maintenance.history.map((entry) =>
    t(`cmdb.view.maintenance_${entry.outcome}`, { title: escapeMrkdwn(entry.title), due: slackDate(entry.dueAt), user: `<@${entry.byId}>`, to: entry.postponedTo ? slackDate(entry.postponedTo) : '', reason: escapeMrkdwn(entry.note ?? '') }),
  );
  return [`*${t('cmdb.view.maintenance')}*`, ...(plans.length > 0 ? plans : [t('cmdb.view.none')]), ...done];
}

function historyLine(t: Translate, entry: ItemView['history'][number]): string {
  const actor = entry.actorId === 'system' ? t('timeline.system') : `<@${entry.actorId}>`;
  const change = entry.field ? ` · ${t('audit.change', { field: entry.field, from: escapeMrkdwn(entry.fromValue || '—'), to: escapeMrkdwn(entry.toValue || '—') })}` : '';
  return truncate(`${t('audit.line', { time: slackDate(entry.at), actor, action: entry.action })}${change}`, 300);
}

/** `/ci ITEM`: the item as the CMDB records it, and everything around it. */
export function itemCard(t: Translate, view: ItemView, maintenance: MaintenanceOfItem): MessageContent {
  const { item } = view;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`${item.key} · ${item.name}`, LIMITS.headerText) } },
    {
      type: 'section',
      fields: [
        field(t('cmdb.view.type'), escapeMrkdwn(item.type)),
        field(t('cmdb.view.status'), t(`cmdb.status.${item.status}`)),
        field(t('cmdb.view.owner'), item.ownerId ? `<@${item.ownerId}>` : '—'),
        field(t('cmdb.view.version'), escapeMrkdwn(item.version ?? '—')),
        field(t('cmdb.view.location'), escapeMrkdwn(item.location ?? '—')),
        field(t('cmdb.view.supports'), list(item.services)),
      ],
    },
    section(relationshipLines(t, view)),
    section([`*${t('cmdb.view.dependent_services')}:* ${list(view.services)}`, ...(view.impacted.length > 0 ? [t('cmdb.view.impacted', { items: list(view.impacted) })] : [])]),
    section([
      recordLines(t, t('cmdb.view.incidents'), view.related.incidents, 'incident'),
      recordLines(t, t('cmdb.view.problems'), view.related.problems, 'problem'),
      recordLines(t, t('cmdb.view.changes'), view.related.changes, 'change'),
    ]),
    section(maintenanceLines(t, maintenance)),
  ];
  if (view.history.length > 0) blocks.push(section([`*${t('cmdb.view.history')}*`, ...view.history.map((entry) => historyLine(t, entry))]));
  return { text: `${item.key} · ${item.name}`, blocks };
}

/** Several items matched (or none): their ids and names. */
export function itemChoices(t: Translate, text: string, items: readonly CiRecord[]): MessageContent {
  if (items.length === 0) return { text: t('cmdb.not_found', { text: escapeMrkdwn(text) }) };
  return { text: [t('cmdb.choices', { text: escapeMrkdwn(text) }), ...items.map((item) => `• \`${item.key}\` ${escapeMrkdwn(item.name)} (${t(`cmdb.status.${item.status}`)})`)].join('\n') };
}

/** What an import did: items created, left as they were, refused. */
export function importSummary(t: Translate, plan: ImportPlan): string {
  const lines = [t('cmdb.import.done', { created: plan.create.length, unchanged: plan.unchanged.length })];
  if (plan.refused.length > 0) lines.push(t('cmdb.import.refused', { items: plan.refused.map((refused) => `${refused.key} (${refused.fields.join(', ')})`).join('; ') }));
  return lines.join('\n');
}
