// Escalation chains after SLA breaches: started once per breach, each step run once (row lock),
// stopped by Acknowledge, put off by Snooze.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit } from '../db/repositories/audit.js';
import { createEscalation, findDueEscalations, lockEscalation, saveEscalation, type EscalationRecord } from '../db/repositories/escalations.js';
import { findIncidentById, type IncidentRecord } from '../db/repositories/incidents.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { toJsonColumn } from '../db/sql.js';
import { DomainError } from '../domain/errors.js';
import { acknowledgeEscalation, runStep, snoozeEscalation, startEscalation, type EscalationStep } from '../domain/escalation.js';
import { incidentDeskRoles, isOpen } from '../domain/incident.js';
import { hasAnyRole } from '../domain/roles.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { Settings } from '../settings/schema.js';
import type { RequestActor } from './context.js';

export interface EscalationPing {
  incident: IncidentRecord;
  escalationId: number;
  step: EscalationStep;
  round: number;
  /** Pinged directly, with Acknowledge and Snooze. */
  userIds: string[];
  /** Mentioned in the ticket's thread. */
  usergroups: string[];
}

export interface EscalationMessages {
  ping(ping: EscalationPing): OutboxDraft[];
  acknowledged(incident: IncidentRecord, actorId: string): OutboxDraft[];
  snoozed(incident: IncidentRecord, actorId: string, until: Date): OutboxDraft[];
}

export interface EscalationServiceDeps {
  db: Database;
  clock: Clock;
  settings: () => Settings;
  messages: EscalationMessages;
  /** Who is on call for a team at a moment (overrides included); undefined when it has no rotation. */
  onCallUserAt: (tx: Tx, team: string, at: Date) => Promise<string | undefined>;
}

const SWEEP_BATCH = 100;

export class EscalationService {
  constructor(private readonly deps: EscalationServiceDeps) {}

  /** Starts the chain for a breach (inside the transaction that sends the breach alert). */
  async start(tx: Tx, incident: IncidentRecord, trigger: string, now: Date): Promise<void> {
    await createEscalation(tx, incident.id, trigger, startEscalation(this.deps.settings().escalation, now), now);
  }

  /** Runs every escalation step due by `now`, each once. */
  async runDue(now: Date): Promise<number> {
    const { db } = this.deps;
    const due = await db.transaction((tx) => findDueEscalations(tx, now, SWEEP_BATCH));
    let ran = 0;
    for (const id of due) {
      ran += await db.transaction(async (tx) => {
        const escalation = await lockEscalation(tx, id);
        if (!escalation || escalation.state !== 'running' || !escalation.nextStepAt || escalation.nextStepAt > now) return 0;
        return this.runLocked(tx, escalation, now);
      });
    }
    return ran;
  }

  async acknowledge(id: number, actor: RequestActor): Promise<void> {
    await this.decide(id, actor, async (tx, escalation, incident, now) => {
      await saveEscalation(tx, id, acknowledgeEscalation(escalation), { userId: actor.userId, at: now });
      await this.audit(tx, incident, actor.userId, 'escalation_acknowledged', { escalation: id }, now);
      return this.deps.messages.acknowledged(incident, actor.userId);
    });
  }

  async snooze(id: number, actor: RequestActor): Promise<void> {
    await this.decide(id, actor, async (tx, escalation, incident, now) => {
      const snoozed = snoozeEscalation(escalation, now);
      await saveEscalation(tx, id, snoozed);
      await this.audit(tx, incident, actor.userId, 'escalation_snoozed', { escalation: id, until: snoozed.nextStepAt?.toISOString() ?? null }, now);
      return this.deps.messages.snoozed(incident, actor.userId, snoozed.nextStepAt ?? now);
    });
  }

  private async decide(
    id: number,
    actor: RequestActor,
    apply: (tx: Tx, escalation: EscalationRecord, incident: IncidentRecord, now: Date) => Promise<OutboxDraft[]>,
  ): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const escalation = await lockEscalation(tx, id);
      const incident = escalation ? await findIncidentById(tx, escalation.incidentId) : null;
      if (!escalation || !incident) throw new DomainError('not_found', { number: String(id) });
      if (!hasAnyRole(actor, incidentDeskRoles(incident))) throw new DomainError('not_allowed', { event: 'escalation' });
      const now = this.deps.clock.now();
      await enqueueMessages(tx, await apply(tx, escalation, incident, now), now);
    });
  }

  private async runLocked(tx: Tx, escalation: EscalationRecord, now: Date): Promise<number> {
    const incident = await findIncidentById(tx, escalation.incidentId);
    if (!incident || !isOpen(incident.state)) {
      await saveEscalation(tx, escalation.id, { ...escalation, state: 'finished', nextStepAt: null });
      return 0;
    }
    const { step, run } = runStep(escalation, now);
    const { users, usergroups } = await this.peopleFor(tx, step, incident, now);
    await saveEscalation(tx, escalation.id, run);
    await this.audit(tx, incident, 'system', 'escalation_step', { escalation: escalation.id, notify: step.notify, round: escalation.round + 1, users, usergroups }, now);
    await enqueueMessages(tx, this.deps.messages.ping({ incident, escalationId: escalation.id, step, round: escalation.round, userIds: users, usergroups }), now);
    return 1;
  }

  /**
   * The on-call engineer of the line holding the ticket (else that line's people), or the incident
   * managers; for a security incident, the security team, who alone may see it.
   */
  private async peopleFor(tx: Tx, step: EscalationStep, incident: IncidentRecord, now: Date): Promise<{ users: string[]; usergroups: string[] }> {
    const settings = this.deps.settings();
    const members = (role: keyof Settings['roles']) => ({ users: settings.roles[role]?.users ?? [], usergroups: settings.roles[role]?.usergroups ?? [] });
    if (incident.isSecurity) return members('security');
    if (step.notify === 'incident_manager') return members('incident_manager');
    const onCall = await this.deps.onCallUserAt(tx, incident.tier, now);
    if (onCall) return { users: [onCall], usergroups: [] };
    return members(incident.tier);
  }

  private audit(tx: Tx, incident: IncidentRecord, actorId: string, action: string, details: Record<string, unknown>, now: Date) {
    return appendAudit(tx, { recordType: 'incident', recordId: incident.id, recordNumber: incident.number }, now, [{ actorId, action, details: toJsonColumn(details) }]);
  }
}
