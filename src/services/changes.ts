// Change use cases: raise (with the schedule check), life-cycle events, approval decisions.
// Each runs load → domain rule → save + audit + outbox in one transaction, under a row lock.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit, auditTrail, type AuditDraft } from '../db/repositories/audit.js';
import { auditEntriesFor } from './audit-entries.js';
import {
  findChangeByNumber,
  findChangeByRequestKey,
  findChangesInAuthorisation,
  findLiveChangesBetween,
  insertChange,
  lockChangeByNumber,
  updateChange,
  type ApprovalColumns,
  type ChangeRecord,
  type FreezeOverrideRecord,
} from '../db/repositories/changes.js';
import { nextSequenceValue } from '../db/repositories/counters.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { lockKey, toJsonColumn } from '../db/sql.js';
import { policyForChange, recordDecision, startTally, tallySummary, type ApprovalDecisionKind, type ApprovalOutcome } from '../domain/approval.js';
import { applyChangeEvent, createChange, type ChangeEvent, type ChangeRecordState, type ChangeType } from '../domain/change.js';
import { checkSchedule, freezesHit, type FreezeWindow, type ScheduleCheck, type ScheduledChange } from '../domain/change-schedule.js';
import { DomainError } from '../domain/errors.js';
import { actorIdOf, SYSTEM_ACTOR, type FieldChange } from '../domain/incident.js';
import { formatRecordNumber } from '../domain/numbering.js';
import type { CiUpdate } from '../domain/cmdb.js';
import type { RiskAnswers } from '../domain/risk.js';
import { hasAnyRole, type Actor } from '../domain/roles.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { Settings } from '../settings/schema.js';
import { awaitedApprovers, awaitsDecisionOf } from './approvers.js';
import type { RequestActor } from './context.js';
import type { HomeRefresh } from './home.js';

export interface RaiseChangeInput {
  title: string;
  description: string;
  type: ChangeType;
  templateId: string | null;
  affectedServices: string[];
  configurationItemIds: string[];
  plannedStart: Date;
  plannedEnd: Date;
  implementationPlan: string;
  backoutPlan: string;
  testPlan: string;
  riskAnswers: RiskAnswers;
  implementerId: string;
  /** The incident or problem the change comes from (INC-…, PRB-…). */
  raisedFrom: string | null;
  /** The requester has seen the clashes and raises the change anyway. */
  acceptClashes: boolean;
  /** A change manager's reason to let a normal change through a freeze. */
  freezeOverrideReason: string | null;
  /** Identifies the Slack interaction, so a retry records one change. */
  requestKey: string;
  /** Proposed CMDB updates, applied when the change completes (checked against the CMDB when raised). */
  cmdbUpdates?: readonly CiUpdate[];
}

export type RaiseResult = { kind: 'raised'; change: ChangeRecord } | { kind: 'schedule_conflict'; check: ScheduleCheck };

export interface DecisionInput {
  decision: ApprovalDecisionKind;
  reason?: string;
  comment?: string;
}

export type ChangeActorRef = RequestActor | typeof SYSTEM_ACTOR;

/** One applied event, for the messages: before and after, who, and what changed. */
export interface ChangeTransitionNotice {
  before: ChangeRecord;
  after: ChangeRecord;
  event: ChangeEvent;
  actorId: string;
  changes: readonly FieldChange[];
}

export interface ApprovalNotice {
  change: ChangeRecord;
  /** The vote starts: the approval card goes to the CAB channel. */
  starts: boolean;
  /** Approvers to tell by direct message now (new recipients). */
  notify: readonly string[];
  /** User groups of the open stage, mentioned on the channel card. */
  usergroups: readonly string[];
}

/** The messages each change event sends, rendered by the Slack layer (src/slack/change/messages.ts). */
export interface ChangeMessages {
  raised(change: ChangeRecord, clashes: ScheduleCheck['clashes']): OutboxDraft[];
  changed(notice: ChangeTransitionNotice): OutboxDraft[];
  approvalRequested(notice: ApprovalNotice): OutboxDraft[];
  approvalDecided(change: ChangeRecord, decision: { approverId: string; decision: ApprovalDecisionKind; outcome: ApprovalOutcome; usergroups: readonly string[] }): OutboxDraft[];
  scheduleWarning(change: ChangeRecord, check: ScheduleCheck): OutboxDraft[];
}

export interface ChangeServiceDeps {
  db: Database;
  clock: Clock;
  settings: () => Settings;
  messages: ChangeMessages;
  /** Runs in the transaction in which the work is completed (the CMDB applies the change's updates). */
  onCompleted?: (tx: Tx, change: ChangeRecord, actorId: string, now: Date) => Promise<void>;
  /** The App Homes of the people a change concerns are published again when it changes. */
  homes: HomeRefresh;
}

export class ChangeService {
  constructor(private readonly deps: ChangeServiceDeps) {}

  /**
   * Records and submits a new change, unless its window clashes with another change (and the
   * requester has not accepted that) or falls in a freeze that blocks it: then says why.
   */
  async raise(input: RaiseChangeInput, requester: RequestActor): Promise<RaiseResult> {
    const result = await this.deps.db.transaction(async (tx): Promise<RaiseResult> => {
      await lockKey(tx, input.requestKey);
      const existing = await findChangeByRequestKey(tx, input.requestKey);
      if (existing) return { kind: 'raised', change: existing };
      const check = await this.scheduleCheck(tx, { number: '', state: 'assessment', ...input }, requester, input.freezeOverrideReason);
      if (check.blocked || (check.clashes.length > 0 && !input.acceptClashes)) return { kind: 'schedule_conflict', check };
      return { kind: 'raised', change: await this.insertSubmitted(tx, input, requester, check) };
    });
    return result;
  }

  private async insertSubmitted(tx: Tx, input: RaiseChangeInput, requester: RequestActor, check: ScheduleCheck): Promise<ChangeRecord> {
    const now = this.deps.clock.now();
    const number = formatRecordNumber('CHG', await nextSequenceValue(tx, 'CHG'));
    const draft = createChange({ ...input, number, requesterId: requester.userId }, now);
    const submitted = applyChangeEvent(draft, { type: 'submit' }, requester, now).change;
    const freezeOverride: FreezeOverrideRecord | null =
      check.overridden && input.freezeOverrideReason ? { freezes: check.freezes.map((freeze) => freeze.name), reason: input.freezeOverrideReason, byId: requester.userId } : null;
    const inserted = await insertChange(tx, { change: submitted, riskAnswers: input.riskAnswers, raisedFrom: input.raisedFrom, freezeOverride, requestKey: input.requestKey, cmdbUpdates: input.cmdbUpdates ?? [] });
    await this.record(tx, inserted, now, [
      { actorId: requester.userId, action: 'created', details: toJsonColumn({ type: input.type, risk: inserted.risk.level, raisedFrom: input.raisedFrom, clashes: check.clashes.map((clash) => clash.number), freezeOverride }) },
      { actorId: requester.userId, action: 'submit', field: 'state', fromValue: 'draft', toValue: 'assessment' },
    ]);
    await enqueueMessages(tx, this.deps.messages.raised(inserted, check.clashes), now);
    // Standard changes are pre-approved and emergency ones cannot wait for a meeting: the bot assesses them.
    return inserted.type === 'normal' ? inserted : this.applyLocked(tx, inserted, { type: 'assess' }, SYSTEM_ACTOR);
  }

  /** Applies one life-cycle event under the row lock; a second click gets a clear refusal. */
  async act(number: string, event: ChangeEvent, actor: ChangeActorRef): Promise<ChangeRecord> {
    const after = await this.deps.db.transaction(async (tx) => this.applyLocked(tx, await this.lock(tx, number), event, actor));
    return after;
  }

  /** An approver's decision: counted once, final, and the change moves on when the tally settles. */
  async decide(number: string, input: DecisionInput, approver: RequestActor): Promise<ChangeRecord> {
    const after = await this.deps.db.transaction(async (tx) => {
      const change = await this.lock(tx, number);
      if (change.state !== 'authorisation' || !change.approval) {
        throw change.approval ? new DomainError('approval_settled', { outcome: tallySummary(change.approval).outcome }) : new DomainError('transition_not_allowed', { state: change.state, event: 'decide' });
      }
      const now = this.deps.clock.now();
      const result = recordDecision(change.approval, { approverId: approver.userId, approverRoles: approver.roles, ...input }, change, now);
      const before = await updateChange(tx, change.id, change, { approval: result.tally });
      await this.record(tx, before, now, [
        { actorId: approver.userId, action: `approval_${input.decision}`, details: { outcome: result.outcome, reason: input.reason ?? null, comment: input.comment ?? null } },
      ]);
      await enqueueMessages(tx, this.deps.messages.approvalDecided(before, { approverId: approver.userId, decision: input.decision, outcome: result.outcome, usergroups: this.awaitedApprovers(before).usergroups }), now);
      const decided = await this.afterDecision(tx, before, result.outcome, input.reason ?? '');
      await this.deps.homes.request(tx, [approver.userId, ...this.awaitedApprovers(decided).users], now);
      return decided;
    });
    return after;
  }

  private async afterDecision(tx: Tx, change: ChangeRecord, outcome: ApprovalOutcome, reason: string): Promise<ChangeRecord> {
    if (outcome === 'rejected') return this.applyLocked(tx, change, { type: 'reject', reason }, SYSTEM_ACTOR);
    if (outcome === 'pending') return this.requestApprovals(tx, change, false);
    const authorised = await this.applyLocked(tx, change, { type: 'authorise' }, SYSTEM_ACTOR);
    // The schedule may have changed while the approvers decided: warn, but do not undo their decision.
    const check = await this.scheduleCheck(tx, authorised, SYSTEM_ACTOR, authorised.freezeOverride?.reason ?? null);
    if (check.clashes.length > 0 || (check.freezes.length > 0 && !authorised.freezeOverride)) {
      await enqueueMessages(tx, this.deps.messages.scheduleWarning(authorised, check), this.deps.clock.now());
    }
    return authorised;
  }

  private async applyLocked(tx: Tx, before: ChangeRecord, event: ChangeEvent, actor: ChangeActorRef): Promise<ChangeRecord> {
    const now = this.deps.clock.now();
    const transition = applyChangeEvent(before, event, actor, now);
    const approval = transition.change.state === 'authorisation' && before.state !== 'authorisation' ? this.approvalStart(before, transition.change, now) : {};
    const after = await updateChange(tx, before.id, transition.change, approval);
    const actorId = actorIdOf(actor);
    await this.record(tx, after, now, auditEntriesFor(event, actorId, transition.changes));
    await enqueueMessages(tx, this.deps.messages.changed({ before, after, event, actorId, changes: transition.changes }), now);
    if (event.type === 'complete') await this.deps.onCompleted?.(tx, after, actorId, now);
    await this.deps.homes.request(tx, [after.requesterId, after.implementerId, ...this.awaitedApprovers(before).users, ...this.awaitedApprovers(after).users], now);
    if (approval.approval) return this.requestApprovals(tx, after, true);
    return this.closeWhenReviewed(tx, after);
  }

  /** The approval policy in force now is copied onto the change: later edits do not touch this vote. */
  private approvalStart(before: ChangeRecord, next: ChangeRecordState, now: Date): ApprovalColumns {
    const policy = policyForChange(this.deps.settings().changes.approvalPolicies, { type: next.type, risk: next.risk.level });
    if (!policy) throw new DomainError('invalid_input', { field: 'type' });
    const reminderMs = this.deps.settings().changes.approvalReminderHours * 3_600_000;
    return { approval: startTally(policy), approvalStartedAt: now, approvalRecipients: before.approvalRecipients, nextApprovalReminderAt: new Date(now.getTime() + reminderMs) };
  }

  /**
   * Posts the approval card when the vote starts, and tells the approvers of the open stage who
   * have not been told yet (a later stage opening); the channel card names the user groups.
   */
  private async requestApprovals(tx: Tx, change: ChangeRecord, first: boolean): Promise<ChangeRecord> {
    const { users, usergroups } = this.awaitedApprovers(change);
    const fresh = users.filter((userId) => !change.approvalRecipients.includes(userId));
    if (fresh.length === 0 && !first) return change;
    const updated = await updateChange(tx, change.id, change, { approvalRecipients: [...change.approvalRecipients, ...fresh] });
    await enqueueMessages(tx, this.deps.messages.approvalRequested({ change: updated, starts: first, notify: fresh, usergroups }), this.deps.clock.now());
    return updated;
  }

  /** People (and user groups) whose decision would count in the open stage, never the requester or implementer. */
  awaitedApprovers(change: ChangeRecord): { users: string[]; usergroups: string[] } {
    return awaitedApprovers(change.approval, this.deps.settings().roles, [change.requesterId, change.implementerId]);
  }

  /** Changes in authorisation whose open stage awaits this person's decision (by id or by a role they hold). */
  async awaitingDecisionOf(actor: Actor): Promise<ChangeRecord[]> {
    const changes = await this.deps.db.transaction((tx) => findChangesInAuthorisation(tx));
    return changes.filter((change) => awaitsDecisionOf(change.approval, [change.requesterId, change.implementerId], actor));
  }

  /** Once the review (and, for an emergency change, the CAB's retrospective) is in, the change closes. */
  private async closeWhenReviewed(tx: Tx, change: ChangeRecord): Promise<ChangeRecord> {
    const reviewed = change.review !== null && (change.type !== 'emergency' || change.retrospective !== null);
    if (change.state !== 'review' || !reviewed) return change;
    return this.applyLocked(tx, change, { type: 'close' }, SYSTEM_ACTOR);
  }

  private async scheduleCheck(tx: Tx, change: ScheduledChange, actor: ChangeActorRef, overrideReason: string | null): Promise<ScheduleCheck> {
    const others = await findLiveChangesBetween(tx, change.plannedStart, change.plannedEnd);
    const override = overrideReason ? { byChangeManager: actor === SYSTEM_ACTOR || hasAnyRole(actor, ['change_manager']), reason: overrideReason } : undefined;
    return checkSchedule(change, others, this.deps.settings().changes.freezes, override);
  }

  async find(number: string): Promise<ChangeRecord | null> {
    return this.deps.db.transaction((tx) => findChangeByNumber(tx, number));
  }

  async show(number: string): Promise<ChangeRecord> {
    const change = await this.find(number);
    if (!change) throw new DomainError('not_found', { number });
    return change;
  }

  /** The forward schedule: live changes and freezes overlapping the next `days`. */
  async calendar(days: number): Promise<{ changes: ChangeRecord[]; freezes: FreezeWindow[] }> {
    const from = this.deps.clock.now();
    const to = new Date(from.getTime() + days * 86_400_000);
    const changes = await this.deps.db.transaction((tx) => findLiveChangesBetween(tx, from, to, 50));
    return { changes, freezes: freezesHit({ start: from, end: to }, this.deps.settings().changes.freezes) };
  }

  async history(number: string) {
    const change = await this.show(number);
    return { change, entries: await this.deps.db.transaction((tx) => auditTrail(tx, 'change', change.id)) };
  }

  private async lock(tx: Tx, number: string): Promise<ChangeRecord> {
    const change = await lockChangeByNumber(tx, number);
    if (!change) throw new DomainError('not_found', { number });
    return change;
  }

  private record(tx: Tx, change: ChangeRecord, at: Date, entries: AuditDraft[]): Promise<void> {
    return appendAudit(tx, { recordType: 'change', recordId: change.id, recordNumber: change.number }, at, entries);
  }
}
