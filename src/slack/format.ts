import type { Translate } from '../i18n/index.js';

/** A duration in hours and minutes ("2 h 05 min", "45 min"), rounded to the minute. */
export function formatDuration(t: Translate, ms: number): string {
  const totalMinutes = Math.round(Math.abs(ms) / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return hours > 0 ? t('duration.hours_minutes', { hours, minutes: String(minutes).padStart(2, '0') }) : t('duration.minutes', { minutes });
}
