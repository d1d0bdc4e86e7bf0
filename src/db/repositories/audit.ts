import type { Tx } from '../database.js';
import { sqlExecute } from '../direct-sql.js';
import { Prisma } from '../generated/client.js';
import { jsonb, utcTimestamp } from '../sql.js';

export interface AuditRecord {
  recordType: 'incident' | 'request' | 'problem' | 'change' | 'release' | 'configuration_item' | 'settings' | 'oncall_override' | 'article' | 'problem_candidate';
  recordId: number;
  recordNumber: string;
}

export interface AuditDraft {
  actorId: string;
  action: string;
  field?: string;
  fromValue?: string | null;
  toValue?: string | null;
  details?: Prisma.InputJsonValue;
}

export async function appendAudit(tx: Tx, record: AuditRecord, at: Date, entries: AuditDraft[]): Promise<void> {
  if (entries.length === 0) return;
  // A hot path: see ../direct-sql.ts.
  const when = utcTimestamp(at);
  const rows = entries.map(
    (entry) =>
      Prisma.sql`(${record.recordType}, ${record.recordId}, ${record.recordNumber}, ${entry.actorId}, ${entry.action}, ${entry.field ?? null}, ${entry.fromValue ?? null}, ${entry.toValue ?? null}, ${jsonb(entry.details)}, ${when})`,
  );
  await sqlExecute(tx, Prisma.sql`
    INSERT INTO "AuditEntry" ("recordType", "recordId", "recordNumber", "actorId", "action", "field", "fromValue", "toValue", "details", "at")
    VALUES ${Prisma.join(rows)}`);
}

export async function auditTrail(tx: Tx, recordType: AuditRecord['recordType'], recordId: number) {
  return tx.auditEntry.findMany({ where: { recordType, recordId }, orderBy: { id: 'asc' } });
}
