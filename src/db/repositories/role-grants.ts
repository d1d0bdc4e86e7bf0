import type { Tx } from '../database.js';
import { isRole, type Role } from '../../domain/roles.js';

export interface RoleGrantRecord {
  role: Role;
  userId: string;
}

export async function listRoleGrants(tx: Tx): Promise<RoleGrantRecord[]> {
  const rows = await tx.roleGrant.findMany({ orderBy: { id: 'asc' } });
  return rows.flatMap((row) => (isRole(row.role) ? [{ role: row.role, userId: row.userId }] : []));
}

/** Records a grant; false when the user already had it. */
export async function insertRoleGrant(tx: Tx, grant: RoleGrantRecord, grantedBy: string, now: Date): Promise<boolean> {
  const existing = await tx.roleGrant.findUnique({ where: { role_userId: grant } });
  if (existing) return false;
  await tx.roleGrant.create({ data: { ...grant, grantedBy, grantedAt: now } });
  return true;
}

/** Removes a grant; false when there was none. */
export async function deleteRoleGrant(tx: Tx, grant: RoleGrantRecord): Promise<boolean> {
  const deleted = await tx.roleGrant.deleteMany({ where: grant });
  return deleted.count === 1;
}
