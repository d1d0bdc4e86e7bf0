// Incident rows ↔ domain incidents. No business rule here: only mapping and queries.
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';
import { insertRow, lockRecordByNumber } from '../sql.js';
import { Prisma, type Incident as IncidentRow } from '../generated/client.js';
import type { IncidentState } from '../../domain/incident.js';
import type { Impact, Priority, Urgency } from '../../domain/priority.js';
import type { Locale } from '../../i18n/index.js';
import type { IncidentProblemContext } from './problems.js';
import { slaColumns, type SlaSnapshot } from './sla.js';

export const INCIDENT_SOURCES = ['slash_command', 'modal', 'message_shortcut', 'app_home'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** What the domain does not decide: the description of the incident as the reporter gave it. */
export interface IncidentDetails {
  title: string;
  description: string;
  categoryPath: string | null;
  affectedService: string | null;
  source: IncidentSource;
  sourcePermalink: string | null;
  reporterLocale: Locale;
}

export interface IncidentRecord extends IncidentState, IncidentDetails {
  id: number;
  sla: IncidentSlaState;
  /** Known errors offered and problems linked, where the service loaded them for the card. */
  problems?: IncidentProblemContext;
}

/** What the SLA tracker stored last (src/services/sla.ts). */
export interface IncidentSlaState {
  policyId: string | null;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  alertsSent: readonly string[];
}

export function incidentRecordKey(id: number): string {
  return `incident:${id}`;
}

/** Records a new incident; null if one was recorded for the same request key (a second delivery of the same Slack request). */
export async function insertIncident(
  tx: Tx,
  incident: IncidentState,
  details: IncidentDetails,
  requestKey: string | null,
  sla: SlaSnapshot,
): Promise<IncidentRecord | null> {
  // A hot path (every report): see ../direct-sql.ts.
  const row = { ...toRow(incident), ...details, slaAlertsSent: [], ...slaColumns(sla), requestKey, majorRemindedAt: null };
  const id = await insertRow(tx, 'Incident', row, 'requestKey');
  return id === null ? null : fromRow({ id, ...row });
}

export async function updateIncident(tx: Tx, id: number, incident: IncidentState): Promise<IncidentRecord> {
  return fromRow(await tx.incident.update({ where: { id }, data: toRow(incident) }));
}

export async function findIncidentByRequestKey(tx: Tx, requestKey: string): Promise<IncidentRecord | null> {
  // A hot path (every report, and almost always none): see ../direct-sql.ts.
  const [found] = await sqlQuery<{ id: number }>(tx, Prisma.sql`SELECT "id" FROM "Incident" WHERE "requestKey" = ${requestKey}`);
  return found ? findIncidentById(tx, found.id) : null;
}

export async function findIncidentById(tx: Tx, id: number): Promise<IncidentRecord | null> {
  const row = await tx.incident.findUnique({ where: { id } });
  return row ? fromRow(row) : null;
}

export async function findIncidentByNumber(tx: Tx, number: string): Promise<IncidentRecord | null> {
  const row = await tx.incident.findUnique({ where: { number } });
  return row ? fromRow(row) : null;
}

export async function findIncidentAwaitingReporter(tx: Tx, reporterId: string): Promise<IncidentRecord | null> {
  const row = await tx.incident.findFirst({
    where: { reporterId, state: 'on_hold', holdKind: 'awaiting_requester' },
    orderBy: { holdSince: 'desc' },
  });
  return row ? fromRow(row) : null;
}

export const INCIDENT_LIST_FILTERS = ['mine', 'open', 'p1', 'unassigned'] as const;
export type IncidentListFilter = (typeof INCIDENT_LIST_FILTERS)[number];

const OPEN_STATES = ['new', 'in_progress', 'on_hold'];

export interface IncidentListQuery {
  filter: IncidentListFilter;
  viewerId: string;
  includeSecurity: boolean;
  offset: number;
  limit: number;
}

/** A page of incidents, most urgent and oldest first; `limit + 1` rows tell whether more follow. */
export async function listIncidents(tx: Tx, query: IncidentListQuery): Promise<IncidentRecord[]> {
  const byFilter = {
    mine: { OR: [{ reporterId: query.viewerId }, { assigneeId: query.viewerId }] },
    open: {},
    p1: { priority: 'P1' },
    unassigned: { assigneeId: null },
  }[query.filter];
  // Security incidents: for the security team, and for their own reporter.
  const visible = query.includeSecurity ? {} : { OR: [{ isSecurity: false }, { reporterId: query.viewerId }] };
  const rows = await tx.incident.findMany({
    where: { AND: [byFilter, visible], state: { in: OPEN_STATES } },
    orderBy: [{ priority: 'asc' }, { openedAt: 'asc' }, { id: 'asc' }],
    skip: query.offset,
    take: query.limit + 1,
  });
  return rows.map(fromRow);
}

/** Resolved incidents resolved at or before `resolvedBy` (indexed on state and resolvedAt). */
export async function findResolvedBefore(tx: Tx, resolvedBy: Date): Promise<IncidentRecord[]> {
  const rows = await tx.incident.findMany({ where: { state: 'resolved', resolvedAt: { lte: resolvedBy } }, orderBy: { resolvedAt: 'asc' } });
  return rows.map(fromRow);
}

export interface MajorReminderCandidate {
  incident: IncidentRecord;
  remindedAt: Date | null;
}

/** Open major incidents (few at any time; indexed on majorDeclaredAt). */
export async function findOpenMajorIncidents(tx: Tx): Promise<MajorReminderCandidate[]> {
  const rows = await tx.incident.findMany({ where: { majorDeclaredAt: { not: null }, state: { in: OPEN_STATES } } });
  return rows.map((row) => ({ incident: fromRow(row), remindedAt: row.majorRemindedAt }));
}

/** Claims one reminder: succeeds for exactly one caller per previous reminder time. */
export async function claimMajorReminder(tx: Tx, id: number, previous: Date | null, now: Date): Promise<boolean> {
  const claimed = await tx.incident.updateMany({ where: { id, majorRemindedAt: previous }, data: { majorRemindedAt: now } });
  return claimed.count === 1;
}

/** An engineer's open tickets, the most urgent deadline first (the Home tab's queue). */
export async function findQueueOf(tx: Tx, assigneeId: string, limit: number): Promise<IncidentRecord[]> {
  const rows = await tx.incident.findMany({
    where: { assigneeId, state: { in: OPEN_STATES } },
    orderBy: [{ resolutionDueAt: { sort: 'asc', nulls: 'last' } }, { openedAt: 'asc' }],
    take: limit,
  });
  return rows.map(fromRow);
}

/** Loads and row-locks an incident for the rest of the transaction, so concurrent clicks serialise. */
export async function lockIncidentByNumber(tx: Tx, number: string): Promise<IncidentRecord | null> {
  const id = await lockRecordByNumber(tx, 'Incident', number);
  if (id === undefined) return null;
  return fromRow(await tx.incident.findUniqueOrThrow({ where: { id } }));
}

function toRow(incident: IncidentState) {
  return {
    number: incident.number,
    state: incident.state,
    impact: incident.impact,
    urgency: incident.urgency,
    priority: incident.priority,
    tier: incident.tier,
    assigneeId: incident.assigneeId,
    reporterId: incident.reporterId,
    isSecurity: incident.isSecurity,
    holdKind: incident.hold?.kind ?? null,
    holdReason: incident.hold?.reason ?? null,
    holdSince: incident.hold?.since ?? null,
    resolutionCode: incident.resolution?.code ?? null,
    resolutionNotes: incident.resolution?.notes ?? null,
    duplicateOf: incident.duplicateOf,
    reopenCount: incident.reopenCount,
    totalHeldMs: BigInt(incident.totalHeldMs),
    openedAt: incident.openedAt,
    updatedAt: incident.updatedAt,
    firstResponseAt: incident.firstResponseAt,
    managerEscalatedAt: incident.managerEscalatedAt,
    resolvedAt: incident.resolvedAt,
    closedAt: incident.closedAt,
    majorLeadId: incident.major?.leadId ?? null,
    majorDeclaredAt: incident.major?.declaredAt ?? null,
    majorLastUpdateAt: incident.major?.lastUpdateAt ?? null,
  };
}

// The columns hold only values the domain wrote, so the casts restate the domain's own types.
function fromRow(row: IncidentRow): IncidentRecord {
  return {
    id: row.id,
    sla: { policyId: row.slaPolicyId, responseDueAt: row.responseDueAt, resolutionDueAt: row.resolutionDueAt, alertsSent: row.slaAlertsSent },
    number: row.number,
    title: row.title,
    description: row.description,
    categoryPath: row.categoryPath,
    affectedService: row.affectedService,
    source: row.source as IncidentSource,
    sourcePermalink: row.sourcePermalink,
    reporterLocale: row.reporterLocale as Locale,
    state: row.state as IncidentState['state'],
    impact: row.impact as Impact,
    urgency: row.urgency as Urgency,
    priority: row.priority as Priority,
    tier: row.tier as IncidentState['tier'],
    assigneeId: row.assigneeId,
    reporterId: row.reporterId,
    isSecurity: row.isSecurity,
    hold:
      row.holdKind && row.holdSince
        ? { kind: row.holdKind as NonNullable<IncidentState['hold']>['kind'], reason: row.holdReason ?? '', since: row.holdSince }
        : null,
    resolution: row.resolutionCode
      ? { code: row.resolutionCode as NonNullable<IncidentState['resolution']>['code'], notes: row.resolutionNotes ?? '' }
      : null,
    duplicateOf: row.duplicateOf,
    reopenCount: row.reopenCount,
    totalHeldMs: Number(row.totalHeldMs),
    openedAt: row.openedAt,
    updatedAt: row.updatedAt,
    firstResponseAt: row.firstResponseAt,
    managerEscalatedAt: row.managerEscalatedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    major:
      row.majorLeadId && row.majorDeclaredAt
        ? { leadId: row.majorLeadId, declaredAt: row.majorDeclaredAt, lastUpdateAt: row.majorLastUpdateAt }
        : null,
  };
}
