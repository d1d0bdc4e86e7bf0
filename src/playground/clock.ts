// The playground's time: it runs like a wall clock from a start the person can move forward.
// Moving it forward runs the bot's scheduled jobs along the way, as they would have run.
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { addBusinessMs } from '../domain/calendar.js';
import type { JobScheduler } from '../jobs/scheduler.js';
import { businessCalendarAt } from '../settings/calendar.js';
import type { Settings } from '../settings/schema.js';

/** Real time plus an offset that only grows. */
export class PlaygroundClock implements Clock {
  private offsetMs = 0;

  constructor(start: Date = new Date()) {
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += Math.max(0, ms);
  }
}

/** Now, or when the service desk next opens if it is closed now (so SLA clocks run from the start). */
export function deskOpenFrom(settings: Settings, now: Date): Date {
  return new Date(addBusinessMs(businessCalendarAt(settings.calendar, now), now, 1).getTime() - 1);
}

/** The largest step time moves in before the jobs run: alerts fire at most this late. */
export const JOB_STEP_MS = 15 * 60_000;
/** How often the jobs run while time flows by itself (as node-cron would run them). */
export const JOB_INTERVAL_MS = 60_000;

/** Runs every job of the scheduler once per step, one run at a time. */
export class JobRunner {
  private running: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clock: PlaygroundClock,
    private readonly scheduler: JobScheduler,
    private readonly logger: Logger,
  ) {}

  /** Runs the jobs every minute of real time. */
  start(): void {
    this.timer = setInterval(() => void this.serially(() => this.tickAll()), JOB_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Moves time forward by `ms` in steps, running the jobs after each step; resolves when done. */
  advance(ms: number, onStep: () => void = () => undefined): Promise<void> {
    return this.serially(async () => {
      for (let left = ms; left > 0; left -= JOB_STEP_MS) {
        this.clock.advance(Math.min(left, JOB_STEP_MS));
        await this.tickAll();
        onStep();
      }
    });
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.running.then(work);
    this.running = next.catch(() => undefined);
    return next;
  }

  private async tickAll(): Promise<void> {
    for (const job of this.scheduler.list()) {
      await this.scheduler.tick(job.name).catch((error: unknown) => this.logger.warn({ err: error, job: job.name }, 'a job failed in the playground'));
    }
  }
}
