import type { IncidentService } from '../services/incidents.js';
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
