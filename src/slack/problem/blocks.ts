// Pure Block Kit builders for problems: the form that records one, the problem card, and the
// problem candidate the trend analysis proposes.
import type { KnownBlock, ModalView } from '@slack/types';
import type { CategoryTree } from '../../domain/category.js';
import { PROBLEM_SOURCES, type ProblemSource } from '../../domain/problem.js';
import type { ProblemRecord } from '../../db/repositories/problems.js';
import type { CandidateRecord } from '../../db/repositories/trends.js';
import type { Priority } from '../../domain/priority.js';
import type { Locale, Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import { button, contextLines, field, mrkdwnSection, option, plain, select, textInput } from '../block-kit.js';
import { PROBLEM_ACTIONS, PROBLEM_FIELDS, PROBLEM_VIEWS } from '../ids.js';
import { slackDate } from '../format.js';
import { categoryLabel } from '../incident/blocks.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';
import { recordFormBlocks, type RecordFields } from '../record-form.js';
import { problemCardActions } from './action-blocks.js';

export interface ProblemPrefill extends Partial<RecordFields> {
  source?: ProblemSource;
  incidents?: readonly string[];
}

export interface CreateModalInput {
  t: Translate;
  locale: Locale;
  categories: CategoryTree;
  prefill: ProblemPrefill;
  /** Comes back with the submission: where the form was opened from. */
  privateMetadata: string;
}

export function createProblemModal({ t, locale, categories, prefill, privateMetadata }: CreateModalInput): ModalView {
  const hints = { title: 'problem.field.title.hint', description: 'problem.field.description.hint' } as const;
  const sources = PROBLEM_SOURCES.map((source) => option(t(`problem.source.${source}`), source));
  return {
    type: 'modal',
    callback_id: PROBLEM_VIEWS.create,
    title: plain(t('problem.modal.title'), LIMITS.modalTitle),
    submit: plain(t('problem.modal.submit'), LIMITS.modalTitle),
    close: plain(t('incident.modal.cancel'), LIMITS.modalTitle),
    private_metadata: truncate(privateMetadata, LIMITS.privateMetadata),
    blocks: [
      ...recordFormBlocks({ t, locale, categories, hints, prefill }),
      select(PROBLEM_FIELDS.source, t('problem.field.source'), sources, prefill.source ?? 'proactive'),
      textInput(PROBLEM_FIELDS.incidents, t('problem.field.incidents'), { optional: true, multiline: false, max: 500, initial: (prefill.incidents ?? []).join(' ') }),
    ],
  };
}

export interface ProblemCardInput {
  t: Translate;
  locale: Locale;
  categories: CategoryTree;
  problem: ProblemRecord;
  /** The card in the problem channel has buttons; a copy shown to one person has none. */
  withActions?: boolean;
}

/** The problem card in the problem channel, updated in place on every change. */
export function problemCard({ t, locale, categories, problem, withActions = true }: ProblemCardInput): MessageContent {
  const priority = t(`priority.${problem.priority}`);
  const state = t(`state.${problem.state}`);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`${problem.number} · ${problem.title}`, LIMITS.headerText) },
    {
      type: 'section',
      fields: [
        field(t('incident.card.priority'), priority),
        field(t('incident.card.state'), state),
        field(t('problem.card.owner'), problem.ownerId ? `<@${problem.ownerId}>` : t('problem.card.no_owner')),
        field(t('incident.card.category'), problem.categoryPath ? escapeMrkdwn(categoryLabel(categories, locale, problem.categoryPath)) : t('incident.card.uncategorised')),
        field(t('incident.card.service'), problem.affectedService ? escapeMrkdwn(problem.affectedService) : '—'),
        field(t('problem.card.source'), t(`problem.source.${problem.source}`)),
        field(t('problem.card.creator'), `<@${problem.creatorId}>`),
        field(t('problem.card.incidents'), problem.linkedIncidents.length > 0 ? problem.linkedIncidents.join(', ') : t('problem.card.no_incidents')),
      ],
    },
  ];
  if (problem.description && problem.description !== problem.title) blocks.push(mrkdwnSection(escapeMrkdwn(problem.description)));
  blocks.push(...knownErrorSections(t, problem));
  blocks.push(contextLines(cardContext(t, problem)));
  if (withActions) blocks.push(...problemCardActions(t, problem));
  return {
    text: truncate(t('problem.card.fallback', { number: problem.number, title: escapeMrkdwn(problem.title), priority, state }), LIMITS.messageText),
    blocks,
  };
}

function knownErrorSections(t: Translate, problem: ProblemRecord): KnownBlock[] {
  const sections: string[] = [];
  if (problem.rootCause) sections.push(t('problem.card.root_cause', { text: escapeMrkdwn(problem.rootCause) }));
  if (problem.workaround) sections.push(t('problem.card.workaround', { text: escapeMrkdwn(problem.workaround) }));
  if (problem.resolution) {
    const notes = escapeMrkdwn(problem.resolution.notes);
    const change = problem.resolution.changeNumber;
    sections.push(change ? t('problem.card.resolution_change', { notes, change }) : t('problem.card.resolution', { notes }));
  }
  if (problem.cancelReason) sections.push(t('problem.card.cancelled', { reason: escapeMrkdwn(problem.cancelReason) }));
  return sections.map(mrkdwnSection);
}

function cardContext(t: Translate, problem: ProblemRecord): string[] {
  const lines = [t('problem.card.opened', { time: slackDate(problem.openedAt) })];
  if (problem.knownErrorAt) lines.push(t('problem.card.known_error_since', { time: slackDate(problem.knownErrorAt) }));
  if (problem.resolvedAt) lines.push(t('problem.card.resolved_at', { time: slackDate(problem.resolvedAt) }));
  return lines;
}

export interface CandidateIncident {
  number: string;
  title: string;
  priority: Priority;
}

export interface CandidateCardInput {
  t: Translate;
  locale: Locale;
  categories: CategoryTree;
  candidate: CandidateRecord;
  incidents: readonly CandidateIncident[];
  windowDays: number;
  /** Once a problem is recorded from it, the card says so instead of offering the button. */
  taken?: { problem: string; actorId: string };
}

/** What the candidate is about: "category Hardware › Printer" or "service vpn". */
export function candidateGroup(t: Translate, locale: Locale, categories: CategoryTree, candidate: Pick<CandidateRecord, 'groupBy' | 'value'>): string {
  const value = candidate.groupBy === 'category' ? categoryLabel(categories, locale, candidate.value) : candidate.value;
  return t(`trend.group.${candidate.groupBy}`, { value: escapeMrkdwn(value) });
}

export function candidateCard({ t, locale, categories, candidate, incidents, windowDays, taken }: CandidateCardInput): MessageContent {
  const group = candidateGroup(t, locale, categories, candidate);
  const about = { count: candidate.incidents.length, group, days: windowDays };
  const lines = incidents.map((incident) => t('trend.card.incident', { number: incident.number, priority: incident.priority, title: escapeMrkdwn(truncate(incident.title, 80)) }));
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(t('trend.card.title'), LIMITS.headerText) },
    mrkdwnSection(t('trend.card.summary', about)),
    mrkdwnSection(lines.join('\n')),
  ];
  if (taken) blocks.push(contextLines([t('trend.card.taken', { problem: taken.problem, actor: `<@${taken.actorId}>` })]));
  else {
    blocks.push({
      type: 'actions',
      block_id: `trend_candidate:${candidate.id}`,
      elements: [button(t('problem.button.create'), PROBLEM_ACTIONS.createFromCandidate, String(candidate.id), 'primary')],
    });
  }
  return { text: truncate(t('trend.card.fallback', about), LIMITS.messageText), blocks };
}
