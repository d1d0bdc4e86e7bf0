// Business time for the service desk, counted in its own time zone. For now a working day is
// Monday to Friday; public holidays and make-up working days come with the SLA calendars.
import { TZDate } from '@date-fns/tz';
import { addBusinessDays } from 'date-fns';

export interface BusinessCalendar {
  timeZone: string;
}

/** The moment `days` working days after `start`, at the same local time of day. */
export function addWorkingDays(start: Date, days: number, calendar: BusinessCalendar): Date {
  return new Date(addBusinessDays(new TZDate(start, calendar.timeZone), days).getTime());
}
