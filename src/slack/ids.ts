// Every action_id, callback_id and block_id the bot uses, in one place.
export const COMMANDS = {
  incident: '/incident',
  request: '/request',
  problem: '/problem',
  change: '/change',
  oncall: '/oncall',
  sla: '/sla',
  itsm: '/itsm',
} as const;

export const SHORTCUTS = {
  reportIncident: 'report_incident',
} as const;

export const HOME_ACTIONS = {
  reportIncident: 'home.report_incident',
} as const;

export const VIEWS = {
  reportIncident: 'incident_report',
} as const;

/** Block ids of the report modal's inputs; each input's action_id is the same string. */
export const REPORT_FIELDS = {
  title: 'title',
  description: 'description',
  impact: 'impact',
  urgency: 'urgency',
  category: 'category',
  service: 'service',
  security: 'security',
} as const;

/** Buttons and selects on incident cards and in reporter DMs; the value is the incident number. */
export const INCIDENT_ACTIONS = {
  take: 'incident.take',
  assign: 'incident.assign',
  resume: 'incident.resume',
  /** Desk events that need more input open a modal; their action ids are `incident.form.<event>`. */
  formPrefix: 'incident.form.',
  fixedYes: 'incident.fixed_yes',
  fixedNo: 'incident.fixed_no',
  rate: 'incident.rate',
  surveyComment: 'incident.survey_comment',
  listMore: 'incident.list_more',
} as const;

/** callback_id of an incident action modal: `incident.action.<event>`. */
export const INCIDENT_ACTION_VIEW_PREFIX = 'incident.action.';
export const SURVEY_COMMENT_VIEW = 'incident.survey_comment';

/** Block ids of the action modals' inputs; each input's action_id is the same string. */
export const ACTION_FIELDS = {
  reason: 'reason',
  notes: 'notes',
  text: 'text',
  visibility: 'visibility',
  tier: 'tier',
  holdKind: 'hold_kind',
  resolutionCode: 'resolution_code',
  duplicateOf: 'duplicate_of',
  impact: 'impact',
  urgency: 'urgency',
  comment: 'comment',
  lead: 'lead',
  summary: 'summary',
} as const;

/** Buttons on escalation pings; the value is the escalation's id. */
export const ESCALATION_ACTIONS = {
  acknowledge: 'escalation.acknowledge',
  snooze: 'escalation.snooze',
} as const;
