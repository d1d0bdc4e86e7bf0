// Change rows ↔ domain changes. No business rule here: only mapping and queries.
import { z } from 'zod';
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';
import { Prisma, type Change as ChangeRow } from '../generated/client.js';
import { approvalTallySchema, type ApprovalTally } from '../../domain/approval.js';
import { ciUpdateSchema, type CiUpdate } from '../../domain/cmdb.js';
import { FINISHED_CHANGE_STATES, type ChangeRecordState, type ChangeState, type ChangeType } from '../../domain/change.js';
import { postImplementationReviewSchema } from '../../domain/review.js';
import { riskAnswersSchema, type RiskAnswers, type RiskLevel } from '../../domain/risk.js';
import { toJsonColumn } from '../sql.js';

export interface FreezeOverrideRecord {
  freezes: string[];
  reason: string;
  byId: string;
}

/** A change as stored: the domain state plus what the services keep around it. */
export interface ChangeRecord extends ChangeRecordState {
  id: number;
  riskAnswers: RiskAnswers;
  raisedFrom: string | null;
  freezeOverride: FreezeOverrideRecord | null;
  approval: ApprovalTally | null;
  approvalStartedAt: Date | null;
  approvalRecipients: readonly string[];
  /** CMDB updates applied when the change completes. */
  cmdbUpdates: readonly CiUpdate[];
}

export function changeRecordKey(id: number): string {
  return `change:${id}`;
}

const noteSchema = z.object({ reason: z.string(), at: z.coerce.date() });
const retrospectiveSchema = z.object({ reviewerId: z.string(), notes: z.string(), at: z.coerce.date() });
const freezeOverrideSchema = z.object({ freezes: z.array(z.string()), reason: z.string(), byId: z.string() });

/** A nullable JSON column's value: SQL NULL for null. */
const json = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : toJsonColumn(value));
const parsed = <T>(schema: z.ZodType<T>, value: unknown): T | null => (value === null ? null : schema.parse(value));

function toRow(change: ChangeRecordState) {
  return {
    number: change.number,
    title: change.title,
    description: change.description,
    type: change.type,
    templateId: change.templateId,
    affectedServices: [...change.affectedServices],
    configurationItemIds: [...change.configurationItemIds],
    plannedStart: change.plannedStart,
    plannedEnd: change.plannedEnd,
    implementationPlan: change.implementationPlan,
    backoutPlan: change.backoutPlan,
    testPlan: change.testPlan,
    riskAssessed: change.risk.assessed,
    riskLevel: change.risk.level,
    riskOverrideReason: change.risk.overrideReason,
    requesterId: change.requesterId,
    implementerId: change.implementerId,
    state: change.state,
    submittedAt: change.submittedAt,
    authorisedAt: change.authorisedAt,
    startedAt: change.startedAt,
    endedAt: change.endedAt,
    closedAt: change.closedAt,
    rejection: json(change.rejection),
    cancellation: json(change.cancellation),
    failure: json(change.failure),
    problemSuggested: change.problemSuggested,
    review: json(change.review),
    reviewedAt: change.reviewedAt,
    retrospective: json(change.retrospective),
    createdAt: change.createdAt,
    updatedAt: change.updatedAt,
  };
}

function fromRow(row: ChangeRow): ChangeRecord {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    type: row.type as ChangeType,
    templateId: row.templateId,
    affectedServices: row.affectedServices,
    configurationItemIds: row.configurationItemIds,
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    implementationPlan: row.implementationPlan,
    backoutPlan: row.backoutPlan,
    testPlan: row.testPlan,
    riskAnswers: riskAnswersSchema.parse(row.riskAnswers),
    risk: { assessed: row.riskAssessed as RiskLevel, level: row.riskLevel as RiskLevel, overrideReason: row.riskOverrideReason },
    requesterId: row.requesterId,
    implementerId: row.implementerId,
    state: row.state as ChangeState,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    authorisedAt: row.authorisedAt,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    closedAt: row.closedAt,
    rejection: parsed(noteSchema, row.rejection),
    cancellation: parsed(noteSchema, row.cancellation),
    failure: parsed(noteSchema, row.failure),
    problemSuggested: row.problemSuggested,
    review: parsed(postImplementationReviewSchema, row.review),
    reviewedAt: row.reviewedAt,
    retrospective: parsed(retrospectiveSchema, row.retrospective),
    raisedFrom: row.raisedFrom,
    freezeOverride: parsed(freezeOverrideSchema, row.freezeOverride),
    approval: parsed(approvalTallySchema, row.approval),
    approvalStartedAt: row.approvalStartedAt,
    approvalRecipients: row.approvalRecipients,
    cmdbUpdates: z.array(ciUpdateSchema).parse(row.cmdbUpdates),
  };
}

export interface NewChangeRow {
  change: ChangeRecordState;
  riskAnswers: RiskAnswers;
  raisedFrom: string | null;
  freezeOverride: FreezeOverrideRecord | null;
  requestKey: string;
  cmdbUpdates?: readonly CiUpdate[];
}

export async function insertChange(tx: Tx, input: NewChangeRow): Promise<ChangeRecord> {
  const row = await tx.change.create({
    data: {
      ...toRow(input.change),
      riskAnswers: toJsonColumn(input.riskAnswers),
      raisedFrom: input.raisedFrom,
      freezeOverride: json(input.freezeOverride),
      requestKey: input.requestKey,
      cmdbUpdates: toJsonColumn(input.cmdbUpdates ?? []),
    },
  });
  return fromRow(row);
}

/** What the approval part of the service keeps on the row besides the domain state. */
export interface ApprovalColumns {
  approval?: ApprovalTally | null;
  approvalStartedAt?: Date | null;
  approvalRecipients?: readonly string[];
  nextApprovalReminderAt?: Date | null;
}

export async function updateChange(tx: Tx, id: number, change: ChangeRecordState, approval: ApprovalColumns = {}): Promise<ChangeRecord> {
  const data: Prisma.ChangeUpdateInput = { ...toRow(change) };
  if (approval.approval !== undefined) data.approval = json(approval.approval);
  if (approval.approvalStartedAt !== undefined) data.approvalStartedAt = approval.approvalStartedAt;
  if (approval.approvalRecipients !== undefined) data.approvalRecipients = [...approval.approvalRecipients];
  if (approval.nextApprovalReminderAt !== undefined) data.nextApprovalReminderAt = approval.nextApprovalReminderAt;
  return fromRow(await tx.change.update({ where: { id }, data }));
}

export async function findChangeByRequestKey(tx: Tx, requestKey: string): Promise<ChangeRecord | null> {
  const row = await tx.change.findUnique({ where: { requestKey } });
  return row ? fromRow(row) : null;
}

export async function findChangeByNumber(tx: Tx, number: string): Promise<ChangeRecord | null> {
  const row = await tx.change.findUnique({ where: { number } });
  return row ? fromRow(row) : null;
}

export async function findChangeById(tx: Tx, id: number): Promise<ChangeRecord | null> {
  const row = await tx.change.findUnique({ where: { id } });
  return row ? fromRow(row) : null;
}

/** Loads and row-locks a change, so concurrent clicks and decisions on it run one after another. */
export async function lockChangeByNumber(tx: Tx, number: string): Promise<ChangeRecord | null> {
  const locked = await sqlQuery<{ id: number }>(tx, Prisma.sql`SELECT "id" FROM "Change" WHERE "number" = ${number} FOR UPDATE`);
  const id = locked[0]?.id;
  return id === undefined ? null : findChangeById(tx, id);
}

/** Live changes whose window overlaps [from, to): for clashes and the change calendar. */
export async function findLiveChangesBetween(tx: Tx, from: Date, to: Date, limit = 200): Promise<ChangeRecord[]> {
  const rows = await tx.change.findMany({
    where: { state: { notIn: [...FINISHED_CHANGE_STATES] }, plannedStart: { lt: to }, plannedEnd: { gt: from } },
    orderBy: [{ plannedStart: 'asc' }, { id: 'asc' }],
    take: limit,
  });
  return rows.map(fromRow);
}

/** Changes awaiting authorisation whose approvers are due a reminder (indexed). */
export async function findApprovalRemindersDue(tx: Tx, now: Date): Promise<ChangeRecord[]> {
  const rows = await tx.change.findMany({ where: { state: 'authorisation', nextApprovalReminderAt: { lte: now } }, take: 100 });
  return rows.map(fromRow);
}

/** Changes awaiting authorisation (few at any time; indexed on state), the longest waiting first. */
export async function findChangesInAuthorisation(tx: Tx, limit = 200): Promise<ChangeRecord[]> {
  const rows = await tx.change.findMany({ where: { state: 'authorisation' }, orderBy: [{ approvalStartedAt: 'asc' }, { id: 'asc' }], take: limit });
  return rows.map(fromRow);
}

/** Changes awaiting authorisation since before `startedBy` whose managers have not been told. */
export async function findApprovalEscalationsDue(tx: Tx, startedBy: Date): Promise<ChangeRecord[]> {
  const rows = await tx.change.findMany({ where: { state: 'authorisation', approvalEscalatedAt: null, approvalStartedAt: { lte: startedBy } }, take: 100 });
  return rows.map(fromRow);
}

/** Scheduled changes starting before `startsBy` whose implementer has not been reminded. */
export async function findStartRemindersDue(tx: Tx, startsBy: Date): Promise<ChangeRecord[]> {
  const rows = await tx.change.findMany({ where: { state: 'scheduled', startRemindedAt: null, plannedStart: { lte: startsBy } }, take: 100 });
  return rows.map(fromRow);
}

/** Scheduled changes that should have started before `startedBy` and are not flagged yet. */
export async function findLateStartsDue(tx: Tx, startedBy: Date): Promise<ChangeRecord[]> {
  const rows = await tx.change.findMany({ where: { state: 'scheduled', lateStartFlaggedAt: null, plannedStart: { lt: startedBy } }, take: 100 });
  return rows.map(fromRow);
}

/**
 * Claims the approval reminder due at or before `now` and sets the next one: succeeds for exactly
 * one caller, so each reminder is sent once however many ticks or instances reach it.
 */
export async function claimApprovalReminder(tx: Tx, id: number, now: Date, next: Date): Promise<boolean> {
  const claimed = await tx.change.updateMany({ where: { id, state: 'authorisation', nextApprovalReminderAt: { lte: now } }, data: { nextApprovalReminderAt: next } });
  return claimed.count === 1;
}

/** Claims a one-off notice about the change (escalation, start reminder, late start): once per change. */
export async function claimChangeNotice(tx: Tx, id: number, notice: 'approvalEscalatedAt' | 'startRemindedAt' | 'lateStartFlaggedAt', now: Date): Promise<boolean> {
  const claimed = await tx.change.updateMany({ where: { id, [notice]: null }, data: { [notice]: now } });
  return claimed.count === 1;
}
