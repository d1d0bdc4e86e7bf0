// Dates as a reader in a time zone sees and types them, without a date library.

function parts(instant: Date, timeZone: string): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
}

/** The wall-clock time in `timeZone` as `YYYY-MM-DDTHH:mm` (what a datetime-local input shows). */
export function toLocalInput(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The local date `YYYY-MM-DD` in `timeZone`. */
export function toLocalDate(instant: Date, timeZone: string): string {
  return toLocalInput(instant, timeZone).slice(0, 10);
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a wall-clock time `YYYY-MM-DDTHH:mm` in `timeZone` names; null when it is not one. */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const first = asUtc - offsetMs(new Date(asUtc), timeZone);
  return new Date(asUtc - offsetMs(new Date(first), timeZone));
}

export function formatDate(instant: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, ...options }).format(instant);
}

/** "5 minutes ago", "in 2 hours": the way Slack's {ago} reads. */
export function ago(instant: Date, now: Date): string {
  const minutes = Math.round((instant.getTime() - now.getTime()) / 60_000);
  const [amount, unit] = Math.abs(minutes) >= 1440 ? [Math.round(minutes / 1440), 'day'] : Math.abs(minutes) >= 60 ? [Math.round(minutes / 60), 'hour'] : [minutes, 'minute'];
  return new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(amount, unit as Intl.RelativeTimeFormatUnit);
}
