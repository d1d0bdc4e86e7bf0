// Cron expressions for planned maintenance, read with node-cron (the scheduler's library) into the
// plain lists of values the domain computes occurrences from (src/domain/recurrence.ts).
import cron from 'node-cron';
import { cronFieldsSchema, type CronFields } from '../domain/recurrence.js';

/**
 * The fields of a five-field expression (minute hour day-of-month month day-of-week), or null when
 * node-cron refuses it or it uses what the domain does not compute (seconds, "n-th weekday" #).
 */
export function cronFieldsOf(expression: string): CronFields | null {
  const trimmed = expression.trim();
  if (trimmed.split(/\s+/).length !== 5 || !cron.validate(trimmed)) return null;
  return cronFieldsSchema.safeParse(cron.parse(trimmed)).data ?? null;
}
