// Service request rows ↔ domain requests. No business rule here: only mapping and queries.
import { z } from 'zod';
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';
import { Prisma, type ServiceRequest as RequestRow } from '../generated/client.js';
import { approvalTallySchema, type ApprovalTally } from '../../domain/approval.js';
import { fulfilmentGroupSchema, localizedTextSchema, requestFieldSchema, SERVICE_HOURS, type RequestAnswers, type RequestItemSnapshot } from '../../domain/catalogue.js';
import { OPEN_REQUEST_STATES, REQUEST_STATES, type RequestState } from '../../domain/request.js';
import { LOCALES, type Locale } from '../../i18n/index.js';
import { toJsonColumn, utcTimestamp } from '../sql.js';

/** A request as stored: the domain state plus its item, answers, approval and SLA columns. */
export interface RequestRecord extends RequestState {
  id: number;
  item: RequestItemSnapshot;
  answers: RequestAnswers;
  requesterLocale: Locale;
  approval: ApprovalTally | null;
  approvalRecipients: readonly string[];
  sla: RequestSlaState;
}

export interface RequestSlaState {
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  nextSlaAlertAt: Date | null;
  alertsSent: readonly string[];
}

export function requestRecordKey(id: number): string {
  return `request:${id}`;
}

const snapshotSchema = z.object({
  id: z.string(),
  name: localizedTextSchema,
  serviceId: z.string(),
  serviceName: localizedTextSchema,
  fields: z.array(requestFieldSchema),
  fulfilment: fulfilmentGroupSchema,
  sla: z.object({ id: z.string(), responseMinutes: z.number(), resolutionMinutes: z.number(), hours: z.enum(SERVICE_HOURS) }),
});
const noteSchema = z.object({ reason: z.string(), byId: z.string(), at: z.coerce.date() });
const answersSchema = z.record(z.string(), z.string());

const json = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : toJsonColumn(value));
const parsed = <T>(schema: z.ZodType<T>, value: unknown): T | null => (value === null ? null : schema.parse(value));

function fromRow(row: RequestRow): RequestRecord {
  const item = snapshotSchema.parse(row.item);
  return {
    id: row.id,
    number: row.number,
    requesterId: row.requesterId,
    state: z.enum(REQUEST_STATES).parse(row.state),
    fulfilment: item.fulfilment,
    assigneeId: row.assigneeId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    approvedAt: row.approvedAt,
    takenAt: row.takenAt,
    fulfilledAt: row.fulfilledAt,
    endedAt: row.endedAt,
    rejection: parsed(noteSchema, row.rejection),
    cancellation: parsed(noteSchema, row.cancellation),
    item,
    answers: answersSchema.parse(row.answers),
    requesterLocale: z.enum(LOCALES).catch('en').parse(row.requesterLocale),
    approval: parsed(approvalTallySchema, row.approval),
    approvalRecipients: row.approvalRecipients,
    sla: { responseDueAt: row.responseDueAt, resolutionDueAt: row.resolutionDueAt, nextSlaAlertAt: row.nextSlaAlertAt, alertsSent: row.slaAlertsSent },
  };
}

function stateColumns(request: RequestState) {
  return {
    state: request.state,
    assigneeId: request.assigneeId,
    updatedAt: request.updatedAt,
    approvedAt: request.approvedAt,
    takenAt: request.takenAt,
    fulfilledAt: request.fulfilledAt,
    endedAt: request.endedAt,
    rejection: json(request.rejection),
    cancellation: json(request.cancellation),
  };
}

export interface NewRequestRow {
  request: RequestState;
  item: RequestItemSnapshot;
  answers: RequestAnswers;
  requesterLocale: Locale;
  approval: ApprovalTally | null;
  requestKey: string;
}

export async function insertRequest(tx: Tx, input: NewRequestRow): Promise<RequestRecord> {
  const row = await tx.serviceRequest.create({
    data: {
      ...stateColumns(input.request),
      number: input.request.number,
      requesterId: input.request.requesterId,
      createdAt: input.request.createdAt,
      itemId: input.item.id,
      serviceId: input.item.serviceId,
      item: toJsonColumn(input.item),
      answers: toJsonColumn(input.answers),
      requesterLocale: input.requesterLocale,
      approval: json(input.approval),
      requestKey: input.requestKey,
    },
  });
  return fromRow(row);
}

export interface RequestColumns {
  approval?: ApprovalTally;
  approvalRecipients?: readonly string[];
  sla?: RequestSlaState;
}

export async function updateRequest(tx: Tx, id: number, request: RequestState, columns: RequestColumns = {}): Promise<RequestRecord> {
  const data: Prisma.ServiceRequestUpdateInput = { ...stateColumns(request) };
  if (columns.approval) data.approval = toJsonColumn(columns.approval);
  if (columns.approvalRecipients) data.approvalRecipients = [...columns.approvalRecipients];
  if (columns.sla) {
    data.responseDueAt = columns.sla.responseDueAt;
    data.resolutionDueAt = columns.sla.resolutionDueAt;
    data.nextSlaAlertAt = columns.sla.nextSlaAlertAt;
    data.slaAlertsSent = [...columns.sla.alertsSent];
  }
  return fromRow(await tx.serviceRequest.update({ where: { id }, data }));
}

export async function findRequestByRequestKey(tx: Tx, requestKey: string): Promise<RequestRecord | null> {
  const row = await tx.serviceRequest.findUnique({ where: { requestKey } });
  return row ? fromRow(row) : null;
}

export async function findRequestByNumber(tx: Tx, number: string): Promise<RequestRecord | null> {
  const row = await tx.serviceRequest.findUnique({ where: { number } });
  return row ? fromRow(row) : null;
}

/** Loads and row-locks a request, so concurrent clicks and decisions on it run one after another. */
export async function lockRequestByNumber(tx: Tx, number: string): Promise<RequestRecord | null> {
  const locked = await sqlQuery<{ id: number }>(tx, Prisma.sql`SELECT "id" FROM "ServiceRequest" WHERE "number" = ${number} FOR UPDATE`);
  const id = locked[0]?.id;
  if (id === undefined) return null;
  const row = await tx.serviceRequest.findUnique({ where: { id } });
  return row ? fromRow(row) : null;
}

/** Open requests whose next SLA alert is due (indexed). */
export async function findDueRequestAlerts(tx: Tx, now: Date, limit: number): Promise<string[]> {
  // Every minute: direct SQL (../direct-sql.ts).
  const rows = await sqlQuery<{ number: string }>(
    tx,
    Prisma.sql`
    SELECT "number" FROM "ServiceRequest" WHERE "nextSlaAlertAt" <= ${utcTimestamp(now)} AND "state" IN (${Prisma.join(OPEN_REQUEST_STATES)})
    ORDER BY "nextSlaAlertAt" LIMIT ${limit}`,
  );
  return rows.map((row) => row.number);
}

/** Requests waiting for an approval decision, the oldest first: for the approvers' App Homes. */
export async function findRequestsAwaitingApproval(tx: Tx, limit = 200): Promise<RequestRecord[]> {
  const rows = await tx.serviceRequest.findMany({ where: { state: 'awaiting_approval' }, orderBy: { id: 'asc' }, take: limit });
  return rows.map(fromRow);
}
