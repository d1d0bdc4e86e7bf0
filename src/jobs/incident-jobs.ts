import type { IncidentService } from '../services/incidents.js';
import type { EscalationService } from '../services/escalations.js';
import type { SlaTracker } from '../services/sla.js';
import { everyMinutesSlot, type Job } from './scheduler.js';

/** Every 15 minutes: close resolved incidents whose reporter never answered "Is it fixed?". */
export function autoCloseJob(incidents: IncidentService): Job {
  return {
    name: 'incidents.auto_close',
    schedule: '*/15 * * * *',
    slotOf: everyMinutesSlot(15),
    run: async (now) => {
      await incidents.closeUnconfirmed(now);
    },
  };
}

/** Every 5 minutes: remind major-incident leads whose stakeholders are waiting for an update. */
export function majorIncidentReminderJob(incidents: IncidentService): Job {
  return {
    name: 'incidents.major_reminders',
    schedule: '*/5 * * * *',
    slotOf: everyMinutesSlot(5),
    run: async (now) => {
      await incidents.remindMajorLeads(now);
    },
  };
}

/** Every minute: send the SLA warnings and breach alerts that have fallen due. */
export function slaAlertJob(sla: SlaTracker): Job {
  return {
    name: 'sla.alerts',
    schedule: '* * * * *',
    slotOf: everyMinutesSlot(1),
    run: async (now) => {
      await sla.sendDueAlerts(now);
    },
  };
}

/** Every minute: run the escalation steps that have fallen due. */
export function escalationJob(escalations: EscalationService): Job {
  return {
    name: 'sla.escalations',
    schedule: '* * * * *',
    slotOf: everyMinutesSlot(1),
    run: async (now) => {
      await escalations.runDue(now);
    },
  };
}
