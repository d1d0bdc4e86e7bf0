// SLA clocks of service requests, apart from the incidents' tracker (which is tied to incident
// priorities, pauses and escalation chains) but on the same pure rules (src/domain/sla.ts): the
// clocks start at approval, the response target stops at Take (or Fulfil), the resolution target
// at Fulfil; both stop when the request is cancelled. Warnings and the breach alert go out once each.
import type { Database, Tx } from '../db/database.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { findDueRequestAlerts, lockRequestByNumber, updateRequest, type RequestRecord, type RequestSlaState } from '../db/repositories/requests.js';
import { dueAlerts, nextSlaAlert, slaStatus, type DueAlert, type SlaClockInput, type SlaTargets } from '../domain/sla.js';
import type { OutboxDraft } from '../outbox/messages.js';
import { businessCalendarAt } from '../settings/calendar.js';
import type { Settings } from '../settings/schema.js';


export interface RequestSlaMessages {
  slaAlert(request: RequestRecord, alert: DueAlert): OutboxDraft[];
}

const SWEEP_BATCH = 100;

export class RequestSlaTracker {
  constructor(private readonly deps: { db: Database; settings: () => Settings; messages: RequestSlaMessages }) {}

  private clockInput(request: RequestRecord, now: Date): SlaClockInput<SlaTargets> | null {
    if (!request.approvedAt) return null;
    const stoppedAt = request.cancellation?.at ?? null;
    return {
      openedAt: request.approvedAt,
      now,
      pauses: [],
      respondedAt: request.takenAt ?? stoppedAt,
      resolvedAt: request.fulfilledAt ?? stoppedAt,
      policy: request.item.sla,
      calendar: businessCalendarAt(this.deps.settings().calendar, now),
    };
  }

  /** Due times and the next alert as the request stands now; after every change of the request. */
  slaOf(request: RequestRecord, now: Date, sent: readonly string[] = request.sla.alertsSent): RequestSlaState {
    const input = this.clockInput(request, now);
    if (!input) return { responseDueAt: null, resolutionDueAt: null, nextSlaAlertAt: null, alertsSent: [...sent] };
    const status = slaStatus(input);
    const next = nextSlaAlert(input, this.deps.settings().sla.warningThresholds, new Set(sent));
    return { responseDueAt: status.response.dueAt, resolutionDueAt: status.resolution.dueAt, nextSlaAlertAt: next?.at ?? null, alertsSent: [...sent] };
  }

  /** Sends the alerts due by `now`, each request locked while its alerts are claimed. */
  async sendDueAlerts(now: Date): Promise<number> {
    const due = await this.deps.db.transaction((tx) => findDueRequestAlerts(tx, now, SWEEP_BATCH));
    let sent = 0;
    for (const number of due) {
      sent += await this.deps.db.transaction(async (tx) => {
        const request = await lockRequestByNumber(tx, number);
        return request ? this.alertLocked(tx, request, now) : 0;
      });
    }
    return sent;
  }

  private async alertLocked(tx: Tx, request: RequestRecord, now: Date): Promise<number> {
    const input = this.clockInput(request, now);
    if (!input) return 0;
    const alerts = dueAlerts(slaStatus(input), this.deps.settings().sla.warningThresholds, new Set(request.sla.alertsSent));
    await enqueueMessages(tx, alerts.flatMap((alert) => this.deps.messages.slaAlert(request, alert)), now);
    const sent = [...request.sla.alertsSent, ...alerts.flatMap((alert) => alert.claimed)];
    await updateRequest(tx, request.id, request, { sla: this.slaOf(request, now, sent) });
    return alerts.length;
  }
}
