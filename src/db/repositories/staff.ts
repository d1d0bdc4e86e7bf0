// Staff directory rows ↔ domain staff members.
import type { Tx } from '../database.js';
import type { AuditRecord } from './audit.js';
import type { StaffMember } from '../../domain/staff.js';

const toMember = (row: StaffMember): StaffMember => ({ userId: row.userId, name: row.name, email: row.email, department: row.department, isHead: row.isHead });

export async function listStaff(tx: Tx): Promise<StaffMember[]> {
  return (await tx.staffMember.findMany({ orderBy: [{ department: 'asc' }, { name: 'asc' }] })).map(toMember);
}

/** The person and the people of their department (to find its head). */
export async function findWithDepartment(tx: Tx, userId: string): Promise<StaffMember[]> {
  const member = await tx.staffMember.findUnique({ where: { userId } });
  if (!member) return [];
  return (await tx.staffMember.findMany({ where: { department: member.department } })).map(toMember);
}

/** Replaces the whole directory with `members`. */
export async function replaceStaff(tx: Tx, members: readonly StaffMember[], now: Date): Promise<void> {
  await tx.staffMember.deleteMany({});
  await tx.staffMember.createMany({ data: members.map((member) => ({ ...member, updatedAt: now })) });
}

/** The `toValue` of the record's last audit entry with this action (e.g. the hash of the last file import). */
export async function lastAuditValue(tx: Tx, record: AuditRecord, action: string): Promise<string | null> {
  const entry = await tx.auditEntry.findFirst({ where: { ...record, action }, orderBy: { id: 'desc' }, select: { toValue: true } });
  return entry?.toValue ?? null;
}
