import type { AuditDraft } from '../db/repositories/audit.js';
import type { FieldChange } from '../domain/incident.js';
import { toJsonColumn } from '../db/sql.js';

/** One audit entry per changed field; the event's free text (reason, notes) goes with the first. */
export function auditEntriesFor(event: { readonly type: string }, actorId: string, changes: readonly FieldChange[]): AuditDraft[] {
  const { type, ...details } = event;
  const withDetails = Object.keys(details).length > 0 ? { details: toJsonColumn(details) } : {};
  if (changes.length === 0) return [{ actorId, action: type, ...withDetails }];
  return changes.map((change, index) => ({
    actorId,
    action: type,
    field: change.field,
    fromValue: change.from,
    toValue: change.to,
    ...(index === 0 ? withDetails : {}),
  }));
}
