import type { EscalationService } from '../services/escalations.js';
import type { IncidentService } from '../services/incidents.js';
import type { SlaTracker } from '../services/sla.js';
import { periodicJob, type Job } from './scheduler.js';

/** Close resolved incidents whose reporter never answered "Is it fixed?". */
export const autoCloseJob = (incidents: IncidentService): Job =>
  periodicJob('incidents.auto_close', 15, (now) => incidents.closeUnconfirmed(now));

/** Remind major-incident leads whose stakeholders are waiting for an update. */
export const majorIncidentReminderJob = (incidents: IncidentService): Job =>
  periodicJob('incidents.major_reminders', 5, (now) => incidents.remindMajorLeads(now));

/** Send the SLA warnings and breach alerts that have fallen due. */
export const slaAlertJob = (sla: SlaTracker): Job => periodicJob('sla.alerts', 1, (now) => sla.sendDueAlerts(now));

/** Run the escalation steps that have fallen due. */
export const escalationJob = (escalations: EscalationService): Job =>
  periodicJob('sla.escalations', 1, (now) => escalations.runDue(now));
