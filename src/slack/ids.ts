// Every action_id, callback_id and block_id the bot uses, in one place.
export const COMMANDS = {
  incident: '/incident',
  request: '/request',
  problem: '/problem',
  change: '/change',
  oncall: '/oncall',
  sla: '/sla',
  itsm: '/itsm',
  ci: '/ci',
  kb: '/kb',
} as const;

export const SHORTCUTS = {
  reportIncident: 'report_incident',
} as const;

export const HOME_ACTIONS = {
  /** The block holding the start buttons. */
  startBlock: 'home_start',
  reportIncident: 'home.report_incident',
  makeRequest: 'home.make_request',
  raiseChange: 'home.raise_change',
} as const;

export const VIEWS = {
  reportIncident: 'incident_report',
  raiseChange: 'change_raise',
  /** `/request`: choose a catalogue item, then fill in its form. */
  pickRequestItem: 'request_pick',
  requestForm: 'request_form',
  catalogueEdit: 'catalogue_edit',
  directoryImport: 'directory_import',
  ciImport: 'ci_import',
  maintenancePlan: 'maintenance_plan',
  maintenancePostpone: 'maintenance_postpone',
  planRelease: 'release_plan',
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
  /** Offered once the CMDB has items: a configuration item picked with type-ahead (action id CMDB_PICK_ACTION). */
  configurationItem: 'configuration_item',
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

export const PROBLEM_VIEWS = {
  create: 'problem_create',
} as const;

/** Block ids of the problem forms' own inputs (the record fields are REPORT_FIELDS); each input's action_id is the same string. */
export const PROBLEM_FIELDS = {
  source: 'problem_source',
  incidents: 'problem_incidents',
  rootCause: 'root_cause',
  workaround: 'workaround',
  resolution: 'resolution',
  changeNumber: 'change_number',
  reason: 'problem_reason',
  text: 'problem_text',
  impact: 'problem_impact',
  urgency: 'problem_urgency',
} as const;

/** Buttons on problem cards, incident cards (about problems) and problem candidates. */
export const PROBLEM_ACTIONS = {
  /** On an incident card; the value is the incident number. */
  createFromIncident: 'problem.create_from_incident',
  /** On a problem candidate; the value is the candidate's id. */
  createFromCandidate: 'problem.create_from_candidate',
  /** On the card of a failed change; the value is the change number. */
  createFromChange: 'problem.create_from_change',
  /** On an incident card, next to each known error offered: `problem.link_known_error.<n>`; the value is "PRB-… INC-…". */
  linkKnownError: 'problem.link_known_error',
  investigate: 'problem.investigate',
  assign: 'problem.assign',
  close: 'problem.close',
  resolveLinked: 'problem.resolve_linked_incidents',
  /** Problem events that need more input open a modal; their action ids are `problem.form.<event>`. */
  formPrefix: 'problem.form.',
} as const;

/** callback_id of a problem action modal: `problem.action.<event>`. */
export const PROBLEM_ACTION_VIEW_PREFIX = 'problem.action.';

export const ARTICLE_VIEWS = {
  save: 'article_save',
} as const;

export const ARTICLE_FIELDS = {
  title: 'article_title',
  body: 'article_body',
  reason: 'article_reason',
} as const;

/** Buttons for the knowledge base; the value is the source's or the article's number. */
export const ARTICLE_ACTIONS = {
  saveFromIncident: 'article.save_from_incident',
  saveFromProblem: 'article.save_from_problem',
  approve: 'article.approve',
  /** Article events that need more input open a modal: `article.form.<event>` (reject, retire, resubmit). */
  formPrefix: 'article.form.',
} as const;

/** callback_id of an article action modal: `article.action.<event>`. */
export const ARTICLE_ACTION_VIEW_PREFIX = 'article.action.';
/** Buttons on change cards, approval cards and implementer reminders; the value is the change number. */
export const CHANGE_ACTIONS = {
  /** Events that need more input open a modal; their action ids are `change.form.<event>`. */
  formPrefix: 'change.form.',
  start: 'change.start',
  complete: 'change.complete',
  /** On an incident card: raise a change linked to the incident. */
  raiseFromIncident: 'change.raise_from_incident',
} as const;

/** callback_id of a change action modal: `change.action.<event>`. */
export const CHANGE_ACTION_VIEW_PREFIX = 'change.action.';

/** Block ids of the change modals' inputs; each input's action_id is the same string. */
export const CHANGE_FIELDS = {
  title: 'title',
  description: 'description',
  type: 'type',
  template: 'template',
  services: 'services',
  configurationItems: 'configuration_items',
  plannedStart: 'planned_start',
  plannedEnd: 'planned_end',
  implementer: 'implementer',
  implementationPlan: 'implementation_plan',
  backoutPlan: 'backout_plan',
  testPlan: 'test_plan',
  impact: 'risk_impact',
  complexity: 'risk_complexity',
  tested: 'risk_tested',
  backoutAvailable: 'risk_backout',
  acceptClashes: 'accept_clashes',
  freezeOverride: 'freeze_override',
  riskLevel: 'risk_level',
  reason: 'reason',
  comment: 'comment',
  notes: 'notes',
  objectivesMet: 'objectives_met',
  customerSatisfied: 'customer_satisfied',
  negativeEffects: 'negative_effects',
  cmdbUpdates: 'cmdb_updates',
} as const;

/** The action id of every configuration-item picker (external selects): its options come from the CMDB. */
export const CMDB_PICK_ACTION = 'cmdb.pick';

/** Buttons on request cards, approval cards and the catalogue admin list; the value is the request number. */
export const REQUEST_ACTIONS = {
  /** Events that need more input open a modal: `request.form.approve`, `…decline`, `…cancel`. */
  formPrefix: 'request.form.',
  take: 'request.take',
  fulfil: 'request.fulfil',
  /** On the admin list: an overflow menu per entry (value `edit:item:laptop`, `remove:service:hr`), and Add buttons. */
  adminEntry: 'request.admin.entry',
  adminAddItem: 'request.admin.add_item',
  adminAddService: 'request.admin.add_service',
} as const;

/** callback_id of a request action modal: `request.action.<event>`. */
export const REQUEST_ACTION_VIEW_PREFIX = 'request.action.';

/** Block ids of the request modals' inputs; a catalogue item's field `x` is the block `answer.x`. */
export const REQUEST_FIELDS = {
  item: 'item',
  answerPrefix: 'answer.',
  reason: 'reason',
  comment: 'comment',
  definition: 'definition',
} as const;

/** `/itsm admin import-directory`. */
export const DIRECTORY_FIELDS = {
  csv: 'csv',
  replace: 'replace',
} as const;

/** `/ci import`. */
export const CMDB_FIELDS = {
  format: 'format',
  text: 'text',
} as const;

/** Buttons on maintenance reminders; the value is `<plan id>:<due time in ms>`. */
export const MAINTENANCE_ACTIONS = {
  done: 'maintenance.done',
  postpone: 'maintenance.postpone',
} as const;

export const MAINTENANCE_FIELDS = {
  title: 'title',
  owner: 'owner',
  kind: 'kind',
  at: 'at',
  weekday: 'weekday',
  day: 'day',
  cron: 'cron',
  days: 'days',
  reason: 'reason',
} as const;

/** Buttons on release cards; the value is the release number. */
export const RELEASE_ACTIONS = {
  deploy: 'release.deploy',
  accept: 'release.accept',
  rollBack: 'release.roll_back',
} as const;

export const RELEASE_ROLLBACK_VIEW = 'release.roll_back';

/** Block ids of the release modals' inputs; each input's action_id is the same string. */
export const RELEASE_FIELDS = {
  name: 'name',
  changes: 'changes',
  plannedFor: 'planned_for',
  backoutPlan: 'backout_plan',
  acceptance: 'acceptance',
  notes: 'notes',
  reason: 'reason',
} as const;

export const ADMIN_ACTIONS = {
  retryAll: 'admin.retry_dead_letters',
} as const;
