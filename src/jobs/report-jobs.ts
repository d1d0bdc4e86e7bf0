// The daily digest and the weekly and monthly service reports. Each ticks every 5 minutes; its
// slot is the period due then (null when none is: nothing is claimed), so every period is sent
// once across instances, overlapping ticks and restarts.
import { dueDigest, dueMonthly, dueWeekly, type DueRun, type ReportSchedule } from '../domain/reports/schedule.js';
import type { ReportService } from '../services/reports.js';
import type { Job } from './scheduler.js';

function reportJob(name: string, reports: ReportService, due: (schedule: ReportSchedule, now: Date) => DueRun | null, send: (now: Date) => Promise<unknown>): Job {
  return {
    name,
    schedule: '*/5 * * * *',
    slotOf: (now) => due(reports.schedule(), now)?.slot ?? null,
    run: async (now) => {
      await send(now);
    },
  };
}

export const dailyDigestJob = (reports: ReportService): Job => reportJob('reports.daily_digest', reports, dueDigest, (now) => reports.sendDigest(now));

export const weeklyReportJob = (reports: ReportService): Job => reportJob('reports.weekly', reports, dueWeekly, (now) => reports.sendScheduled('week', now));

export const monthlyReportJob = (reports: ReportService): Job => reportJob('reports.monthly', reports, dueMonthly, (now) => reports.sendScheduled('month', now));
