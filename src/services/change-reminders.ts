// The change jobs: approvers reminded while they have not decided, change managers told when a
// vote drags on, implementers reminded before the start, and late starts flagged. Each notice is
// claimed on the change's row first, so it is sent once.
import type { Database, Tx } from '../db/database.js';
import {
  claimApprovalReminder,
  claimChangeNotice,
  findApprovalEscalationsDue,
  findApprovalRemindersDue,
  findLateStartsDue,
  findStartRemindersDue,
  type ChangeRecord,
} from '../db/repositories/changes.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { Settings } from '../settings/schema.js';

export interface ChangeReminderMessages {
  approvalReminder(change: ChangeRecord, userIds: readonly string[]): OutboxDraft[];
  approvalEscalated(change: ChangeRecord, managerIds: readonly string[]): OutboxDraft[];
  startReminder(change: ChangeRecord): OutboxDraft[];
  lateStart(change: ChangeRecord, managerIds: readonly string[]): OutboxDraft[];
}

export interface ChangeRemindersDeps {
  db: Database;
  settings: () => Settings;
  messages: ChangeReminderMessages;
  /** Who may still decide on the change now (ChangeService.awaitedApprovers). */
  awaitedApprovers(change: ChangeRecord): { users: string[] };
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export class ChangeReminders {
  constructor(private readonly deps: ChangeRemindersDeps) {}

  /** Sends every notice due at `now`; returns how many changes got one. */
  async run(now: Date): Promise<number> {
    const { approvalReminderHours, approvalEscalationHours, startReminderMinutes, lateStartGraceMinutes } = this.deps.settings().changes;
    const managers = this.deps.settings().roles.change_manager?.users ?? [];
    const { messages } = this.deps;
    const sent = [
      await this.each(
        now,
        (tx) => findApprovalRemindersDue(tx, now),
        (tx, change) => claimApprovalReminder(tx, change.id, now, new Date(now.getTime() + approvalReminderHours * HOUR_MS)),
        (change) => {
          const { users } = this.deps.awaitedApprovers(change);
          return users.length > 0 ? messages.approvalReminder(change, users) : [];
        },
      ),
      await this.each(
        now,
        (tx) => findApprovalEscalationsDue(tx, new Date(now.getTime() - approvalEscalationHours * HOUR_MS)),
        (tx, change) => claimChangeNotice(tx, change.id, 'approvalEscalatedAt', now),
        (change) => messages.approvalEscalated(change, managers),
      ),
      await this.each(
        now,
        (tx) => findStartRemindersDue(tx, new Date(now.getTime() + startReminderMinutes * MINUTE_MS)),
        (tx, change) => claimChangeNotice(tx, change.id, 'startRemindedAt', now),
        (change) => messages.startReminder(change),
      ),
      await this.each(
        now,
        (tx) => findLateStartsDue(tx, new Date(now.getTime() - lateStartGraceMinutes * MINUTE_MS)),
        (tx, change) => claimChangeNotice(tx, change.id, 'lateStartFlaggedAt', now),
        (change) => messages.lateStart(change, managers),
      ),
    ].reduce((total, count) => total + count, 0);
    return sent;
  }

  /** For each due change: claim, then enqueue, in one transaction per change. */
  private async each(
    now: Date,
    findDue: (tx: Tx) => Promise<ChangeRecord[]>,
    claim: (tx: Tx, change: ChangeRecord) => Promise<boolean>,
    draftsFor: (change: ChangeRecord) => OutboxDraft[],
  ): Promise<number> {
    const due = await this.deps.db.transaction(findDue);
    let sent = 0;
    for (const change of due) {
      const claimed = await this.deps.db.transaction(async (tx) => {
        if (!(await claim(tx, change))) return false;
        await enqueueMessages(tx, draftsFor(change), now);
        return true;
      });
      if (claimed) sent += 1;
    }
    return sent;
  }
}
