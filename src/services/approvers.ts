// Who may still decide in an approval's open stage: the users named there, the holders of the
// roles named there (with their Slack user groups, to mention), never the excluded people (the
// requester, an implementer) nor anyone who has decided. Used for changes and service requests.
import { tallySummary, type ApprovalTally } from '../domain/approval.js';
import { isRole, type Actor } from '../domain/roles.js';
import type { Settings } from '../settings/schema.js';

/** The open stage's awaited entries (user ids or roles), and who may not decide in it. */
function openStage(tally: ApprovalTally | null, excluded: readonly string[]): { entries: readonly string[]; mayNotDecide: (userId: string) => boolean } {
  const open = tally ? tallySummary(tally).stages.find((stage) => stage.status === 'open') : undefined;
  const decided = new Set(tally?.decisions.map((decision) => decision.approverId));
  return { entries: open?.awaiting ?? [], mayNotDecide: (userId) => excluded.includes(userId) || decided.has(userId) };
}

export function awaitedApprovers(tally: ApprovalTally | null, roles: Settings['roles'], excluded: readonly string[]): { users: string[]; usergroups: string[] } {
  const { entries, mayNotDecide } = openStage(tally, excluded);
  const users = new Set<string>();
  const usergroups = new Set<string>();
  for (const entry of entries) {
    if (!isRole(entry)) users.add(entry);
    else {
      roles[entry]?.users.forEach((userId) => users.add(userId));
      roles[entry]?.usergroups.forEach((group) => usergroups.add(group));
    }
  }
  return { users: [...users].filter((userId) => !mayNotDecide(userId)), usergroups: [...usergroups] };
}

/** Whether the open stage awaits this person's decision (named, or through a role they hold). */
export function awaitsDecisionOf(tally: ApprovalTally | null, excluded: readonly string[], actor: Actor): boolean {
  const { entries, mayNotDecide } = openStage(tally, excluded);
  return !mayNotDecide(actor.userId) && entries.some((entry) => entry === actor.userId || (isRole(entry) && actor.roles.has(entry)));
}
