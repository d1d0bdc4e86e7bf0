import type { ChangeReminders } from '../services/change-reminders.js';
import { periodicJob, type Job } from './scheduler.js';

/** Remind approvers and implementers, tell change managers of stuck votes, flag late starts. */
export const changeReminderJob = (reminders: ChangeReminders): Job => periodicJob('changes.reminders', 5, (now) => reminders.run(now));
