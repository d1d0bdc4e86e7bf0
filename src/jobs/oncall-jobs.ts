import type { OnCallService } from '../services/oncall.js';
import { everyMinutesSlot, periodicJob, type Job } from './scheduler.js';

const WINDOW_MINUTES = 5;

/** Announce the handoffs of the window that just ended (each window once). */
export function handoffAnnouncementJob(oncall: OnCallService): Job {
  const slotOf = everyMinutesSlot(WINDOW_MINUTES);
  return periodicJob('oncall.handoffs', WINDOW_MINUTES, (now) => {
    const windowEnd = new Date(`${slotOf(now)}:00.000Z`);
    return oncall.announceHandoffs(new Date(windowEnd.getTime() - WINDOW_MINUTES * 60_000), windowEnd);
  });
}
