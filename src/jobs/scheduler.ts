// Scheduled jobs: node-cron ticks; each tick claims its slot in the database before acting, so a
// slot runs once across instances, overlapping ticks and restarts.
import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { claimJobSlot, finishJobSlot } from '../db/repositories/job-runs.js';

export interface Job {
  name: string;
  /** node-cron expression of five fields (minute to weekday), e.g. every 15 minutes: '*\/15 * * * *'. */
  schedule: string;
  /** The slot a tick at `now` belongs to (ticks in the same slot are the same run); null: nothing due. */
  slotOf(now: Date): string | null;
  run(now: Date): Promise<void>;
}

export class JobScheduler {
  private readonly instanceId = randomUUID();
  private readonly tasks: ScheduledTask[] = [];
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly leaseMs = 10 * 60_000,
  ) {}

  add(job: Job): void {
    this.jobs.set(job.name, job);
  }

  /** The jobs added, e.g. for another scheduler standing in for a second instance. */
  list(): Job[] {
    return [...this.jobs.values()];
  }

  start(): void {
    for (const { job, expression } of staggered([...this.jobs.values()])) {
      this.tasks.push(cron.schedule(expression, () => void this.tick(job.name).catch(() => undefined), { noOverlap: true }));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((task) => task.stop()));
    this.tasks.length = 0;
  }

  /** Runs the job's current slot if no instance has; returns whether this call ran it. */
  async tick(name: string): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    const now = this.clock.now();
    const slot = job.slotOf(now);
    if (slot === null) return false;
    if (!(await claimJobSlot(this.db.prisma, job.name, slot, this.instanceId, now, this.leaseMs))) return false;
    try {
      await job.run(now);
      await finishJobSlot(this.db.prisma, job.name, slot, this.clock.now());
      return true;
    } catch (error) {
      this.logger.error({ err: error, job: job.name, slot }, 'job failed; its slot will be retried after the lease');
      throw error;
    }
  }
}

/**
 * Each job's schedule with a second of the minute of its own, spread evenly: the jobs due in the
 * same minute then do not all land, with their queries, in its first second, on top of the requests
 * being answered then. Instances give each job the same second (the same jobs, added in the same order).
 */
export function staggered(jobs: readonly Job[]): { job: Job; expression: string }[] {
  return jobs.map((job, index) => ({ job, expression: `${Math.floor((index * 60) / jobs.length)} ${job.schedule}` }));
}

/** Slots of `minutes` length, named by their start in UTC (e.g. 2026-03-02T09:15). */
export function everyMinutesSlot(minutes: number): (now: Date) => string {
  return (now) => {
    const size = minutes * 60_000;
    return new Date(Math.floor(now.getTime() / size) * size).toISOString().slice(0, 16);
  };
}

/** A job that runs every `minutes` minutes (a divisor of 60), one slot per period. */
export function periodicJob(name: string, minutes: number, run: (now: Date) => Promise<unknown>): Job {
  return {
    name,
    schedule: minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`,
    slotOf: everyMinutesSlot(minutes),
    run: async (now) => {
      await run(now);
    },
  };
}
