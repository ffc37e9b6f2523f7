import { roundHalfUp } from '../../costing/calculator.js';
import { shiftDate } from '../../domain/date-ranges.js';
import { isCalendarDate } from '../../domain/fields.js';
import { formatDate, formatPounds } from '../../presenters/format.js';

// What the terms mean in days and pounds, worked out from the answers given so
// far: when the training ends, how the week splits, what cover costs over the
// whole award. Shown on the terms form as it is filled in and on its check
// page, so nobody has to do the sums. A figure whose answers are missing or
// not valid yet is left out, never guessed.

/** The terms as read from the form or as stored: any field may be missing or still wrong. */
export interface TermsLike {
  startDate?: unknown;
  durationMonths?: unknown;
  academicPercent?: unknown;
  estimatedBackfillCostPerYear?: unknown;
  costing?: unknown;
}

const wholeIn = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** "2.5" for 2.5, "3" for 3.0: days to one decimal place. */
const days = (n: number) => `${Number(n.toFixed(1))} day${Number(n.toFixed(1)) === 1 ? '' : 's'}`;

/** The last day of the training: the day before the same date `months` later. */
export function endDate(start: unknown, months: unknown): string | undefined {
  if (typeof start !== 'string' || !isCalendarDate(start) || !wholeIn(months, 1, 120)) return undefined;
  return shiftDate(shiftDate(start, { months }), { days: -1 });
}

/** The clinician's whole-time equivalent from the costing's inputs, when given and sensible. */
function wteOf(costing: unknown): number | undefined {
  const wte = (costing as { wte?: unknown } | undefined)?.wte;
  return typeof wte === 'number' && wte >= 0.1 && wte <= 1 ? wte : undefined;
}

/** The week split in days: `wte` of a 5-day week, `academicPercent` of it on research. */
export function weekSplit(academicPercent: unknown, wte?: number): { research: string; clinical: string; week: string } | undefined {
  if (!wholeIn(academicPercent, 1, 100)) return undefined;
  const week = 5 * (wte ?? 1);
  return {
    research: days((week * academicPercent) / 100),
    clinical: days((week * (100 - academicPercent)) / 100),
    week: wte === undefined ? 'a full-time, 5-day week' : `a ${days(week).replace(' days', '-day').replace(' day', '-day')} week (${wte} WTE)`,
  };
}

/** The cost of cover a year and over the whole training: the costing's own figures, or the estimate a year spread over the months. */
export function coverCost(terms: TermsLike): { perYear: number; total: number; months: number } | undefined {
  const months = terms.durationMonths;
  if (!wholeIn(months, 1, 120)) return undefined;
  const figures = (terms.costing as { figures?: { backfillCostPerYear: number; backfillCostTotal: number } } | undefined)?.figures;
  if (figures) return { perYear: figures.backfillCostPerYear, total: figures.backfillCostTotal, months };
  const perYear = terms.estimatedBackfillCostPerYear;
  if (!wholeIn(perYear, 0, 10_000_000)) return undefined;
  return { perYear, total: Number(roundHalfUp(BigInt(perYear) * BigInt(months), 12n)), months };
}

/** The figures as summary rows ({ key, value }); `your` names the clinician for the reader ("Your", "Alex Morgan's"). */
export function figureRows(terms: TermsLike, your: string) {
  const rows: Array<{ key: string; value: string }> = [];
  const end = endDate(terms.startDate, terms.durationMonths);
  if (end) rows.push({ key: 'Training ends', value: `${formatDate(end)}, ${terms.durationMonths} months from ${formatDate(terms.startDate as string)}` });
  const split = weekSplit(terms.academicPercent, wteOf(terms.costing));
  if (split) {
    rows.push({ key: `${your} week`, value: `${split.research} on research and ${split.clinical} on clinical work, in ${split.week}` });
  }
  const cost = coverCost(terms);
  if (cost) {
    rows.push({ key: 'Cost of cover', value: `${formatPounds(cost.perYear)} a year, ${formatPounds(cost.total)} over the ${cost.months} months` });
  }
  return rows;
}
