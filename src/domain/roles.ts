// Who may do what. Roles are always listed explicitly where they are checked: admin is not
// implicitly every role, so a reader sees exactly who is allowed. Lists of desk work include
// 'admin' so administrators can step in for the service desk.
import { DomainError } from './errors.js';

export const ROLES = [
  'admin',
  'service_desk',
  'second_line',
  'third_line',
  'incident_manager',
  'change_manager',
  'cab',
  'emergency_cab',
  'problem_manager',
  'security',
  'department_head',
] as const;

export type Role = (typeof ROLES)[number];

export interface Actor {
  readonly userId: string;
  readonly roles: ReadonlySet<Role>;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return roles.some((role) => actor.roles.has(role));
}

/** Refuses anyone but an admin. */
export function assertAdmin(actor: Actor): void {
  if (!hasAnyRole(actor, ['admin'])) throw new DomainError('admins_only');
}
