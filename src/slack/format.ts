import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Translate } from '../i18n/index.js';

/** A date Slack shows in each reader's own time zone (the ISO form where it cannot). */
export function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${date.toISOString()}>`;
}

/** A date as wall-clock time in a time zone, for plain text where Slack cannot localise (modal errors). */
export function localTime(date: Date, timeZone: string): string {
  return format(new TZDate(date, timeZone), 'yyyy-MM-dd HH:mm');
}

/** A duration in hours and minutes ("2 h 05 min", "45 min"), rounded to the minute. */
export function formatDuration(t: Translate, ms: number): string {
  const totalMinutes = Math.round(Math.abs(ms) / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return hours > 0 ? t('duration.hours_minutes', { hours, minutes: String(minutes).padStart(2, '0') }) : t('duration.minutes', { minutes });
}
