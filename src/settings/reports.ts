// Service reports as configuration: where the weekly and monthly reports go, when the daily
// digest and the reports are sent (local time of calendar.timeZone), and the targets they show.
import { z } from 'zod';
import { channelIdSchema } from './slack-ids.js';

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm such as 09:00');

export const reportSettingsSchema = z.object({
  /** Where the weekly and monthly service reports go; the service desk channel when not set. */
  channel: channelIdSchema.nullable().default(null),
  /** When the daily digest goes to the service desk channel; null: no digest. */
  dailyDigestAt: timeOfDaySchema.nullable().default('09:00'),
  /** ISO weekday (1 = Monday) of the weekly report, which covers the 7 days before; null: none. */
  weeklyOn: z.number().int().min(1).max(7).nullable().default(1),
  /** Day of the month of the monthly report, which covers the previous month; null: none. */
  monthlyOn: z.number().int().min(1).max(28).nullable().default(1),
  /** Local time at which the weekly and monthly reports are sent. */
  sendAt: timeOfDaySchema.default('09:00'),
  /** DOMAIN.md: satisfaction ≥ 85 %, availability 99.9 %. */
  satisfactionTarget: z.number().min(0).max(100).default(85),
  availabilityTarget: z.number().min(0).max(100).default(99.9),
  /** How many weeks or months the trend chart shows, the reported one included. */
  trendPeriods: z.number().int().min(2).max(24).default(6),
});

export type ReportSettings = z.output<typeof reportSettingsSchema>;
export const DEFAULT_REPORT_SETTINGS: ReportSettings = reportSettingsSchema.parse({});
