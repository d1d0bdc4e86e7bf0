import type { OnCallService } from '../services/oncall.js';
import { everyMinutesSlot, type Job } from './scheduler.js';

const WINDOW_MINUTES = 5;

/** Every 5 minutes: announce the handoffs of the window that just ended (each window once). */
export function handoffAnnouncementJob(oncall: OnCallService): Job {
  const slotOf = everyMinutesSlot(WINDOW_MINUTES);
  return {
    name: 'oncall.handoffs',
    schedule: `*/${WINDOW_MINUTES} * * * *`,
    slotOf,
    run: async (now) => {
      const windowEnd = new Date(`${slotOf(now)}:00.000Z`);
      await oncall.announceHandoffs(new Date(windowEnd.getTime() - WINDOW_MINUTES * 60_000), windowEnd);
    },
  };
}
