// Service request use cases: submit (approval policy copied at submission), approval decisions,
// fulfilment (take, fulfil, cancel). Each runs load → domain rule → save + audit + outbox in one
// transaction, under a row lock; a retried submission records one request.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit, auditTrail, type AuditDraft } from '../db/repositories/audit.js';
import { nextSequenceValue } from '../db/repositories/counters.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { findRequestByNumber, findRequestByRequestKey, findRequestsAwaitingApproval, insertRequest, lockRequestByNumber, updateRequest, type RequestRecord } from '../db/repositories/requests.js';
import { lockKey } from '../db/sql.js';
import { startTally, tallySummary, type ApprovalDecisionKind, type ApprovalOutcome } from '../domain/approval.js';
import { snapshotOf, validateAnswers, type RawAnswers } from '../domain/catalogue.js';
import { DomainError } from '../domain/errors.js';
import { SYSTEM_ACTOR } from '../domain/incident.js';
import { formatRecordNumber } from '../domain/numbering.js';
import { applyRequestEvent, decideOnRequest, fulfilmentRoles, newRequestState, requestApprovalPolicy, type RequestActor as DomainActor, type RequestEvent } from '../domain/request.js';
import { hasAnyRole } from '../domain/roles.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { Settings } from '../settings/schema.js';
import { awaitedApprovers, awaitsDecisionOf } from './approvers.js';
import type { CatalogueService } from './catalogue.js';
import type { RequestActor } from './context.js';
import type { HomeRefresh } from './home.js';
import { auditEntriesFor } from './audit-entries.js';
import type { RequestSlaTracker } from './request-sla.js';
import type { StaffDirectory } from './staff-directory.js';

export interface SubmitRequestInput {
  itemId: string;
  answers: RawAnswers;
  /** Identifies the Slack interaction, so a retry records one request. */
  requestKey: string;
}

export interface RequestDecisionInput {
  decision: ApprovalDecisionKind;
  reason?: string;
  comment?: string;
}

export interface RequestTransitionNotice {
  before: RequestRecord;
  after: RequestRecord;
  event: RequestEvent;
  actorId: string;
}

export interface RequestApprovalNotice {
  request: RequestRecord;
  /** The approvers to send the approval card to now (those of a stage that just opened). */
  notify: readonly string[];
  usergroups: readonly string[];
}

export interface RequestDecisionNotice {
  approverId: string;
  decision: ApprovalDecisionKind;
  outcome: ApprovalOutcome;
  note: string | null;
  usergroups: readonly string[];
}

/** What each step says in Slack, rendered by src/slack/request/messages.ts. */
export interface RequestMessages {
  submitted(request: RequestRecord): OutboxDraft[];
  approvalRequested(notice: RequestApprovalNotice): OutboxDraft[];
  approvalDecided(request: RequestRecord, notice: RequestDecisionNotice): OutboxDraft[];
  changed(notice: RequestTransitionNotice): OutboxDraft[];
}

export interface RequestServiceDeps {
  db: Database;
  clock: Clock;
  settings: () => Settings;
  catalogue: CatalogueService;
  staff: StaffDirectory;
  sla: RequestSlaTracker;
  messages: RequestMessages;
  /** The approvers' App Homes list the requests waiting for them, so they are published again when that changes. */
  homes: HomeRefresh;
}

export class RequestService {
  constructor(private readonly deps: RequestServiceDeps) {}

  async submit(input: SubmitRequestInput, requester: RequestActor): Promise<RequestRecord> {
    const catalogue = await this.deps.catalogue.current();
    const item = catalogue.items.find((candidate) => candidate.id === input.itemId);
    if (!item) throw new DomainError('not_found', { number: input.itemId });
    const answers = validateAnswers(item.fields, input.answers);
    if (!answers.ok) throw new DomainError('invalid_input', { field: Object.keys(answers.problems)[0] ?? 'answers' });
    const request = await this.deps.db.transaction(async (tx) => {
      await lockKey(tx, input.requestKey);
      const existing = await findRequestByRequestKey(tx, input.requestKey);
      if (existing) return existing;
      const approver = item.approval.departmentHead ? await this.deps.staff.departmentApprover(tx, requester.userId) : null;
      const policy = requestApprovalPolicy(item.approval, approver);
      const now = this.deps.clock.now();
      const number = formatRecordNumber('REQ', await nextSequenceValue(tx, 'REQ'));
      const state = newRequestState({ number, requesterId: requester.userId, fulfilment: item.fulfilment }, now);
      const inserted = await insertRequest(tx, { request: state, item: snapshotOf(catalogue, item), answers: answers.answers, requesterLocale: requester.locale, approval: policy ? startTally(policy) : null, requestKey: input.requestKey });
      await this.record(tx, inserted, now, [{ actorId: requester.userId, action: 'created', details: { item: item.id, answers: answers.answers } }]);
      await enqueueMessages(tx, this.deps.messages.submitted(inserted), now);
      // An item that needs no approval goes straight to fulfilment.
      return policy ? this.requestApprovals(tx, inserted) : this.applyLocked(tx, inserted, { type: 'approve' }, SYSTEM_ACTOR);
    });
    return request;
  }

  /** An approver's decision: counted once, final; the request moves on when the tally settles. */
  async decide(number: string, input: RequestDecisionInput, approver: RequestActor): Promise<RequestRecord> {
    const after = await this.deps.db.transaction(async (tx) => {
      const request = await this.lock(tx, number);
      if (!request.approval || request.state !== 'awaiting_approval') {
        throw request.approval ? new DomainError('approval_settled', { outcome: tallySummary(request.approval).outcome }) : new DomainError('transition_not_allowed', { state: request.state, event: 'decide' });
      }
      const now = this.deps.clock.now();
      const result = decideOnRequest(request.approval, request, { approverId: approver.userId, approverRoles: approver.roles, ...input }, now);
      const decided = await updateRequest(tx, request.id, request, { approval: result.tally });
      const note = (input.decision === 'reject' ? input.reason : input.comment)?.trim() || null;
      await this.record(tx, decided, now, [{ actorId: approver.userId, action: `approval_${input.decision}`, details: { outcome: result.outcome, note } }]);
      const { usergroups } = this.awaitedApprovers(decided);
      await this.deps.homes.request(tx, decided.approvalRecipients, now);
      await enqueueMessages(tx, this.deps.messages.approvalDecided(decided, { approverId: approver.userId, decision: input.decision, outcome: result.outcome, note, usergroups }), now);
      if (result.outcome === 'rejected') return this.applyLocked(tx, decided, { type: 'reject', reason: input.reason ?? '', byId: approver.userId }, SYSTEM_ACTOR);
      if (result.outcome === 'approved') return this.applyLocked(tx, decided, { type: 'approve' }, SYSTEM_ACTOR);
      return this.requestApprovals(tx, decided);
    });
    return after;
  }

  /** Take, fulfil or cancel, under the row lock; a second click gets a clear refusal. */
  async act(number: string, event: RequestEvent, actor: RequestActor): Promise<RequestRecord> {
    const after = await this.deps.db.transaction(async (tx) => this.applyLocked(tx, await this.lock(tx, number), event, actor));
    return after;
  }

  private async applyLocked(tx: Tx, before: RequestRecord, event: RequestEvent, actor: DomainActor): Promise<RequestRecord> {
    const now = this.deps.clock.now();
    const transition = applyRequestEvent(before, event, actor, now);
    const moved = { ...before, ...transition.request };
    const after = await updateRequest(tx, before.id, transition.request, { sla: this.deps.sla.slaOf(moved, now) });
    const actorId = actor === SYSTEM_ACTOR ? SYSTEM_ACTOR : actor.userId;
    await this.record(tx, after, now, auditEntriesFor(event, actorId, transition.changes));
    await enqueueMessages(tx, this.deps.messages.changed({ before, after, event, actorId }), now);
    return after;
  }

  /** Sends the approval card to the approvers of the open stage who have not had it yet. */
  private async requestApprovals(tx: Tx, request: RequestRecord): Promise<RequestRecord> {
    const { users, usergroups } = this.awaitedApprovers(request);
    const fresh = users.filter((userId) => !request.approvalRecipients.includes(userId));
    if (fresh.length === 0) return request;
    const updated = await updateRequest(tx, request.id, request, { approvalRecipients: [...request.approvalRecipients, ...fresh] });
    const now = this.deps.clock.now();
    await enqueueMessages(tx, this.deps.messages.approvalRequested({ request: updated, notify: fresh, usergroups }), now);
    await this.deps.homes.request(tx, fresh, now);
    return updated;
  }

  /** The requests whose open approval stage awaits this person (the App Home lists them). */
  async awaitingDecisionOf(actor: RequestActor): Promise<RequestRecord[]> {
    const requests = await this.deps.db.transaction((tx) => findRequestsAwaitingApproval(tx));
    return requests.filter((request) => awaitsDecisionOf(request.approval, [request.requesterId], actor));
  }

  awaitedApprovers(request: RequestRecord): { users: string[]; usergroups: string[] } {
    return awaitedApprovers(request.approval, this.deps.settings().roles, [request.requesterId]);
  }

  /** A request whatever the viewer (for checks that refuse on their own, such as a decision). */
  async find(number: string): Promise<RequestRecord> {
    const request = await this.deps.db.transaction((tx) => findRequestByNumber(tx, number));
    if (!request) throw new DomainError('not_found', { number });
    return request;
  }

  /** A request, for its requester, its approvers, its fulfilment group and admins. */
  async show(number: string, actor: RequestActor): Promise<RequestRecord> {
    const request = await this.find(number);
    if (!mayView(request, actor)) throw new DomainError('not_found', { number });
    return request;
  }

  async history(number: string, actor: RequestActor) {
    const request = await this.show(number, actor);
    return { request, entries: await this.deps.db.transaction((tx) => auditTrail(tx, 'request', request.id)) };
  }

  private async lock(tx: Tx, number: string): Promise<RequestRecord> {
    const request = await lockRequestByNumber(tx, number);
    if (!request) throw new DomainError('not_found', { number });
    return request;
  }

  private record(tx: Tx, request: RequestRecord, at: Date, entries: AuditDraft[]): Promise<void> {
    return appendAudit(tx, { recordType: 'request', recordId: request.id, recordNumber: request.number }, at, entries);
  }
}

function mayView(request: RequestRecord, actor: RequestActor): boolean {
  return actor.userId === request.requesterId || request.approvalRecipients.includes(actor.userId) || hasAnyRole(actor, fulfilmentRoles(request.fulfilment));
}
