import type { FieldError } from './field-error.js';
import { isCalendarDate } from './fields.js';

// The sensible range of each date a person types, counted from the day the
// request is made (Europe/London). A range catches a wrong year or a date
// that cannot be true yet; it is checked when an event is sent, never when a
// stored event is replayed, so a plan's history stays valid as days pass.
// Rules that depend on the plan itself (a meeting not before R&D signed off,
// a submission or decision not after the day it is recorded) are the
// machine's: a bound it owns is left open here.

/** A day counted from today: `{ months: -1 }` is a month ago. */
export interface Offset { days?: number; months?: number; years?: number }

export interface DateRange {
  /** How the date is named at the start of a sentence: "The start date". */
  name: string;
  earliest?: Offset;
  latest?: Offset;
  /** What the range is for, as the OpenAPI description says it. */
  why?: string;
}

const TODAY: Offset = {};
const ago = (o: Offset): Offset => ({ days: -(o.days ?? 0), months: -(o.months ?? 0), years: -(o.years ?? 0) });

/** Each event's dated fields and their ranges. A date-time is checked by its day in Europe/London. */
export const dateRanges: Record<string, Record<string, DateRange>> = {
  UPDATE_IDEA: {
    expectedDeadline: { name: 'The expected closing date of the funding call', earliest: { days: 1 }, latest: { years: 3 } },
  },
  PROPOSE_TERMS: {
    startDate: { name: 'The start date', earliest: ago({ months: 1 }), latest: { years: 3 } },
  },
  SCHEDULE_MEETING: {
    // Not in the past: the machine refuses a meeting that is not in the future.
    startsAt: { name: 'The date of the meeting', latest: { years: 1 } },
  },
  SUBMIT_APPLICATION: {
    callDeadline: { name: 'The call deadline', earliest: ago({ years: 1 }), latest: { years: 3 } },
    // Not after today: the machine's rule.
    submittedOn: { name: 'The date you submitted', earliest: ago({ years: 1 }) },
  },
  RECORD_OUTCOME: {
    // Not after today: the machine's rule.
    decidedOn: { name: 'The date of the decision', earliest: ago({ years: 1 }) },
    awardStart: { name: 'The date the award starts', earliest: ago({ years: 1 }), latest: { years: 3 } },
  },
  START_TRAINING: {
    startedOn: { name: 'The date training started', earliest: ago({ years: 1 }), latest: TODAY },
  },
  COMPLETE_AWARD: {
    completedOn: { name: 'The date the award ended', earliest: ago({ years: 1 }), latest: TODAY },
  },
};

/** "2026-11-01" for `{ months: -1 }` from "2026-12-01"; the 31st a month on is the last day of that month. */
export function shiftDate(iso: string, { days = 0, months = 0, years = 0 }: Offset): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const monthIndex = (m - 1) + months + years * 12;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = new Date(Date.UTC(year, month, Math.min(d, lastDay) + days));
  return shifted.toISOString().slice(0, 10);
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const readable = (iso: string) => DATE.format(new Date(`${iso}T12:00:00Z`));
const isToday = (o: Offset | undefined) => o !== undefined && !o.days && !o.months && !o.years;
const isTomorrow = (o: Offset | undefined) => o !== undefined && o.days === 1 && !o.months && !o.years;

/** The message for a date outside its range, in the words of the NHS service manual's date input. */
function outOfRange(range: DateRange, today: string, tooEarly: boolean): string {
  const { name, earliest, latest } = range;
  const from = earliest && shiftDate(today, earliest);
  const to = latest && shiftDate(today, latest);
  if (tooEarly && isTomorrow(earliest)) return `${name} must be in the future`;
  if (tooEarly && isToday(earliest)) return `${name} must be today or in the future`;
  if (!tooEarly && isToday(latest)) return `${name} must be today or in the past`;
  if (from && to) return `${name} must be between ${readable(from)} and ${isToday(latest) ? 'today' : readable(to)}`;
  return tooEarly ? `${name} must be the same as or after ${readable(from!)}` : `${name} must be the same as or before ${readable(to!)}`;
}

/** The day a date or a date-time names: a time by its day in Europe/London. */
const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
function dayOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (isCalendarDate(text)) return text;
  const instant = Date.parse(text);
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(instant) ? LONDON.format(instant) : undefined;
}

/** One error per dated field of `payload` outside its range on `today` (YYYY-MM-DD); blank and unreadable dates are left to the schema. */
export function dateRangeErrors(type: string, payload: unknown, today: string, skip: ReadonlySet<string> = new Set()): FieldError[] {
  const ranges = dateRanges[type];
  if (!ranges || typeof payload !== 'object' || payload === null) return [];
  const errors: FieldError[] = [];
  for (const [field, range] of Object.entries(ranges)) {
    const day = skip.has(field) ? undefined : dayOf((payload as Record<string, unknown>)[field]);
    if (!day) continue;
    if (range.earliest && day < shiftDate(today, range.earliest)) errors.push({ path: field, message: outOfRange(range, today, true) });
    else if (range.latest && day > shiftDate(today, range.latest)) errors.push({ path: field, message: outOfRange(range, today, false) });
  }
  return errors;
}

const span = (o: Offset) => [o.years && `${Math.abs(o.years)} year${Math.abs(o.years) === 1 ? '' : 's'}`,
  o.months && `${Math.abs(o.months)} month${Math.abs(o.months) === 1 ? '' : 's'}`,
  o.days && `${Math.abs(o.days)} day${Math.abs(o.days) === 1 ? '' : 's'}`].filter(Boolean).join(' ');
const bound = (o: Offset) => (isToday(o) ? 'today' : isTomorrow(o) ? 'tomorrow'
  : `${span(o)} ${(o.days ?? 0) + (o.months ?? 0) + (o.years ?? 0) < 0 ? 'before' : 'after'} today`);

/** The range in words, for the API's description: "From 1 month before today to 3 years after today (Europe/London)". */
export function describeRange({ earliest, latest }: DateRange): string {
  const parts = [earliest && `from ${bound(earliest)}`, latest && `to ${bound(latest)}`].filter(Boolean).join(' ');
  return parts ? `${parts.charAt(0).toUpperCase()}${parts.slice(1)}, counted in Europe/London on the day the event is sent.` : '';
}
