// SLA tracking: keeps each incident's due times and next alert up to date, and sends the warnings
// and breach alerts when they fall due, each once.
import pLimit from 'p-limit';
import type { Database, Tx } from '../db/database.js';
import { lockIncidentByNumber, type IncidentRecord, type IncidentSlaState } from '../db/repositories/incidents.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { findDueSlaAlerts, pausesOf, saveSla, type PauseRecord, type SlaSnapshot } from '../db/repositories/sla.js';
import {
  BREACH_FRACTION,
  dueAlerts,
  nextSlaAlert,
  policyFor,
  slaAlertKey,
  slaStatus,
  type SlaAlert,
  type SlaClockInput,
  type SlaPause,
  type SlaPolicy,
  type SlaStatus,
  type SlaTargetKind,
  type TargetStatus,
} from '../domain/sla.js';
import type { OutboxDraft } from '../outbox/messages.js';
import { businessCalendarAt } from '../settings/calendar.js';
import type { Settings } from '../settings/schema.js';


/** What an incident's clock depends on. */
export type SlaSubject = Pick<IncidentRecord, 'openedAt' | 'firstResponseAt' | 'resolvedAt' | 'priority' | 'categoryPath' | 'affectedService' | 'state'>;

export interface SlaAlertNotice {
  kind: SlaTargetKind;
  fraction: number;
  target: TargetStatus;
}

export interface SlaExplanation {
  incident: IncidentRecord;
  policy: SlaPolicy;
  status: SlaStatus;
  pauses: PauseRecord[];
  next: SlaAlert | null;
}

export interface SlaMessages {
  alert(incident: IncidentRecord, notice: SlaAlertNotice): OutboxDraft[];
}

export interface SlaTrackerDeps {
  db: Database;
  /** Starts the escalation chain of a breach, in the transaction that sends the breach alert. */
  onBreach: (tx: Tx, incident: IncidentRecord, trigger: string, now: Date) => Promise<void>;
  settings: () => Settings;
  messages: SlaMessages;
}

const SWEEP_BATCH = 100;
const SWEEP_LANES = 4;

export class SlaTracker {
  constructor(private readonly deps: SlaTrackerDeps) {}

  async clockInput(tx: Tx, incident: IncidentRecord, now: Date): Promise<SlaClockInput> {
    return this.clockInputWith(incident, now, await pausesOf(tx, incident.id));
  }

  async statusOf(tx: Tx, incident: IncidentRecord, now: Date): Promise<{ input: SlaClockInput; status: SlaStatus }> {
    const input = await this.clockInput(tx, incident, now);
    return { input, status: slaStatus(input) };
  }

  /** Everything `/sla` explains about one incident's clock, as of now. */
  async explain(incident: IncidentRecord, now: Date): Promise<SlaExplanation> {
    return this.deps.db.transaction(async (tx) => {
      const input = await this.clockInput(tx, incident, now);
      const next = nextSlaAlert(input, this.deps.settings().sla.warningThresholds, new Set(incident.sla.alertsSent));
      return { incident, policy: input.policy, status: slaStatus(input), pauses: await pausesOf(tx, incident.id), next: incident.state === 'closed' ? null : next };
    });
  }

  /** The clock of a ticket being opened: it has no pauses and no alerts sent yet, so nothing is read. */
  opening(incident: SlaSubject, now: Date): SlaSnapshot {
    return this.snapshotOf(incident, this.clockInputWith(incident, now, []), []);
  }

  /** Recomputes and stores the due times and the next alert; called after every change of the ticket. */
  async refresh(tx: Tx, incident: IncidentRecord, now: Date, sent: readonly string[] = incident.sla.alertsSent): Promise<IncidentSlaState> {
    const input = await this.clockInput(tx, incident, now);
    // New targets (a priority change) warn afresh: what was sent was about the old ones.
    const snapshot = this.snapshotOf(incident, input, incident.sla.policyId && incident.sla.policyId !== input.policy.id ? [] : sent);
    await saveSla(tx, incident.id, snapshot);
    return { policyId: snapshot.policyId, responseDueAt: snapshot.responseDueAt, resolutionDueAt: snapshot.resolutionDueAt, alertsSent: snapshot.alertsSent };
  }

  private clockInputWith(incident: SlaSubject, now: Date, pauses: readonly SlaPause[]): SlaClockInput {
    const settings = this.deps.settings();
    return {
      openedAt: incident.openedAt,
      now,
      pauses,
      respondedAt: incident.firstResponseAt,
      resolvedAt: incident.resolvedAt,
      policy: policyFor(settings.sla.policies, { priority: incident.priority, categoryPath: incident.categoryPath, service: incident.affectedService }),
      calendar: businessCalendarAt(settings.calendar, now),
    };
  }

  private snapshotOf(incident: SlaSubject, input: SlaClockInput, alertsSent: readonly string[]): Required<SlaSnapshot> {
    const status = slaStatus(input);
    const next = incident.state === 'closed' ? null : nextSlaAlert(input, this.deps.settings().sla.warningThresholds, new Set(alertsSent));
    return { policyId: input.policy.id, responseDueAt: status.response.dueAt, resolutionDueAt: status.resolution.dueAt, nextSlaAlertAt: next?.at ?? null, alertsSent: [...alertsSent] };
  }

  /**
   * Sends the alerts due by `now`. Each ticket is locked while its alerts are claimed, so two
   * sweeps (or instances) send each alert once; thresholds crossed while the bot was down collapse
   * into one alert, the highest.
   */
  async sendDueAlerts(now: Date): Promise<number> {
    const { db } = this.deps;
    const due = await db.transaction((tx) => findDueSlaAlerts(tx, now, SWEEP_BATCH));
    // Each ticket in its own transaction, a few side by side: tickets do not depend on each other,
    // and the rest of the connections stay free for people's clicks.
    const lane = pLimit(SWEEP_LANES);
    const counts = await Promise.all(
      due.map((number) =>
        lane(() =>
          db.transaction(async (tx) => {
            const incident = await lockIncidentByNumber(tx, number);
            return incident ? this.alertLocked(tx, incident, now) : 0;
          }),
        ),
      ),
    );
    const sent = counts.reduce((total, count) => total + count, 0);
    return sent;
  }

  private async alertLocked(tx: Tx, incident: IncidentRecord, now: Date): Promise<number> {
    const { status } = await this.statusOf(tx, incident, now);
    const alreadySent = new Set(incident.sla.alertsSent);
    const notices = dueAlerts(status, this.deps.settings().sla.warningThresholds, alreadySent);
    const drafts = notices.flatMap((notice) => this.deps.messages.alert(incident, notice));
    await enqueueMessages(tx, drafts, now);
    for (const notice of notices.filter((candidate) => candidate.fraction >= BREACH_FRACTION)) {
      await this.deps.onBreach(tx, incident, slaAlertKey(notice.kind, BREACH_FRACTION), now);
    }
    await this.refresh(tx, incident, now, [...alreadySent, ...notices.flatMap((notice) => notice.claimed)]);
    return notices.length;
  }
}
