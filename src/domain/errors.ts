// Errors the domain raises when a request breaks a rule. The Slack layer shows each code through
// the catalogue message `error.<code>`, filling it with `params`.

export const DOMAIN_ERROR_CODES = [
  'not_allowed',
  'transition_not_allowed',
  'record_closed',
  'not_found',
  'invalid_input',
  'reason_required',
  'text_required',
  'already_done',
  'duplicate_of_self',
  'tier_not_higher',
  'not_major',
  'assignee_not_eligible',
  'not_emergency',
  'review_required',
  'retrospective_review_required',
  'not_an_approver',
  'self_approval',
  'stage_not_open',
  'approval_settled',
  'root_cause_or_workaround_required',
  'incident_not_linked',
  'override_window_invalid',
  'override_in_past',
  'override_too_long',
  'not_team_lead',
  'unknown_team',
  'team_required',
  'invalid_date',
  'no_department_head',
  'not_a_request_approver',
  'ci_edit_refused',
  'not_maintenance_planner',
  'not_maintenance_owner',
  'release_changes_open',
  'admins_only',
  'role_in_settings_file',
  'reports_staff_only',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export type DomainErrorParams = Record<string, string | number>;

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;
  readonly params: DomainErrorParams;

  constructor(code: DomainErrorCode, params: DomainErrorParams = {}) {
    super(describe(code, params));
    this.code = code;
    this.params = params;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

function describe(code: DomainErrorCode, params: DomainErrorParams): string {
  const details = Object.entries(params).map(([key, value]) => `${key}=${value}`);
  return details.length === 0 ? code : `${code} (${details.join(', ')})`;
}
