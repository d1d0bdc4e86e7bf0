// Every action_id, callback_id and block_id the bot uses, in one place.
export const COMMANDS = {
  incident: '/incident',
  request: '/request',
  problem: '/problem',
  change: '/change',
  oncall: '/oncall',
  itsm: '/itsm',
} as const;

export const SHORTCUTS = {
  reportIncident: 'report_incident',
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
  security: 'security',
} as const;
