// Incident use cases: load → domain rule → save + audit + outbox, in one transaction.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit, auditTrail, type AuditDraft } from '../db/repositories/audit.js';
import { nextSequenceValue } from '../db/repositories/counters.js';
import {
  findIncidentAwaitingReporter,
  findIncidentByNumber,
  findIncidentByRequestKey,
  claimMajorReminder,
  findOpenMajorIncidents,
  findQueueOf,
  findResolvedBefore,
  insertIncident,
  listIncidents,
  lockIncidentByNumber,
  type IncidentListFilter,
  updateIncident,
  type IncidentDetails,
  type IncidentRecord,
} from '../db/repositories/incidents.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { endOpenPause, recordPause, startPause } from '../db/repositories/sla.js';
import { claimSlackEvent } from '../db/repositories/slack-events.js';
import { subDays } from 'date-fns';
import { addWorkingDays } from '../domain/calendar.js';
import { DomainError } from '../domain/errors.js';
import {
  actorIdOf,
  applyIncidentEvent,
  createIncident,
  DESK_ROLES,
  incidentDeskRoles,
  SECURITY_DESK_ROLES,
  SYSTEM_ACTOR,
  type FieldChange,
  type IncidentEvent,
  type IncidentState,
} from '../domain/incident.js';
import { formatRecordNumber } from '../domain/numbering.js';
import type { Impact, Urgency } from '../domain/priority.js';
import { hasAnyRole } from '../domain/roles.js';
import type { SatisfactionRating } from '../domain/satisfaction.js';
import type { OutboxDraft } from '../outbox/messages.js';
import { businessCalendarAt } from '../settings/calendar.js';
import type { Settings } from '../settings/schema.js';
import { auditEntriesFor } from './audit-entries.js';
import type { RequestActor } from './context.js';
import type { IncidentProblemContext } from '../db/repositories/problems.js';
import type { HomeRefresh } from './home.js';
import type { SlaTracker } from './sla.js';

export interface ReportIncidentInput extends Omit<IncidentDetails, 'reporterLocale'> {
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
  changed(change: IncidentChange): OutboxDraft[];
  answerRecorded(incident: IncidentRecord): OutboxDraft[];
  majorReminder(incident: IncidentRecord): OutboxDraft[];
  duplicateLinked(original: IncidentRecord, duplicate: IncidentRecord, actorId: string): OutboxDraft[];
  surveyAnswered(incident: IncidentRecord, rating: SatisfactionRating): OutboxDraft[];
  surveyCommented(incident: IncidentRecord, comment: string): OutboxDraft[];
}

/** Who acts: a person from Slack, or the bot itself (jobs, automatic steps). */
export type IncidentActorRef = RequestActor | typeof SYSTEM_ACTOR;

/** One applied event: the record before and after, who did it, and what changed. */
export interface IncidentChange {
  before: IncidentRecord;
  after: IncidentRecord;
  event: IncidentEvent;
  actorId: string;
  changes: readonly FieldChange[];
}

export interface KnownErrorOffer {
  /** How many known errors were offered. */
  count: number;
  /** What the reporter is told about them. */
  messages: OutboxDraft[];
}

/** What problem management adds to incidents (src/services/known-errors.ts). */
export interface IncidentProblemLinks {
  /** In the reporting transaction: offers the known errors the new incident matches. */
  offerKnownErrors(tx: Tx, incident: IncidentRecord, now: Date): Promise<KnownErrorOffer>;
  /** The known errors offered on the incident and the problems it is linked to, for its card. */
  contextOf(tx: Tx, incident: IncidentRecord): Promise<IncidentProblemContext>;
}

export interface IncidentServiceDeps {
  db: Database;
  sla: SlaTracker;
  clock: Clock;
  settings: () => Settings;
  messages: IncidentMessages;
  problemLinks?: IncidentProblemLinks;
  /** The App Homes of the reporter and the assignees are published again when a ticket changes. */
  homes: HomeRefresh;
}

export class IncidentService {
  constructor(private readonly deps: IncidentServiceDeps) {}

  /**
   * Records a new incident; returns it, or the one already recorded for the same request. Nothing
   * looks for that one first, on the hot path: the insert finds it (the request key is unique), and
   * the transaction is undone so that it uses up no number.
   */
  async report(input: ReportIncidentInput, reporter: RequestActor): Promise<{ incident: IncidentRecord; created: boolean }> {
    try {
      const incident = await this.recordNew(input, reporter);
      return { incident, created: true };
    } catch (error) {
      if (!(error instanceof AlreadyRecorded)) throw error;
      const existing = await this.deps.db.transaction((tx) => findIncidentByRequestKey(tx, input.requestKey));
      if (!existing) throw new Error(`the incident of request ${input.requestKey} was found on insert but not read`);
      return { incident: existing, created: false };
    }
  }

  private recordNew(input: ReportIncidentInput, reporter: RequestActor): Promise<IncidentRecord> {
    const { db, clock, settings, messages } = this.deps;
    return db.transaction(async (tx) => {
      const now = clock.now();
      const number = formatRecordNumber('INC', await nextSequenceValue(tx, 'INC'));
      const state = createIncident({ number, reporterId: reporter.userId, ...input }, settings().priorityMatrix, now);
      const details = { ...detailsOf(input), reporterLocale: reporter.locale };
      const inserted = await insertIncident(tx, state, details, input.requestKey, this.deps.sla.opening({ ...state, ...details }, now));
      if (!inserted) throw new AlreadyRecorded();
      await this.record(tx, inserted, now, [{ actorId: reporter.userId, action: 'created', details: { ...details, priority: inserted.priority } }]);
      const offer = (await this.deps.problemLinks?.offerKnownErrors(tx, inserted, now)) ?? { count: 0, messages: [] };
      // A new incident is linked to no problem: only known errors just offered can show on its card.
      const created = offer.count > 0 ? await this.withProblems(tx, inserted) : inserted;
      await enqueueMessages(tx, [...messages.reported(created, reporter, input.responseUrl), ...offer.messages], now);
      await this.deps.homes.request(tx, [created.reporterId], now);
      return created;
    });
  }

  /**
   * Applies one life-cycle event. The row lock serialises concurrent clicks, so two clicks on the
   * same button give one transition and a clear refusal for the second.
   */
  async act(number: string, event: IncidentEvent, actor: IncidentActorRef): Promise<IncidentRecord> {
    const after = await this.deps.db.transaction(async (tx) => {
      const before = await lockIncidentByNumber(tx, number);
      if (!before) throw new DomainError('not_found', { number });
      return this.applyLocked(tx, before, event, actor);
    });
    return after;
  }

  /**
   * The reporter answered in their DM: the answer goes on the ticket that awaits them (the most
   * recent one) as a public note, and the clock resumes. Returns that ticket, or null if none awaits.
   */
  async answerFromReporter(reporter: RequestActor, text: string, eventId: string): Promise<IncidentRecord | null> {
    const { db, clock } = this.deps;
    const answered = await db.transaction(async (tx) => {
      if (!(await claimSlackEvent(tx, eventId, clock.now()))) return null;
      const awaiting = await findIncidentAwaitingReporter(tx, reporter.userId);
      const before = awaiting ? await lockIncidentByNumber(tx, awaiting.number) : null;
      if (!before || before.hold?.kind !== 'awaiting_requester') return null;
      const noted = await this.applyLocked(tx, before, { type: 'add_note', visibility: 'public', text }, reporter);
      const resumed = await this.applyLocked(tx, noted, { type: 'resume' }, SYSTEM_ACTOR);
      await enqueueMessages(tx, this.deps.messages.answerRecorded(resumed), clock.now());
      return resumed;
    });
    return answered;
  }

  private async applyLocked(tx: Tx, before: IncidentRecord, event: IncidentEvent, actor: IncidentActorRef): Promise<IncidentRecord> {
    const original = event.type === 'mark_duplicate' ? await requireIncident(tx, event.duplicateOf) : null;
    const now = this.deps.clock.now();
    const transition = applyIncidentEvent(before, event, actor, now);
    const changed = await updateIncident(tx, before.id, transition.incident);
    await recordPauses(tx, before, transition.incident, event, now);
    const updated = await this.withSla(tx, changed, now);
    const actorId = actorIdOf(actor);
    await this.record(tx, updated, now, auditEntriesFor(event, actorId, transition.changes));
    await enqueueMessages(tx, this.deps.messages.changed({ before, after: updated, event, actorId, changes: transition.changes }), now);
    await this.deps.homes.request(tx, [before.reporterId, before.assigneeId, updated.assigneeId], now);
    if (original) await this.linkDuplicate(tx, original, updated, actorId, now);
    return updated;
  }

  /** Brings the SLA due times and next alert up to date, and returns the record as stored (as its card shows it). */
  private async withSla(tx: Tx, stored: IncidentRecord, now: Date): Promise<IncidentRecord> {
    const sla = await this.deps.sla.refresh(tx, stored, now);
    return this.withProblems(tx, { ...stored, sla });
  }

  /** The incident with what its card shows about problems. */
  async findIn(tx: Tx, number: string): Promise<IncidentRecord | null> {
    const stored = await findIncidentByNumber(tx, number);
    return stored && this.withProblems(tx, stored);
  }

  private async withProblems(tx: Tx, stored: IncidentRecord): Promise<IncidentRecord> {
    return this.deps.problemLinks ? { ...stored, problems: await this.deps.problemLinks.contextOf(tx, stored) } : stored;
  }

  /** The original of a duplicate records the link too, so both tickets point at each other. */
  private async linkDuplicate(tx: Tx, original: IncidentRecord, duplicate: IncidentRecord, actorId: string, now: Date): Promise<void> {
    await this.record(tx, original, now, [{ actorId, action: 'duplicate_linked', toValue: duplicate.number }]);
    await enqueueMessages(tx, this.deps.messages.duplicateLinked(original, duplicate, actorId), now);
  }

  /** Records the reporter's satisfaction rating, once per incident, after they confirmed the fix. */
  async rateSatisfaction(number: string, rating: SatisfactionRating, actor: RequestActor): Promise<IncidentRecord> {
    const { db, clock, messages } = this.deps;
    const incident = await db.transaction(async (tx) => {
      const found = await lockIncidentByNumber(tx, number);
      if (!found) throw new DomainError('not_found', { number });
      if (found.reporterId !== actor.userId) throw new DomainError('not_allowed', { event: 'rate' });
      if (found.state !== 'closed') throw new DomainError('transition_not_allowed', { state: found.state, event: 'rate' });
      if (await tx.satisfactionSurvey.findUnique({ where: { incidentId: found.id } })) throw new DomainError('already_done', { event: 'rate' });
      const now = clock.now();
      await tx.satisfactionSurvey.create({ data: { incidentId: found.id, respondentId: actor.userId, rating, answeredAt: now } });
      await this.record(tx, found, now, [{ actorId: actor.userId, action: 'satisfaction_rated', details: { rating } }]);
      await enqueueMessages(tx, messages.surveyAnswered(found, rating), now);
      return found;
    });
    return incident;
  }

  /** Adds the reporter's optional comment to the rating they gave. */
  async commentSatisfaction(number: string, comment: string, actor: RequestActor): Promise<void> {
    const { db, clock } = this.deps;
    await db.transaction(async (tx) => {
      const found = await findIncidentByNumber(tx, number);
      const survey = found ? await tx.satisfactionSurvey.findUnique({ where: { incidentId: found.id } }) : null;
      if (!found || !survey) throw new DomainError('not_found', { number });
      if (survey.respondentId !== actor.userId) throw new DomainError('not_allowed', { event: 'comment' });
      await tx.satisfactionSurvey.update({ where: { id: survey.id }, data: { comment } });
      await this.record(tx, found, clock.now(), [{ actorId: actor.userId, action: 'satisfaction_commented', fromValue: survey.comment, toValue: comment }]);
      await enqueueMessages(tx, this.deps.messages.surveyCommented(found, comment), clock.now());
    });
  }

  /** One incident as the viewer may see it: security incidents only for the security team. */
  async show(number: string, viewer: RequestActor): Promise<IncidentRecord> {
    const incident = await this.find(number);
    if (!incident) throw new DomainError('not_found', { number });
    if (!canSee(incident, viewer)) throw new DomainError('not_allowed', { event: 'show' });
    return incident;
  }

  /** People outside the desk can list only their own tickets. */
  async list(filter: IncidentListFilter, viewer: RequestActor, page: number): Promise<{ incidents: IncidentRecord[]; hasMore: boolean }> {
    if (filter !== 'mine' && !hasAnyRole(viewer, DESK_ROLES)) throw new DomainError('not_allowed', { event: 'list' });
    const rows = await this.deps.db.transaction((tx) =>
      listIncidents(tx, { filter, viewerId: viewer.userId, includeSecurity: hasAnyRole(viewer, SECURITY_DESK_ROLES), offset: page * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE }),
    );
    return { incidents: rows.slice(0, LIST_PAGE_SIZE), hasMore: rows.length > LIST_PAGE_SIZE };
  }

  /**
   * Closes resolved incidents whose reporter stayed silent for the configured business days
   * (recorded as auto-closed). Safe to run twice: a ticket closed meanwhile is skipped.
   */
  async closeUnconfirmed(now: Date): Promise<string[]> {
    const { autoCloseAfterBusinessDays: days } = this.deps.settings().incidents;
    const calendar = businessCalendarAt(this.deps.settings().calendar, now);
    // Business days are never shorter than calendar days, so this finds every candidate.
    const candidates = await this.deps.db.transaction((tx) => findResolvedBefore(tx, subDays(now, days)));
    const closed: string[] = [];
    for (const incident of candidates) {
      if (!incident.resolvedAt || addWorkingDays(incident.resolvedAt, days, calendar) > now) continue;
      try {
        await this.act(incident.number, { type: 'auto_close' }, SYSTEM_ACTOR);
        closed.push(incident.number);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return closed;
  }

  /**
   * Reminds the lead of each major incident that has had no update (or reminder) for the
   * configured interval. Each reminder is claimed on the row, so it is sent once.
   */
  async remindMajorLeads(now: Date): Promise<string[]> {
    const everyMs = this.deps.settings().incidents.majorUpdateEveryMinutes * 60_000;
    const { db, messages } = this.deps;
    const reminded = await db.transaction(async (tx) => {
      const sent: string[] = [];
      for (const { incident, remindedAt } of await findOpenMajorIncidents(tx)) {
        const major = incident.major;
        if (!major) continue;
        const quietSince = Math.max((major.lastUpdateAt ?? major.declaredAt).getTime(), remindedAt?.getTime() ?? 0);
        if (quietSince + everyMs > now.getTime() || !(await claimMajorReminder(tx, incident.id, remindedAt, now))) continue;
        await enqueueMessages(tx, messages.majorReminder(incident), now);
        sent.push(incident.number);
      }
      return sent;
    });
    return reminded;
  }

  /** The record's full history, for the desk and the reporter (ISO 20000 wants it kept and shown). */
  async history(number: string, viewer: RequestActor) {
    const incident = await this.show(number, viewer);
    return { incident, entries: await this.deps.db.transaction((tx) => auditTrail(tx, 'incident', incident.id)) };
  }

  /** What the Home tab shows a person: their queue as an engineer and the open tickets they reported. */
  async homeOf(viewer: RequestActor): Promise<{ queue: IncidentRecord[]; reported: IncidentRecord[] }> {
    const queue = await this.deps.db.transaction((tx) => findQueueOf(tx, viewer.userId, LIST_PAGE_SIZE));
    const reported = (await this.list('mine', viewer, 0)).incidents.filter((incident) => incident.reporterId === viewer.userId);
    return { queue, reported };
  }

  async find(number: string): Promise<IncidentRecord | null> {
    return this.deps.db.transaction((tx) => this.findIn(tx, number));
  }

  private record(tx: Tx, incident: IncidentRecord, at: Date, entries: AuditDraft[]): Promise<void> {
    return appendAudit(tx, { recordType: 'incident', recordId: incident.id, recordNumber: incident.number }, at, entries);
  }
}

/** Thrown inside a report's transaction to undo it: the same Slack request recorded its incident already. */
class AlreadyRecorded extends Error {}

export const LIST_PAGE_SIZE = 10;

/** The reporter sees their own tickets; the desk sees the rest, security incidents only the security team. */
function canSee(incident: IncidentRecord, viewer: RequestActor): boolean {
  if (incident.reporterId === viewer.userId) return true;
  return hasAnyRole(viewer, incidentDeskRoles(incident));
}

/** On hold, and resolved until reopened, the SLA clocks stand still. */
async function recordPauses(tx: Tx, before: IncidentRecord, after: IncidentState, event: IncidentEvent, now: Date): Promise<void> {
  if (before.state !== 'on_hold' && after.state === 'on_hold') await startPause(tx, before.id, now, after.hold?.kind ?? 'on_hold');
  if (before.state === 'on_hold' && after.state !== 'on_hold') await endOpenPause(tx, before.id, now);
  if (event.type === 'reopen' && before.resolvedAt) await recordPause(tx, before.id, before.resolvedAt, now, 'resolved');
}

async function requireIncident(tx: Tx, number: string): Promise<IncidentRecord> {
  const found = await findIncidentByNumber(tx, number);
  if (!found) throw new DomainError('not_found', { number });
  return found;
}

function detailsOf(input: ReportIncidentInput): Omit<IncidentDetails, 'reporterLocale'> {
  const { title, description, categoryPath, affectedService, source, sourcePermalink } = input;
  return { title, description, categoryPath, affectedService, source, sourcePermalink };
}
