// English catalogue for the CMDB and planned maintenance.
export const enCmdb = {
  'error.ci_edit_refused': 'The attributes of {item} change only through a completed change that lists it. Raise a change with `/change` and give the update under "Configuration item updates", e.g. `{item} {field}=…`.',
  'error.not_maintenance_planner': 'Only the item’s owner, admins and change managers may plan maintenance on it.',
  'error.not_maintenance_owner': 'Only the owner of this maintenance, their team lead or an admin may do that.',
} as const;
