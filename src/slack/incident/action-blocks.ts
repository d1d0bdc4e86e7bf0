// Pure Block Kit builders for working an incident: the card's buttons, the action modals, and
// the reporter's "Is it fixed?" and satisfaction survey messages.
import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import { availableIncidentActions, HOLD_KINDS, RESOLUTION_CODES, type IncidentEventType } from '../../domain/incident.js';
import { IMPACTS, URGENCIES } from '../../domain/priority.js';
import { ROLES } from '../../domain/roles.js';
import { SATISFACTION_RATINGS } from '../../domain/satisfaction.js';
import type { IncidentRecord } from '../../db/repositories/incidents.js';
import type { Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import { ACTION_FIELDS, CHANGE_ACTIONS, INCIDENT_ACTION_VIEW_PREFIX, INCIDENT_ACTIONS, SURVEY_COMMENT_VIEW } from '../ids.js';
import { button, chunk, option, plain, recordActionModal, select, textInput } from '../block-kit.js';
import { problemButtons } from '../problem/incident-blocks.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

/** Desk events that need more input than a click; each opens a modal. */
export const FORM_EVENTS = [
  'add_note',
  'hold',
  'resolve',
  'escalate_functional',
  'escalate_hierarchical',
  'change_priority',
  'mark_duplicate',
  'reopen',
  'declare_major',
  'major_update',
] as const satisfies readonly IncidentEventType[];
export type FormEvent = (typeof FORM_EVENTS)[number];

export function isFormEvent(event: string): event is FormEvent {
  return (FORM_EVENTS as readonly string[]).includes(event);
}


/** The card's action blocks are `incident_actions:<number>:<row>`, so a user select knows its incident. */
export const CARD_ACTIONS_BLOCK_PREFIX = 'incident_actions:';

export function incidentNumberFromBlockId(blockId: string): string | undefined {
  return blockId.startsWith(CARD_ACTIONS_BLOCK_PREFIX) ? blockId.slice(CARD_ACTIONS_BLOCK_PREFIX.length).split(':')[0] : undefined;
}

/** Anyone on the desk: the card is shared, so it shows what the desk may do; each click is checked. */
const DESK_VIEWER = { userId: '', roles: new Set(ROLES) };

export function cardActions(t: Translate, incident: IncidentRecord): KnownBlock[] {
  const available = new Set(availableIncidentActions(incident, DESK_VIEWER));
  const value = incident.number;
  const primary: ActionsBlock['elements'] = [];
  if (available.has('take')) primary.push(button(t('incident.button.take'), INCIDENT_ACTIONS.take, value, 'primary'));
  if (available.has('assign')) {
    primary.push({ type: 'users_select', action_id: INCIDENT_ACTIONS.assign, placeholder: plain(t('incident.button.assign')) });
  }
  if (available.has('resume')) primary.push(button(t('incident.button.resume'), INCIDENT_ACTIONS.resume, value, 'primary'));
  const forms = FORM_EVENTS.filter((event) => available.has(event)).map((event) =>
    button(t(`incident.button.${event}`), `${INCIDENT_ACTIONS.formPrefix}${event}`, value, event === 'resolve' ? 'primary' : undefined),
  );
  // A fix that needs a change to a configuration item: raise it from here, linked to the incident.
  if (incident.state !== 'closed') forms.push(button(t('incident.button.raise_change'), CHANGE_ACTIONS.raiseFromIncident, value));
  const rows = [primary, ...chunk(forms, 5), problemButtons(t, incident)].filter((row) => row.length > 0);
  return rows.map((elements, index) => ({ type: 'actions', block_id: `${CARD_ACTIONS_BLOCK_PREFIX}${incident.number}:${index + 1}`, elements }));
}


function formFields(t: Translate, event: FormEvent, incident: IncidentRecord): KnownBlock[] {
  const reason = textInput(ACTION_FIELDS.reason, t('incident.field.reason'));
  switch (event) {
    case 'add_note':
      return [
        textInput(ACTION_FIELDS.text, t('incident.field.note_text')),
        {
          type: 'input',
          block_id: ACTION_FIELDS.visibility,
          label: plain(t('incident.field.visibility')),
          element: {
            type: 'radio_buttons',
            action_id: ACTION_FIELDS.visibility,
            options: [option(t('visibility.internal'), 'internal'), option(t('visibility.public'), 'public')],
            initial_option: option(t('visibility.internal'), 'internal'),
          },
        },
      ];
    case 'hold':
      return [select(ACTION_FIELDS.holdKind, t('incident.field.hold_kind'), HOLD_KINDS.map((kind) => option(t(`hold.${kind}`), kind))), reason];
    case 'resolve':
      return [
        select(ACTION_FIELDS.resolutionCode, t('incident.field.resolution_code'), RESOLUTION_CODES.filter((code) => code !== 'duplicate').map((code) => option(t(`resolution.${code}`), code)), 'fixed'),
        textInput(ACTION_FIELDS.notes, t('incident.field.notes')),
      ];
    case 'escalate_functional': {
      const tiers = incident.tier === 'second_line' ? (['third_line'] as const) : (['second_line', 'third_line'] as const);
      return [select(ACTION_FIELDS.tier, t('incident.field.tier'), tiers.map((tier) => option(t(`tier.${tier}`), tier)), tiers[0]), reason];
    }
    case 'change_priority':
      return [
        select(ACTION_FIELDS.impact, t('incident.field.impact'), IMPACTS.map((impact) => option(t(`impact.${impact}`), impact)), incident.impact),
        select(ACTION_FIELDS.urgency, t('incident.field.urgency'), URGENCIES.map((urgency) => option(t(`urgency.${urgency}`), urgency)), incident.urgency),
        reason,
      ];
    case 'mark_duplicate':
      return [
        textInput(ACTION_FIELDS.duplicateOf, t('incident.field.duplicate_of'), { multiline: false, max: 20 }),
        textInput(ACTION_FIELDS.notes, t('incident.field.notes'), { optional: true }),
      ];
    case 'escalate_hierarchical':
    case 'reopen':
      return [reason];
    case 'declare_major':
      return [
        {
          type: 'input',
          block_id: ACTION_FIELDS.lead,
          label: plain(t('incident.field.lead')),
          element: { type: 'users_select', action_id: ACTION_FIELDS.lead, ...(incident.assigneeId ? { initial_user: incident.assigneeId } : {}) },
        },
        textInput(ACTION_FIELDS.summary, t('incident.field.summary')),
      ];
    case 'major_update':
      return [textInput(ACTION_FIELDS.text, t('incident.field.update'))];
  }
}

export function incidentActionModal(t: Translate, event: FormEvent, incident: IncidentRecord): ModalView {
  const title = t(`incident.action.title.${event}`);
  return recordActionModal(t, { callbackId: `${INCIDENT_ACTION_VIEW_PREFIX}${event}`, title, record: incident, fields: formFields(t, event, incident) });
}

/** A message with a question and the buttons that answer it. */
function question(text: string, blockId: string, buttons: Button[]): MessageContent {
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } },
      { type: 'actions', block_id: blockId, elements: buttons },
    ],
  };
}

export function fixedQuestion(t: Translate, incident: IncidentRecord, text: string): MessageContent {
  return question(text, 'incident_fixed', [
    button(t('incident.button.fixed_yes'), INCIDENT_ACTIONS.fixedYes, incident.number, 'primary'),
    button(t('incident.button.fixed_no'), INCIDENT_ACTIONS.fixedNo, incident.number, 'danger'),
  ]);
}

export function surveyQuestion(t: Translate, incident: IncidentRecord, text: string): MessageContent {
  return question(
    text,
    'incident_survey',
    SATISFACTION_RATINGS.map((rating) => button(t(`rating.${rating}`), `${INCIDENT_ACTIONS.rate}.${rating}`, incident.number)),
  );
}

export function surveyThanks(t: Translate, number: string, text: string): MessageContent {
  return question(text, 'incident_survey_comment', [button(t('incident.button.survey_comment'), INCIDENT_ACTIONS.surveyComment, number)]);
}

export function surveyCommentModal(t: Translate, number: string): ModalView {
  return {
    type: 'modal',
    callback_id: SURVEY_COMMENT_VIEW,
    private_metadata: number,
    title: plain(t('incident.action.title.survey_comment'), LIMITS.modalTitle),
    submit: plain(t('incident.action.submit'), LIMITS.modalTitle),
    close: plain(t('incident.modal.cancel'), LIMITS.modalTitle),
    blocks: [textInput(ACTION_FIELDS.comment, t('incident.field.comment'))],
  };
}

/** The summary pinned in a major incident's own channel. */
export function majorSummary(t: Translate, incident: IncidentRecord, summary: string, everyMinutes: number): MessageContent {
  const lead = incident.major ? `<@${incident.major.leadId}>` : '';
  const assignee = incident.assigneeId ? `<@${incident.assigneeId}>` : t('incident.card.unassigned');
  const header = t('major.summary.header', { number: incident.number });
  return {
    text: `${header}: ${escapeMrkdwn(incident.title)}`,
    blocks: [
      { type: 'header', text: plain(header, LIMITS.headerText) },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(t('major.summary.body', { title: escapeMrkdwn(incident.title), summary: escapeMrkdwn(summary) }), LIMITS.sectionText) } },
      { type: 'section', text: { type: 'mrkdwn', text: t('major.summary.fields', { priority: t(`priority.${incident.priority}`), lead, assignee }) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: t('major.summary.cadence', { minutes: everyMinutes }) }] },
      {
        type: 'actions',
        block_id: 'major_summary',
        elements: [button(t('incident.button.major_update'), `${INCIDENT_ACTIONS.formPrefix}major_update`, incident.number, 'primary')],
      },
    ],
  };
}
