// Release use cases: plan a release of changes, deploy it (its notes go out), accept or roll it back.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit, auditTrail, type AuditDraft } from '../db/repositories/audit.js';
import { findChangeByNumber } from '../db/repositories/changes.js';
import { nextSequenceValue } from '../db/repositories/counters.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { findReleaseByNumber, findReleaseByRequestKey, insertRelease, lockReleaseByNumber, updateRelease, type ReleaseRecord } from '../db/repositories/releases.js';
import { lockKey, toJsonColumn } from '../db/sql.js';
import type { ChangeState } from '../domain/change.js';
import { DomainError } from '../domain/errors.js';
import { formatRecordNumber } from '../domain/numbering.js';
import { applyReleaseEvent, createRelease, type ReleaseEvent } from '../domain/release.js';
import { hasAnyRole } from '../domain/roles.js';
import type { OutboxDraft } from '../outbox/messages.js';
import { auditEntriesFor } from './audit-entries.js';
import type { RequestActor } from './context.js';

export interface PlanReleaseInput {
  name: string;
  changeNumbers: string[];
  plannedFor: Date;
  backoutPlan: string;
  acceptanceCriteria: string;
  notes: string;
  requestKey: string;
}

export interface ReleaseMessages {
  planned(release: ReleaseRecord, changeStates: ReadonlyMap<string, ChangeState>): OutboxDraft[];
  changed(before: ReleaseRecord, after: ReleaseRecord, event: ReleaseEvent, actorId: string, changeStates: ReadonlyMap<string, ChangeState>): OutboxDraft[];
}

export interface ReleaseServiceDeps {
  db: Database;
  clock: Clock;
  messages: ReleaseMessages;
}

export class ReleaseService {
  constructor(private readonly deps: ReleaseServiceDeps) {}

  /** Plans a release of existing changes; only change managers (and admins) run releases. */
  async plan(input: PlanReleaseInput, actor: RequestActor): Promise<ReleaseRecord> {
    if (!hasAnyRole(actor, ['change_manager', 'admin'])) throw new DomainError('not_allowed', { event: 'plan_release' });
    const release = await this.deps.db.transaction(async (tx) => {
      await lockKey(tx, input.requestKey);
      const existing = await findReleaseByRequestKey(tx, input.requestKey);
      if (existing) return existing;
      const states = await changeStatesOf(tx, input.changeNumbers);
      const missing = input.changeNumbers.filter((number) => !states.has(number));
      if (missing.length > 0) throw new DomainError('not_found', { number: missing.join(', ') });
      const now = this.deps.clock.now();
      const number = formatRecordNumber('REL', await nextSequenceValue(tx, 'REL'));
      const { requestKey, ...fields } = input;
      const inserted = await insertRelease(tx, createRelease({ ...fields, number, creatorId: actor.userId }, now), requestKey);
      await this.record(tx, inserted, now, [{ actorId: actor.userId, action: 'created', details: toJsonColumn({ changes: input.changeNumbers, plannedFor: input.plannedFor }) }]);
      await enqueueMessages(tx, this.deps.messages.planned(inserted, states), now);
      return inserted;
    });
    return release;
  }

  async act(number: string, event: ReleaseEvent, actor: RequestActor): Promise<ReleaseRecord> {
    const after = await this.deps.db.transaction(async (tx) => {
      const before = await lockReleaseByNumber(tx, number);
      if (!before) throw new DomainError('not_found', { number });
      const now = this.deps.clock.now();
      const states = await changeStatesOf(tx, before.changeNumbers);
      const transition = applyReleaseEvent(before, event, actor, now, states);
      const updated = await updateRelease(tx, before.id, transition.release);
      await this.record(tx, updated, now, auditEntriesFor(event, actor.userId, transition.changes));
      await enqueueMessages(tx, this.deps.messages.changed(before, updated, event, actor.userId, states), now);
      return updated;
    });
    return after;
  }

  async show(number: string): Promise<ReleaseRecord> {
    const release = await this.deps.db.transaction((tx) => findReleaseByNumber(tx, number));
    if (!release) throw new DomainError('not_found', { number });
    return release;
  }

  /** The release's audit trail, oldest first; releases are public, as changes are. */
  async history(number: string) {
    const release = await this.show(number);
    return { release, entries: await this.deps.db.transaction((tx) => auditTrail(tx, 'release', release.id)) };
  }

  private record(tx: Tx, release: ReleaseRecord, at: Date, entries: AuditDraft[]): Promise<void> {
    return appendAudit(tx, { recordType: 'release', recordId: release.id, recordNumber: release.number }, at, entries);
  }
}

async function changeStatesOf(tx: Tx, numbers: readonly string[]): Promise<Map<string, ChangeState>> {
  const states = new Map<string, ChangeState>();
  for (const number of numbers) {
    const change = await findChangeByNumber(tx, number);
    if (change) states.set(change.number, change.state);
  }
  return states;
}
