// How one applied life-cycle event (of any record) becomes audit entries.
import type { AuditDraft } from '../db/repositories/audit.js';
import { toJsonColumn } from '../db/sql.js';
import type { FieldChange } from '../domain/incident.js';

/** One audit entry per changed field; the event's free text (reason, notes) goes with the first. */
export function auditEntriesFor(event: { readonly type: string }, actorId: string, changes: readonly FieldChange[]): AuditDraft[] {
  const { type, ...rest } = event;
  const withDetails = Object.keys(rest).length > 0 ? { details: toJsonColumn(rest) } : {};
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
