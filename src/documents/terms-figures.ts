import { roundHalfUp } from '../costing/calculator.js';
import type { TermsProposal } from '../../workflows/plan.types.js';

// The figures a signatory commits to that the terms imply but do not state:
// when the release ends, how many days a week it is, and what the backfill
// costs over the whole duration. Whole numbers throughout, with the costing
// module's one rounding rule (a year's figure × months ÷ 12, halves up).

type Terms = TermsProposal['terms'];

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate(); // month 1–12

/**
 * The last day of a release of `months` from `start` ("YYYY-MM-DD"): the day before the same date
 * `months` later. When that month is shorter (31 January + 1 month), the release runs to its last day.
 */
export function endDate(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = (index % 12) + 1;
  const next = d > daysIn(year, month) ? Date.UTC(year, month, 1) : Date.UTC(year, month - 1, d);
  const end = new Date(next - 86_400_000);
  return `${end.getUTCFullYear()}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())}`;
}

/** The backfill over the whole duration, in pounds. */
export const backfillTotal = (perYear: number, months: number) => Number(roundHalfUp(BigInt(perYear) * BigInt(months), 12n));

/**
 * "3 days", "1.8 days", "about 1.7 days": the academic share as days of a five-day week, when the
 * costing gave the clinician's whole-time equivalent; null when it is not known.
 */
export function daysPerWeek(terms: Pick<Terms, 'academicPercent' | 'costing'>): string | null {
  const wte = terms.costing?.wte;
  if (wte === undefined) return null;
  // Days = WTE × 5 × percent ÷ 100; in tenths of a day, from WTE in ten-thousandths.
  const scaled = Math.round(wte * 10_000) * terms.academicPercent;
  const tenths = Number(roundHalfUp(BigInt(scaled), 20_000n));
  const days = tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
  return `${scaled % 20_000 === 0 ? '' : 'about '}${days} ${days === '1' ? 'day' : 'days'}`;
}

/** Everything the documents say about the release, worked out once. */
export function termsFigures(terms: Terms) {
  return {
    endDate: endDate(terms.startDate, terms.durationMonths),
    backfillCostTotal: backfillTotal(terms.estimatedBackfillCostPerYear, terms.durationMonths),
    daysPerWeek: daysPerWeek(terms),
  };
}
