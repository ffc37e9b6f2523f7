// How values read to a person in England: dates in Europe/London, pounds, percentages.

const london = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', ...options });
const DATE = london({ day: 'numeric', month: 'long', year: 'numeric' });
const TIME = london({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

// Formatting a date costs a few microseconds and a list page formats dozens, mostly the
// same few days. London's date cannot change within a UTC hour (clocks change on the hour),
// so "YYYY-MM-DDTHH" of a UTC timestamp decides the answer. Bounded, in case of odd input.
const formattedDays = new Map<string, string>();
const UTC_HOUR = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/;

/** "3 March 2027" from "2027-03-03" or an ISO timestamp. */
export function formatDate(value: string): string {
  const key = UTC_HOUR.test(value) ? value.slice(0, 13) : undefined;
  const known = key && formattedDays.get(key);
  if (known) return known;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const text = DATE.format(date);
  if (key) {
    if (formattedDays.size >= 10_000) formattedDays.clear();
    formattedDays.set(key, text);
  }
  return text;
}

/** "3 March 2027 14:02" in UK time. */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${DATE.format(date)} ${TIME.format(date)}`;
}

const CLOCK = london({ hour: 'numeric', minute: '2-digit', hour12: true });

/** "15 January 2027 at 10:00am" in UK time: how a meeting reads in a letter or an invitation. */
export function formatAppointment(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${DATE.format(date)} at ${CLOCK.format(date).replace(/\s/g, '').toLowerCase()}`;
}

export const formatPounds = (value: number) => `£${value.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;
export const formatPercent = (value: number) => `${value}%`;
export const formatYesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** "1 day", "3 days": a count and its unit. */
export const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A setting in minutes as people say it: "30 days", "12 hours", "90 minutes" (the largest unit that is exact). */
export function formatMinutes(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes >= 60 && minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

/** "2 days", "1 hour", "5 minutes": how long something has waited. */
export function formatWait(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(fromIso).getTime()) / 60_000));
  if (minutes < 1) return 'less than a minute';
  const [n, unit] = minutes >= 1440 ? [Math.floor(minutes / 1440), 'day'] : minutes >= 60 ? [Math.floor(minutes / 60), 'hour'] : [minutes, 'minute'];
  return plural(n, unit);
}
