// Administration from Slack: who holds which role (the settings file's mapping plus grants made
// here, kept in the database and audited), and the outbox's dead letters, which admins can retry.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit } from '../db/repositories/audit.js';
import { findDeadLetters, requeueDeadLetters, type DeadLetter } from '../db/repositories/outbox.js';
import { deleteRoleGrant, insertRoleGrant, listRoleGrants, type RoleGrantRecord } from '../db/repositories/role-grants.js';
import { DomainError } from '../domain/errors.js';
import { assertAdmin, ROLES, type Actor, type Role } from '../domain/roles.js';
import type { RoleMembers, Settings } from '../settings/schema.js';
import type { AfterCommit } from './context.js';

export interface RoleMapping {
  role: Role;
  /** From the settings file: changed only by editing it. */
  configured: RoleMembers;
  /** Granted here. */
  granted: string[];
}

export interface AdminServiceDeps {
  db: Database;
  clock: Clock;
  settings: () => Settings;
  afterCommit: AfterCommit;
}

const DEAD_LETTERS_SHOWN = 20;

export class AdminService {
  /** The roles as the settings file gave them, before any grant. */
  private readonly fileRoles: Settings['roles'];

  constructor(private readonly deps: AdminServiceDeps) {
    this.fileRoles = structuredClone(deps.settings().roles);
  }

  /** Re-reads the grants (other instances may have changed them) and applies them to the live settings. */
  async refresh(): Promise<void> {
    this.apply(await this.deps.db.transaction((tx) => listRoleGrants(tx)));
  }

  async roles(actor: Actor): Promise<RoleMapping[]> {
    assertAdmin(actor);
    const grants = await this.deps.db.transaction((tx) => listRoleGrants(tx));
    return ROLES.map((role) => ({
      role,
      configured: this.fileRoles[role] ?? { users: [], usergroups: [] },
      granted: grants.filter((grant) => grant.role === role).map((grant) => grant.userId),
    }));
  }

  async grant(actor: Actor, grant: RoleGrantRecord): Promise<boolean> {
    assertAdmin(actor);
    return this.changeGrant(actor, grant, 'role_granted', (tx, now) => insertRoleGrant(tx, grant, actor.userId, now));
  }

  /** Takes back a grant made here; a role from the settings file is changed in the file. */
  async revoke(actor: Actor, grant: RoleGrantRecord): Promise<boolean> {
    assertAdmin(actor);
    if (this.fileRoles[grant.role]?.users.includes(grant.userId)) throw new DomainError('role_in_settings_file', { role: grant.role });
    return this.changeGrant(actor, grant, 'role_revoked', (tx) => deleteRoleGrant(tx, grant));
  }

  async deadLetters(actor: Actor): Promise<DeadLetter[]> {
    assertAdmin(actor);
    return this.deps.db.transaction((tx) => findDeadLetters(tx, DEAD_LETTERS_SHOWN));
  }

  /** Queues dead letters again (one, or all); the worker delivers them like new ones. */
  async retryDeadLetters(actor: Actor, id: bigint | null): Promise<number> {
    assertAdmin(actor);
    const now = this.deps.clock.now();
    const count = await this.deps.db.transaction(async (tx) => {
      const requeued = await requeueDeadLetters(tx, id, now);
      if (requeued > 0) {
        await appendAudit(tx, { recordType: 'settings', recordId: 0, recordNumber: 'outbox' }, now, [
          { actorId: actor.userId, action: 'dead_letters_retried', details: { id: id === null ? 'all' : String(id), count: requeued } },
        ]);
      }
      return requeued;
    });
    if (count > 0) this.deps.afterCommit();
    return count;
  }

  private async changeGrant(actor: Actor, grant: RoleGrantRecord, action: string, change: (tx: Tx, now: Date) => Promise<boolean>): Promise<boolean> {
    const now = this.deps.clock.now();
    const grants = await this.deps.db.transaction(async (tx) => {
      if (!(await change(tx, now))) throw new DomainError('already_done', { event: action });
      await appendAudit(tx, { recordType: 'settings', recordId: 0, recordNumber: 'roles' }, now, [{ actorId: actor.userId, action, field: grant.role, toValue: grant.userId }]);
      return listRoleGrants(tx);
    });
    this.apply(grants);
    return true;
  }

  /** The live settings' roles become the file's plus the grants (changed in place: every reader sees them). */
  private apply(grants: readonly RoleGrantRecord[]): void {
    const roles = this.deps.settings().roles;
    for (const role of ROLES) {
      const file = this.fileRoles[role];
      const granted = grants.filter((grant) => grant.role === role).map((grant) => grant.userId);
      if (!file && granted.length === 0) {
        delete roles[role];
        continue;
      }
      roles[role] = { users: [...new Set([...(file?.users ?? []), ...granted])], usergroups: [...(file?.usergroups ?? [])] };
    }
  }
}
