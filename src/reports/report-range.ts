import { z } from 'zod';
import { isCalendarDate } from '../domain/fields.js';
import { londonToIso } from '../http/forms/london-time.js';

// The date range of a report: plans created from the start of `from` to the
// end of `to`, both days included, as days in England (Europe/London).

export interface ReportRange {
  from?: string;
  to?: string;
}

const day = (label: string) => z.string({ error: `Enter the ${label} as YYYY-MM-DD` })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `Enter the ${label} as YYYY-MM-DD, for example 2026-04-01` })
  .refine(isCalendarDate, { error: `The ${label} must be a real date` })
  .optional();

export const reportRangeSchema = z.object({ from: day('start date'), to: day('end date') })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { path: ['from'], error: 'The start date must be the same as or before the end date' });

/** The first instant of a London day, as the ISO text plans are stamped with. */
const londonMidnight = (isoDay: string) => new Date(londonToIso(isoDay, '00:00')).toISOString();

const nextDay = (isoDay: string) => {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/** The range as half-open bounds on created_at; an open end is a bound every timestamp passes. */
export function createdBetween(range: ReportRange): { fromAt: string; toAt: string } {
  return {
    fromAt: range.from ? londonMidnight(range.from) : '',
    toAt: range.to ? londonMidnight(nextDay(range.to)) : '9999',
  };
}
