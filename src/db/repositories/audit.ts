import type { Tx } from '../database.js';
import type { Prisma } from '../generated/client.js';

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
  await tx.auditEntry.createMany({
    data: entries.map((entry) => ({ ...record, ...entry, at })),
  });
}

export async function auditTrail(tx: Tx, recordType: AuditRecord['recordType'], recordId: number) {
  return tx.auditEntry.findMany({ where: { recordType, recordId }, orderBy: { id: 'asc' } });
}
