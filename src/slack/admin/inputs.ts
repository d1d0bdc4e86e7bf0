// Reading `/itsm admin …`. With `should_escape` on /itsm, a mention arrives as <@U123|name>.
import { isRole, type Role } from '../../domain/roles.js';

export type AdminCommand =
  | { kind: 'roles' }
  | { kind: 'grant' | 'revoke'; role: Role; userId: string }
  | { kind: 'dead_letters' }
  | { kind: 'retry'; id: bigint | null }
  | { kind: 'import_directory' }
  | { kind: 'usage' };

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** The words after `/itsm admin`. */
export function parseAdminCommand(words: readonly string[]): AdminCommand {
  const [verb = 'roles', first = '', second = '', ...rest] = words;
  switch (verb.toLowerCase()) {
    case 'roles':
      return first ? { kind: 'usage' } : { kind: 'roles' };
    case 'grant':
    case 'revoke': {
      const userId = MENTION.exec(second)?.[1];
      const role = first.toLowerCase();
      return isRole(role) && userId && rest.length === 0 ? { kind: verb.toLowerCase() as 'grant' | 'revoke', role, userId } : { kind: 'usage' };
    }
    case 'dead-letters':
      return first ? { kind: 'usage' } : { kind: 'dead_letters' };
    case 'retry':
      if (first.toLowerCase() === 'all' && !second) return { kind: 'retry', id: null };
      return /^\d{1,18}$/.test(first) && !second ? { kind: 'retry', id: BigInt(first) } : { kind: 'usage' };
    case 'import-directory':
      return first ? { kind: 'usage' } : { kind: 'import_directory' };
    default:
      return { kind: 'usage' };
  }
}
