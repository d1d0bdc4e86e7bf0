import { z } from 'zod';

/** True when the runtime knows the IANA time zone (e.g. Asia/Shanghai). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai or Europe/Berlin');
