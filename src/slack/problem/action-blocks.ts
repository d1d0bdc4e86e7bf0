// Pure Block Kit builders for working a problem: the card's buttons and the action modals.
import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import { IMPACTS, URGENCIES } from '../../domain/priority.js';
import { availableProblemActions, type ProblemEventType } from '../../domain/problem.js';
import { ROLES } from '../../domain/roles.js';
import type { ProblemRecord } from '../../db/repositories/problems.js';
import type { Translate } from '../../i18n/index.js';
import { actionRows, button, option, plain, recordActionModal, select, textInput } from '../block-kit.js';
import { ARTICLE_ACTIONS, PROBLEM_ACTION_VIEW_PREFIX, PROBLEM_ACTIONS, PROBLEM_FIELDS } from '../ids.js';

/** Problem events that need more input than a click; each opens a modal. */
export const PROBLEM_FORM_EVENTS = [
  'record_known_error',
  'resolve',
  'link_incident',
  'add_note',
  'change_priority',
  'reopen',
  'cancel',
] as const satisfies readonly ProblemEventType[];
export type ProblemFormEvent = (typeof PROBLEM_FORM_EVENTS)[number];

export function isProblemFormEvent(event: string): event is ProblemFormEvent {
  return (PROBLEM_FORM_EVENTS as readonly string[]).includes(event);
}

/** The card's action blocks are `problem_actions:<number>:<row>`, so the owner select knows its problem. */
export const PROBLEM_ACTIONS_BLOCK_PREFIX = 'problem_actions:';

export function problemNumberFromBlockId(blockId: string): string | undefined {
  return blockId.startsWith(PROBLEM_ACTIONS_BLOCK_PREFIX) ? blockId.slice(PROBLEM_ACTIONS_BLOCK_PREFIX.length).split(':')[0] : undefined;
}

/** Anyone who may act: the card is shared, so it shows what may be done; each click is checked. */
const ANY_VIEWER = { userId: '', roles: new Set(ROLES) };

/** Where an article can be written from: a known error, or what it became. */
const ARTICLE_SOURCE_STATES: readonly string[] = ['known_error', 'resolved'];

export function problemCardActions(t: Translate, problem: ProblemRecord): KnownBlock[] {
  const available = new Set(availableProblemActions(problem, ANY_VIEWER));
  const value = problem.number;
  const primary: ActionsBlock['elements'] = [];
  if (available.has('investigate')) primary.push(button(t('problem.button.investigate'), PROBLEM_ACTIONS.investigate, value, 'primary'));
  if (available.has('assign')) primary.push({ type: 'users_select', action_id: PROBLEM_ACTIONS.assign, placeholder: plain(t('problem.button.assign')) });
  const forms = PROBLEM_FORM_EVENTS.filter((event) => available.has(event)).map((event) =>
    button(t(`problem.button.${event}`), `${PROBLEM_ACTIONS.formPrefix}${event}`, value, event === 'resolve' ? 'primary' : undefined),
  );
  const afterwards: ActionsBlock['elements'] = [];
  if (available.has('close')) afterwards.push(button(t('problem.button.close'), PROBLEM_ACTIONS.close, value));
  if (problem.state === 'resolved') afterwards.push(button(t('problem.button.resolve_linked'), PROBLEM_ACTIONS.resolveLinked, value, 'primary'));
  if (ARTICLE_SOURCE_STATES.includes(problem.state)) afterwards.push(button(t('article.button.save'), ARTICLE_ACTIONS.saveFromProblem, value));
  return actionRows(`${PROBLEM_ACTIONS_BLOCK_PREFIX}${problem.number}:`, [primary, forms, afterwards]);
}

function formFields(t: Translate, event: ProblemFormEvent, problem: ProblemRecord): KnownBlock[] {
  const reason = textInput(PROBLEM_FIELDS.reason, t('incident.field.reason'));
  switch (event) {
    case 'record_known_error':
      return [
        textInput(PROBLEM_FIELDS.rootCause, t('problem.field.root_cause'), { optional: true, initial: problem.rootCause }),
        textInput(PROBLEM_FIELDS.workaround, t('problem.field.workaround'), { optional: true, initial: problem.workaround }),
      ];
    case 'resolve':
      return [
        textInput(PROBLEM_FIELDS.resolution, t('problem.field.resolution')),
        textInput(PROBLEM_FIELDS.changeNumber, t('problem.field.change_number'), { optional: true, multiline: false, max: 20 }),
      ];
    case 'link_incident':
      return [textInput(PROBLEM_FIELDS.incidents, t('problem.field.incidents'), { multiline: false, max: 500 })];
    case 'add_note':
      return [textInput(PROBLEM_FIELDS.text, t('incident.field.note_text'))];
    case 'change_priority':
      return [
        select(PROBLEM_FIELDS.impact, t('incident.field.impact'), IMPACTS.map((impact) => option(t(`impact.${impact}`), impact)), problem.impact),
        select(PROBLEM_FIELDS.urgency, t('incident.field.urgency'), URGENCIES.map((urgency) => option(t(`urgency.${urgency}`), urgency)), problem.urgency),
        reason,
      ];
    case 'reopen':
    case 'cancel':
      return [reason];
  }
}

export function problemActionModal(t: Translate, event: ProblemFormEvent, problem: ProblemRecord): ModalView {
  const title = t(`problem.action.title.${event}`);
  return recordActionModal(t, { callbackId: `${PROBLEM_ACTION_VIEW_PREFIX}${event}`, title, record: problem, fields: formFields(t, event, problem) });
}
