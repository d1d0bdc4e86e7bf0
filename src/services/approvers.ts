// Who may still decide in an approval's open stage: the users named there, the holders of the
// roles named there (with their Slack user groups, to mention), never the excluded people (the
// requester, an implementer) nor anyone who has decided. Used for changes and service requests.
import { tallySummary, type ApprovalTally } from '../domain/approval.js';
import { isRole } from '../domain/roles.js';
import type { Settings } from '../settings/schema.js';

export function awaitedApprovers(tally: ApprovalTally | null, roles: Settings['roles'], excluded: readonly string[]): { users: string[]; usergroups: string[] } {
  const open = tally ? tallySummary(tally).stages.find((stage) => stage.status === 'open') : undefined;
  const decided = new Set(tally?.decisions.map((decision) => decision.approverId));
  const users = new Set<string>();
  const usergroups = new Set<string>();
  for (const entry of open?.awaiting ?? []) {
    if (!isRole(entry)) users.add(entry);
    else {
      roles[entry]?.users.forEach((userId) => users.add(userId));
      roles[entry]?.usergroups.forEach((group) => usergroups.add(group));
    }
  }
  return { users: [...users].filter((userId) => !excluded.includes(userId) && !decided.has(userId)), usergroups: [...usergroups] };
}
