// Problem use cases (问题管理): load → domain rule → save + audit + outbox, in one transaction.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit, auditTrail, type AuditDraft } from '../db/repositories/audit.js';
import { nextSequenceValue } from '../db/repositories/counters.js';
import type { IncidentRecord } from '../db/repositories/incidents.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import {
  countProblemFigures,
  findProblemByNumber,
  findProblemByRequestKey,
  insertProblem,
  lockProblemByNumber,
  updateProblem,
  type ProblemRecord,
} from '../db/repositories/problems.js';
import { candidateAuditRecord, findCandidate, lockCandidate, markCandidateTaken, type CandidateRecord } from '../db/repositories/trends.js';
import { lockKey } from '../db/sql.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import { actorIdOf, isOpen, SECURITY_DESK_ROLES, type FieldChange } from '../domain/incident.js';
import { hasAnyRole } from '../domain/roles.js';
import { formatRecordNumber } from '../domain/numbering.js';
import type { Impact, Urgency } from '../domain/priority.js';
import {
  applyProblemEvent,
  assertMayCreateProblem,
  createProblem,
  problemPartiesOf,
  type ProblemActor,
  type ProblemEvent,
  type ProblemSource,
} from '../domain/problem.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { Settings } from '../settings/schema.js';
import { auditEntriesFor } from './audit-entries.js';
import type { RequestActor } from './context.js';
import type { IncidentService } from './incidents.js';

export interface CreateProblemInput {
  title: string;
  description: string;
  source: ProblemSource;
  impact: Impact;
  urgency: Urgency;
  categoryPath: string | null;
  affectedService: string | null;
  /** Incident numbers (INC-…) to link from the start. */
  incidents: readonly string[];
  /** The problem candidate of the trend analysis it is recorded from. */
  candidateId?: number;
  /** Identifies the Slack interaction, so a retry or a double submission records one problem. */
  requestKey: string;
}

/** One applied event: the record before and after, who did it, what changed, and the incidents concerned. */
export interface ProblemChange {
  before: ProblemRecord;
  after: ProblemRecord;
  event: ProblemEvent;
  actorId: string;
  changes: readonly FieldChange[];
  /** The incidents this event linked, as their cards now show them. */
  linked: readonly IncidentRecord[];
  /** On resolve and on recording the known error: the linked incidents still open, whose people are told. */
  openIncidents: readonly IncidentRecord[];
}

/** The messages each problem event sends, rendered by the Slack layer (src/slack/problem/messages.ts). */
export interface ProblemMessages {
  created(problem: ProblemRecord, creator: RequestActor, linked: readonly IncidentRecord[]): OutboxDraft[];
  changed(change: ProblemChange): OutboxDraft[];
  candidateTaken(candidate: CandidateRecord, incidents: readonly IncidentRecord[], problem: ProblemRecord, actorId: string): OutboxDraft[];
  linkedIncidentsResolved(problem: ProblemRecord, numbers: readonly string[], actorId: string): OutboxDraft[];
  /** The resolution notes an incident gets when it is resolved together with its problem. */
  linkedResolutionNotes(problem: ProblemRecord): string;
}

export interface ProblemServiceDeps {
  db: Database;
  clock: Clock;
  settings: () => Settings;
  messages: ProblemMessages;
  incidents: IncidentService;
}

export interface LinkedResolutionOutcome {
  resolved: string[];
  refused: { number: string; error: DomainError }[];
}

export class ProblemService {
  constructor(private readonly deps: ProblemServiceDeps) {}

  /** The service report's problem figures: problems opened and known errors recorded in the period. */
  async figuresFor(period: { start: Date; end: Date }): Promise<{ opened: number; knownErrorsAdded: number }> {
    return this.deps.db.transaction((tx) => countProblemFigures(tx, period.start, period.end));
  }

  /** Records a new problem; returns it, or the one already recorded for the same request. */
  async create(input: CreateProblemInput, creator: RequestActor): Promise<{ problem: ProblemRecord; created: boolean }> {
    assertMayCreateProblem(creator);
    for (const number of input.incidents) await this.incidentFor(number, creator);
    const { db, clock, settings, messages } = this.deps;
    const result = await db.transaction(async (tx) => {
      await lockKey(tx, input.requestKey);
      const existing = await findProblemByRequestKey(tx, input.requestKey);
      if (existing) return { problem: existing, created: false };
      const candidate = input.candidateId === undefined ? null : await lockCandidate(tx, input.candidateId);
      if (candidate?.problemId) throw new DomainError('already_done', { event: 'create_problem' });
      const now = clock.now();
      const number = formatRecordNumber('PRB', await nextSequenceValue(tx, 'PRB'));
      const state = createProblem({ ...input, number, creatorId: creator.userId, linkedIncidents: input.incidents }, settings().priorityMatrix, now);
      const problem = await insertProblem(tx, state, input.requestKey);
      const { incidents, categoryPath, affectedService, source, title, description } = input;
      await this.record(tx, problem, now, [{ actorId: creator.userId, action: 'created', details: { title, description, source, categoryPath, affectedService, incidents: [...incidents], priority: problem.priority } }]);
      const linked = await this.noteLinks(tx, problem, problem.linkedIncidents, creator.userId, now);
      const drafts = messages.created(problem, creator, linked);
      if (candidate) {
        await markCandidateTaken(tx, candidate.id, problem.id);
        await appendAudit(tx, candidateAuditRecord(candidate.id), now, [{ actorId: creator.userId, action: 'recorded_as_problem', toValue: problem.number }]);
        drafts.push(...messages.candidateTaken(candidate, await this.incidentsIn(tx, candidate.incidents), problem, creator.userId));
      }
      await enqueueMessages(tx, drafts, now);
      return { problem, created: true };
    });
    return result;
  }

  /** Applies one life-cycle event; the row lock serialises concurrent clicks. */
  async act(number: string, event: ProblemEvent, actor: ProblemActor): Promise<ProblemRecord> {
    return this.actAll(number, [event], actor);
  }

  /** Links incidents to a problem (each checked as its own event), in one transaction. */
  async linkIncidents(number: string, incidentNumbers: readonly string[], actor: RequestActor): Promise<ProblemRecord> {
    for (const incidentNumber of incidentNumbers) await this.incidentFor(incidentNumber, actor);
    return this.actAll(number, incidentNumbers.map((incidentNumber) => ({ type: 'link_incident', incidentNumber })), actor);
  }

  /**
   * Resolves the linked incidents that are on hold (waiting for this problem's fix), each through the
   * incident's own rules, as the clicker: those they may not resolve are reported back, not forced.
   */
  async resolveLinkedIncidents(number: string, actor: RequestActor): Promise<LinkedResolutionOutcome> {
    const problem = await this.show(number, actor);
    if (problem.state !== 'resolved') throw new DomainError('transition_not_allowed', { state: problem.state, event: 'resolve_linked_incidents' });
    const pending = (await this.deps.db.transaction((tx) => this.incidentsIn(tx, problem.linkedIncidents))).filter((incident) => incident.state === 'on_hold');
    const outcome: LinkedResolutionOutcome = { resolved: [], refused: [] };
    const notes = this.deps.messages.linkedResolutionNotes(problem);
    for (const incident of pending) {
      try {
        await this.deps.incidents.act(incident.number, { type: 'resolve', code: 'fixed', notes }, actor);
        outcome.resolved.push(incident.number);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        outcome.refused.push({ number: incident.number, error });
      }
    }
    if (outcome.resolved.length > 0) await this.noteLinkedResolutions(problem, outcome.resolved, actor.userId);
    return outcome;
  }

  /** A problem candidate of the trend analysis, with its incidents, for the form that records it. */
  async candidate(id: number, viewer: RequestActor): Promise<{ candidate: CandidateRecord; incidents: IncidentRecord[] }> {
    assertMayCreateProblem(viewer);
    return this.deps.db.transaction(async (tx) => {
      const candidate = await findCandidate(tx, id);
      if (!candidate) throw new DomainError('not_found', { number: `#${id}` });
      if (candidate.problemId) throw new DomainError('already_done', { event: 'create_problem' });
      return { candidate, incidents: await this.incidentsIn(tx, candidate.incidents) };
    });
  }

  /**
   * An incident as the desk and the problem managers see it when recording a problem or an
   * article from it; security incidents only for the security team.
   */
  async incidentFor(number: string, viewer: RequestActor): Promise<IncidentRecord> {
    if (problemPartiesOf(viewer).size === 0) throw new DomainError('not_allowed', { event: 'show' });
    const incident = await this.deps.incidents.find(number);
    if (!incident) throw new DomainError('not_found', { number });
    if (incident.isSecurity && !hasAnyRole(viewer, SECURITY_DESK_ROLES)) throw new DomainError('not_allowed', { event: 'show' });
    return incident;
  }

  /** One problem, for the desk and the problem managers. */
  async show(number: string, viewer: RequestActor): Promise<ProblemRecord> {
    if (problemPartiesOf(viewer).size === 0) throw new DomainError('not_allowed', { event: 'show' });
    const problem = await this.find(number);
    if (!problem) throw new DomainError('not_found', { number });
    return problem;
  }

  async find(number: string): Promise<ProblemRecord | null> {
    return this.deps.db.transaction((tx) => findProblemByNumber(tx, number));
  }

  /** The record's full history (`/itsm audit PRB-…`). */
  async history(number: string, viewer: RequestActor) {
    const problem = await this.show(number, viewer);
    return { problem, entries: await this.deps.db.transaction((tx) => auditTrail(tx, 'problem', problem.id)) };
  }

  private async actAll(number: string, events: readonly ProblemEvent[], actor: ProblemActor): Promise<ProblemRecord> {
    const after = await this.deps.db.transaction(async (tx) => {
      let current = await lockProblemByNumber(tx, number);
      if (!current) throw new DomainError('not_found', { number });
      for (const event of events) current = await this.applyLocked(tx, current, event, actor);
      return current;
    });
    return after;
  }

  private async applyLocked(tx: Tx, before: ProblemRecord, event: ProblemEvent, actor: ProblemActor): Promise<ProblemRecord> {
    const now = this.deps.clock.now();
    const transition = applyProblemEvent(before, event, actor, now);
    const after = { ...(await updateProblem(tx, before.id, transition.problem)), id: before.id };
    const actorId = actorIdOf(actor);
    await this.record(tx, after, now, auditEntriesFor(event, actorId, transition.changes));
    const newlyLinked = after.linkedIncidents.filter((incident) => !before.linkedIncidents.includes(incident));
    const linked = await this.noteLinks(tx, after, newlyLinked, actorId, now);
    const tellsIncidents = event.type === 'resolve' || event.type === 'record_known_error';
    const openIncidents = tellsIncidents ? (await this.incidentsIn(tx, after.linkedIncidents)).filter((incident) => isOpen(incident.state)) : [];
    const change: ProblemChange = { before, after, event, actorId, changes: transition.changes, linked, openIncidents };
    await enqueueMessages(tx, this.deps.messages.changed(change), now);
    return after;
  }

  /** Each incident linked records the link in its own history too; returns them as their cards now show them. */
  private async noteLinks(tx: Tx, problem: ProblemRecord, numbers: readonly string[], actorId: string, now: Date): Promise<IncidentRecord[]> {
    const incidents = await this.incidentsIn(tx, numbers);
    for (const incident of incidents) {
      await appendAudit(tx, { recordType: 'incident', recordId: incident.id, recordNumber: incident.number }, now, [{ actorId, action: 'problem_linked', toValue: problem.number }]);
    }
    return incidents;
  }

  private async noteLinkedResolutions(problem: ProblemRecord, numbers: readonly string[], actorId: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.db.transaction(async (tx) => {
      await this.record(tx, problem, now, [{ actorId, action: 'linked_incidents_resolved', details: { incidents: [...numbers] } }]);
      await enqueueMessages(tx, this.deps.messages.linkedIncidentsResolved(problem, numbers, actorId), now);
    });
  }

  private async incidentsIn(tx: Tx, numbers: readonly string[]): Promise<IncidentRecord[]> {
    const incidents: IncidentRecord[] = [];
    for (const number of numbers) {
      const incident = await this.deps.incidents.findIn(tx, number);
      if (!incident) throw new DomainError('not_found', { number });
      incidents.push(incident);
    }
    return incidents;
  }

  private record(tx: Tx, problem: ProblemRecord, at: Date, entries: AuditDraft[]): Promise<void> {
    return appendAudit(tx, { recordType: 'problem', recordId: problem.id, recordNumber: problem.number }, at, entries);
  }
}
