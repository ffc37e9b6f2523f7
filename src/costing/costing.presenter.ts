import { formatDate } from '../presenters/format.js';
import { schemeById } from '../schemes/catalogue.js';
import type { CostingResult } from './costing.service.js';
import { bands } from './rates.js';

// How a costing reads to a manager: each figure in a sentence-like row, and
// one paragraph for the terms and the agreement that says how the cost of
// cover was reached.

/** "£38,014", "−£300": whole pounds with thousands separators (by hand: toLocaleString is slow on a hot page). */
export const pounds = (n: number) => `${n < 0 ? '−' : ''}£${String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
const wteText = (wte: number) => `${wte} WTE`;

export interface StoredCosting {
  clinicianBand?: string; clinicianSalary?: number; backfillBand?: string; backfillSalary?: number;
  payPoint?: string; wte: number; schemeId?: string; figures: CostingResult;
}

const who = (band: string | undefined, salary: number | undefined, point: string) =>
  (band ? `band ${band} (${point === 'entry' ? 'entry point' : 'top of the band'})` : `a salary of ${pounds(salary ?? 0)} a year`);

/** The rows of a costing, for a summary list. */
export function costingRows(f: CostingResult, durationMonths: number) {
  const scheme = schemeById(f.schemeId ?? undefined);
  const net = f.trustNetCostPerYear < 0
    ? `The award brings in ${pounds(-f.trustNetCostPerYear)} a year more than the cover costs (${pounds(-f.trustNetCostTotal)} over ${durationMonths} months)`
    : `${pounds(f.trustNetCostPerYear)} a year, ${pounds(f.trustNetCostTotal)} over ${durationMonths} months`;
  return [
    { key: 'Cost of cover', value: `${pounds(f.backfillCostPerYear)} a year, ${pounds(f.backfillCostTotal)} over ${durationMonths} months\nIncludes employer National Insurance ${pounds(f.onCosts.employerNationalInsurance)} and pension ${pounds(f.onCosts.employerPension)} a year` },
    { key: 'What the award contributes', value: f.fundsSalary
      ? `${pounds(f.awardContributionPerYear)} a year towards the clinician's salary${scheme ? ` (${scheme.name})` : ''}`
      : scheme ? `Nothing towards salary: the ${scheme.name} does not fund it` : 'Nothing counted: no scheme from the list is chosen' },
    { key: "Trust's net cost", value: net },
    { key: 'Rates used', value: `Agenda for Change ${f.rates.payYear}, employer National Insurance ${f.rates.employerNationalInsurance.basisPoints / 100}% above ${pounds(f.rates.employerNationalInsurance.thresholdPerYear)}, pension ${f.rates.employerPension.basisPoints / 100}%, worked out on ${formatDate(f.workedOutOn)}` },
  ];
}

/** One paragraph for the terms row "How the cost was worked out". */
export function costingSummary(costing: StoredCosting): string {
  const f = costing.figures;
  const point = f.rates.payPoint;
  return [
    `Cover for ${who(costing.backfillBand, costing.backfillSalary, point)}; clinician on ${who(costing.clinicianBand, costing.clinicianSalary, point)} at ${wteText(costing.wte)}.`,
    `Cover ${pounds(f.backfillCostPerYear)} a year; the award contributes ${pounds(f.awardContributionPerYear)} a year; the trust's net cost is ${pounds(f.trustNetCostPerYear)} a year (${pounds(f.trustNetCostTotal)} in all).`,
    `Agenda for Change ${f.rates.payYear} pay and employer rates in force on ${formatDate(f.workedOutOn)}.`,
  ].join('\n');
}

export const bandItems = (placeholder: string) => [{ value: '', text: placeholder }, ...bands.map((b) => ({ value: b, text: `Band ${b}` }))];
