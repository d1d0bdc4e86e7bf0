// Pure Block Kit builders for incidents: the report modal and the ticket card.
import type { KnownBlock, ModalView } from '@slack/types';
import { flattenCategories, type CategoryTree } from '../../domain/category.js';
import type { Locale, Translate } from '../../i18n/index.js';
import type { IncidentListFilter, IncidentRecord } from '../../db/repositories/incidents.js';
import { INCIDENT_ACTIONS, REPORT_FIELDS, VIEWS } from '../ids.js';
import { recordFormBlocks } from '../record-form.js';
import { knownErrorBlocks, linkedProblemsLine } from '../problem/incident-blocks.js';
import { cardActions } from './action-blocks.js';
import { option, plain } from '../block-kit.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';
import type { MessageContent } from '../../outbox/messages.js';
import { slackDate } from '../format.js';


export function categoryLabel(categories: CategoryTree, locale: Locale, path: string): string {
  const found = flattenCategories(categories).find((category) => category.path === path);
  return found ? found.labels[locale].join(' › ') : path;
}

export interface ReportModalInput {
  t: Translate;
  locale: Locale;
  categories: CategoryTree;
  prefill?: { title?: string; description?: string };
  /** Opaque to Slack; comes back with the submission (source, channel, permalink). */
  privateMetadata: string;
  /** Offered only when a security channel is configured, so security incidents never go public. */
  allowSecurity: boolean;
  /** Offered once the CMDB has items: the affected configuration item, picked with type-ahead. */
  offerItems?: boolean;
}

export function reportIncidentModal({ t, locale, categories, prefill, privateMetadata, allowSecurity, offerItems = false }: ReportModalInput): ModalView {
  const blocks = recordFormBlocks({ t, locale, categories, hints: { title: 'incident.field.title.hint', description: 'incident.field.description.hint' }, offerItems, ...(prefill ? { prefill } : {}) });
  if (allowSecurity) blocks.push(securityInput(t));
  return {
    type: 'modal',
    callback_id: VIEWS.reportIncident,
    title: plain(t('incident.modal.title'), LIMITS.modalTitle),
    submit: plain(t('incident.modal.submit'), LIMITS.modalTitle),
    close: plain(t('incident.modal.cancel'), LIMITS.modalTitle),
    private_metadata: truncate(privateMetadata, LIMITS.privateMetadata),
    blocks,
  };
}

function securityInput(t: Translate): KnownBlock {
  return {
    type: 'input',
    block_id: REPORT_FIELDS.security,
    optional: true,
    label: plain(t('incident.field.security')),
    element: { type: 'checkboxes', action_id: REPORT_FIELDS.security, options: [option(t('incident.field.security.option'), 'yes')] },
  };
}

export interface CardInput {
  t: Translate;
  locale: Locale;
  categories: CategoryTree;
  incident: IncidentRecord;
  /** The desk channel's card has buttons; a copy shown to one person (`/incident show`) has none. */
  withActions?: boolean;
}

/** The ticket card in the service desk channel, updated in place on every change. */
export function incidentCard({ t, locale, categories, incident, withActions = true }: CardInput): MessageContent {
  const priority = t(`priority.${incident.priority}`);
  const state = t(`state.${incident.state}`);
  const field = (label: string, value: string) => ({
    type: 'mrkdwn' as const,
    text: truncate(`*${label}*\n${value}`, LIMITS.fieldText),
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`${incident.number} · ${incident.title}`, LIMITS.headerText) },
    {
      type: 'section',
      fields: [
        field(t('incident.card.priority'), priority),
        field(t('incident.card.state'), state),
        field(t('incident.card.assignee'), incident.assigneeId ? `<@${incident.assigneeId}>` : t('incident.card.unassigned')),
        field(
          t('incident.card.category'),
          incident.categoryPath ? escapeMrkdwn(categoryLabel(categories, locale, incident.categoryPath)) : t('incident.card.uncategorised'),
        ),
        field(t('incident.card.reporter'), `<@${incident.reporterId}>`),
        field(t('incident.card.source'), t(`source.${incident.source}`)),
        field(t('incident.card.tier'), t(`tier.${incident.tier}`)),
        field(t('incident.card.service'), incident.affectedService ? escapeMrkdwn(incident.affectedService) : '—'),
      ],
    },
  ];
  if (incident.description && incident.description !== incident.title) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(incident.description), LIMITS.sectionText) } });
  }
  blocks.push(...knownErrorBlocks(t, incident, withActions));
  blocks.push({ type: 'context', elements: cardContext(t, incident).map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.fieldText) })) });
  if (withActions) blocks.push(...cardActions(t, incident));
  return {
    text: truncate(t('incident.card.fallback', { number: incident.number, title: escapeMrkdwn(incident.title), priority, state }), LIMITS.messageText),
    blocks,
  };
}

function cardContext(t: Translate, incident: IncidentRecord): string[] {
  const lines = [t('incident.card.opened', { time: slackDate(incident.openedAt) })];
  const deadline = nextDeadline(t, incident);
  if (deadline) lines.push(deadline);
  if (incident.isSecurity) lines.unshift(t('incident.card.security'));
  if (incident.major) lines.unshift(t('incident.card.major', { lead: `<@${incident.major.leadId}>` }));
  if (incident.hold) lines.push(t('incident.card.hold', { kind: t(`hold.${incident.hold.kind}`), reason: escapeMrkdwn(incident.hold.reason) }));
  const problems = linkedProblemsLine(t, incident);
  if (problems) lines.push(problems);
  if (incident.duplicateOf) lines.push(t('incident.card.duplicate', { number: incident.duplicateOf }));
  else if (incident.resolution) {
    lines.push(t('incident.card.resolution', { code: t(`resolution.${incident.resolution.code}`), notes: escapeMrkdwn(incident.resolution.notes) }));
  }
  return lines;
}

/** The deadline the desk works to now: the response while nobody has responded, then the resolution. */
function nextDeadline(t: Translate, incident: IncidentRecord): string | null {
  if (incident.state === 'resolved' || incident.state === 'closed') return null;
  if (!incident.firstResponseAt && incident.sla.responseDueAt) return t('incident.card.response_due', { time: slackDate(incident.sla.responseDueAt) });
  return incident.sla.resolutionDueAt ? t('incident.card.resolution_due', { time: slackDate(incident.sla.resolutionDueAt) }) : null;
}

/** A date Slack shows in each reader's own time zone. */
/** One line per incident (number, priority, state, title, assignee), or "Nothing here." */
export function incidentLines(t: Translate, incidents: IncidentRecord[]): string {
  const lines = incidents.map((incident) =>
    t('incident.list.line', {
      number: incident.number,
      priority: incident.priority,
      state: t(`state.${incident.state}`),
      title: escapeMrkdwn(truncate(incident.title, 80)),
      assignee: incident.assigneeId ? `<@${incident.assigneeId}>` : t('incident.card.unassigned'),
    }),
  );
  return lines.length > 0 ? lines.join('\n') : t('incident.list.empty');
}

export interface ListInput {
  t: Translate;
  filter: IncidentListFilter;
  incidents: IncidentRecord[];
  page: number;
  hasMore: boolean;
}

/** `/incident list`: one line per incident, and "More" while more follow. */
export function incidentList({ t, filter, incidents, page, hasMore }: ListInput): MessageContent {
  const title = t(`incident.list.title.${filter}`);
  const body = incidentLines(t, incidents);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${title}*\n${body}`, LIMITS.sectionText) } },
  ];
  if (hasMore) {
    blocks.push({
      type: 'actions',
      block_id: 'incident_list_more',
      elements: [{ type: 'button', text: plain(t('incident.list.more'), LIMITS.buttonText), action_id: INCIDENT_ACTIONS.listMore, value: `${filter}:${page + 1}` }],
    });
  }
  return { text: truncate(`${title}\n${body}`, LIMITS.messageText), blocks };
}
