import { isCalendarDate } from '../../domain/fields.js';
import { dayMonthYear, isoDate, one, type FieldKind } from './fields.js';

// Meetings are arranged in UK local time. People type a date and a clock time;
// the event wants an ISO 8601 time with the offset in force that day (GMT in
// winter, BST in summer), so the stored time means the same everywhere.

const OFFSET = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' });
const LOCAL = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** Minutes UK time is ahead of UTC at an instant: 0 (GMT) or 60 (BST). */
function londonOffsetMinutes(instant: number): number {
  const name = OFFSET.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** "14:30" from "14:30", "2:30pm", "2pm", "9.15 am" or "12 noon"; undefined when it is not a time. */
export function parseClockTime(text: string): string | undefined {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|noon)?$/i.exec(text.trim());
  if (!m) return undefined;
  let hours = Number(m[1]);
  const minutes = Number(m[2] ?? '0');
  const suffix = m[3]?.toLowerCase().replace(/\./g, '');
  if (!suffix && m[2] === undefined) return undefined; // "14" alone is too easy to misread
  if (suffix === 'noon') { if (hours !== 12 || minutes) return undefined; } else if (suffix) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (suffix === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** "2027-07-15T10:00:00+01:00" for 10am UK time on 15 July 2027. */
export function londonToIso(isoDay: string, clock: string): string {
  const [y, mo, d] = isoDay.split('-').map(Number) as [number, number, number];
  const [h, mi] = clock.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The offset of the instant that is this wall-clock time; checked twice because the guess may sit across a change.
  let offset = londonOffsetMinutes(asUtc - londonOffsetMinutes(asUtc) * 60_000);
  offset = londonOffsetMinutes(asUtc - offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${isoDay}T${clock}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The UK date ("YYYY-MM-DD") and clock time ("HH:MM") of an ISO 8601 instant. */
export function isoToLondon(iso: string): { day: string; time: string } | undefined {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return undefined;
  const p = Object.fromEntries(LOCAL.formatToParts(instant).map(({ type, value }) => [type, value]));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

const timeName = (name: string) => `${name}Time`;

/**
 * A date input "<name>" beside a time box "<name>Time", posted as one ISO 8601
 * time. Blank both: left out ("Enter …"); anything unreadable is passed on as
 * text the schema rejects ("must be a real date and time").
 */
export const londonDateTime: FieldKind = {
  read(body, name) {
    const day = isoDate(dayMonthYear(body, name));
    const rawTime = (one(body, timeName(name)) ?? '').trim();
    if (!day && !rawTime) return undefined;
    const clock = parseClockTime(rawTime);
    if (!day || !clock || !isCalendarDate(day)) return `${day ?? ''} ${rawTime}`.trim();
    return londonToIso(day, clock);
  },
  typed: (body, name) => ({ [name]: dayMonthYear(body, name), [timeName(name)]: one(body, timeName(name)) ?? '' }),
  shown(value, name) {
    const local = typeof value === 'string' ? isoToLondon(value) : undefined;
    return local ? { [name]: local.day, [timeName(name)]: local.time } : {};
  },
  inputs: (name) => [`${name}-day`, `${name}-month`, `${name}-year`, timeName(name)],
  // When the date reads well, the problem is the time: point at the time box.
  idFor(_rest, body, name) {
    const day = isoDate(dayMonthYear(body, name));
    const dateReads = day !== undefined && isCalendarDate(day);
    return dateReads && !parseClockTime(one(body, timeName(name)) ?? '') ? timeName(name) : name;
  },
};
