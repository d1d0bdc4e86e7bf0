// Jobs due in the same minute tick at different seconds of it, so that their queries do not all
// meet the requests of the minute's first second.
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { staggered, type Job } from '../../src/jobs/scheduler.js';

const job = (name: string, schedule: string): Job => ({ name, schedule, slotOf: () => null, run: async () => undefined });

/** The seconds of the minute 01:15 at which the expression fires. */
function secondsFiredAt(expression: string): number[] {
  const task = cron.createTask(expression, () => undefined);
  return Array.from({ length: 60 }, (_, second) => second).filter((second) => task.match(new Date(Date.UTC(2026, 2, 2, 1, 15, second))));
}

describe('staggered job schedules', () => {
  const jobs = [job('sla.alerts', '* * * * *'), job('sla.escalations', '* * * * *'), job('reports.weekly', '*/5 * * * *'), job('requests.sla', '* * * * *'), job('incidents.auto_close', '*/15 * * * *')];

  it('give each job one second of its own, spread over the minute', () => {
    const seconds = staggered(jobs).map(({ expression }) => secondsFiredAt(expression));
    expect(seconds).toEqual([[0], [12], [24], [36], [48]]);
  });

  it('keep the minutes each job runs in', () => {
    const [, , weekly, , autoClose] = staggered(jobs).map(({ expression }) => cron.createTask(expression, () => undefined));
    expect(weekly!.match(new Date(Date.UTC(2026, 2, 2, 1, 5, 24)))).toBe(true);
    expect(weekly!.match(new Date(Date.UTC(2026, 2, 2, 1, 6, 24)))).toBe(false);
    expect(autoClose!.match(new Date(Date.UTC(2026, 2, 2, 1, 15, 48)))).toBe(true);
    expect(autoClose!.match(new Date(Date.UTC(2026, 2, 2, 1, 5, 48)))).toBe(false);
  });
});
