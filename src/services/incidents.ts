// Incident use cases: load → domain rule → save + audit + outbox, in one transaction.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit, type AuditDraft } from '../db/repositories/audit.js';
import { nextSequenceValue } from '../db/repositories/counters.js';
import {
  findIncidentByRequestKey,
  insertIncident,
  type IncidentDetails,
  type IncidentRecord,
} from '../db/repositories/incidents.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { createIncident } from '../domain/incident.js';
import { formatRecordNumber } from '../domain/numbering.js';
import type { Impact, Urgency } from '../domain/priority.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { Settings } from '../settings/schema.js';
import type { AfterCommit, RequestActor } from './context.js';

export interface ReportIncidentInput extends IncidentDetails {
  impact?: Impact;
  urgency?: Urgency;
  isSecurity?: boolean;
  /** Identifies the Slack interaction, so a retry or a double submission records one incident. */
  requestKey: string;
  /** Where to answer the reporter privately (a slash command's response_url), if there is one. */
  responseUrl?: string;
}

/** The messages each incident event sends, rendered by the Slack layer (src/slack/incident/messages.ts). */
export interface IncidentMessages {
  reported(incident: IncidentRecord, reporter: RequestActor, responseUrl: string | undefined): OutboxDraft[];
}

export interface IncidentServiceDeps {
  db: Database;
  clock: Clock;
  settings: () => Settings;
  messages: IncidentMessages;
  afterCommit: AfterCommit;
}

export class IncidentService {
  constructor(private readonly deps: IncidentServiceDeps) {}

  /** Records a new incident; returns it, or the one already recorded for the same request. */
  async report(input: ReportIncidentInput, reporter: RequestActor): Promise<{ incident: IncidentRecord; created: boolean }> {
    const { db, clock, settings, messages } = this.deps;
    try {
      const incident = await db.transaction(async (tx) => {
        const existing = await findIncidentByRequestKey(tx, input.requestKey);
        if (existing) return null;
        const now = clock.now();
        const number = formatRecordNumber('INC', await nextSequenceValue(tx, 'INC'));
        const state = createIncident({ number, reporterId: reporter.userId, ...input }, settings().priorityMatrix, now);
        const details = detailsOf(input);
        const created = await insertIncident(tx, state, details, input.requestKey);
        await this.record(tx, created, now, [{ actorId: reporter.userId, action: 'created', details: { ...details, priority: created.priority } }]);
        await enqueueMessages(tx, messages.reported(created, reporter, input.responseUrl), now);
        return created;
      });
      if (incident) {
        this.deps.afterCommit();
        return { incident, created: true };
      }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await db.transaction((tx) => findIncidentByRequestKey(tx, input.requestKey));
    if (!existing) throw new Error(`incident for request ${input.requestKey} vanished`);
    return { incident: existing, created: false };
  }

  private record(tx: Tx, incident: IncidentRecord, at: Date, entries: AuditDraft[]): Promise<void> {
    return appendAudit(tx, { recordType: 'incident', recordId: incident.id, recordNumber: incident.number }, at, entries);
  }
}

function detailsOf(input: ReportIncidentInput): IncidentDetails {
  const { title, description, categoryPath, source, sourcePermalink } = input;
  return { title, description, categoryPath, source, sourcePermalink };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}
