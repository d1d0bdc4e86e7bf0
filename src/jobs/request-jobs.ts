import type { MaintenanceService } from '../services/maintenance.js';
import type { RequestSlaTracker } from '../services/request-sla.js';
import { periodicJob, type Job } from './scheduler.js';

/** Send the service requests' SLA warnings and breach alerts that have fallen due. */
export const requestSlaJob = (sla: RequestSlaTracker): Job => periodicJob('requests.sla', 1, (now) => sla.sendDueAlerts(now));

/** Remind owners of maintenance now due; escalate overdue maintenance to their team lead. */
export const maintenanceReminderJob = (maintenance: MaintenanceService): Job => periodicJob('maintenance.reminders', 5, (now) => maintenance.run(now));
