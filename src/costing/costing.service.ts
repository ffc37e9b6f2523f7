import { isoToLondon } from '../http/forms/london-time.js';
import { calculateCosting } from './calculator.js';
import { toCostingInput, type CostingPeople, type CostingRequest } from './costing.schema.js';
import { ratesOn } from './rates.js';

// A costing as the API answers it and as the terms store it: the figures, and
// the rates they were worked out with, so a stored figure can be explained and
// never changes when a new pay year is added.

export const ROUNDING = 'Each amount a year (pay, employer National Insurance, employer pension) is rounded to the nearest pound, halves up; costs a year are sums of those, totals are a year × months ÷ 12 rounded the same way, and net = backfill − contribution.';

// London's date cannot change within a UTC hour (clocks change on the hour), and finding it costs more
// than the whole calculation: remember the last hour's answer.
let lastHour = { hour: '', day: '' };

/** The London calendar day of a moment: rates are chosen by the day the costing is worked out. */
export function londonDay(at: Date): string {
  const iso = at.toISOString();
  const hour = iso.slice(0, 13);
  if (lastHour.hour !== hour) lastHour = { hour, day: isoToLondon(iso)!.day };
  return lastHour.day;
}

export function costingResult(request: CostingRequest, at: Date) {
  const rates = ratesOn(londonDay(at));
  const input = toCostingInput(request);
  const figures = calculateCosting(input, rates);
  const { nationalInsurance: ni, pension } = rates;
  return {
    backfillCostPerYear: figures.backfillCostPerYear,
    backfillCostTotal: figures.backfillCostTotal,
    awardContributionPerYear: figures.awardContributionPerYear,
    trustNetCostPerYear: figures.trustNetCostPerYear,
    trustNetCostTotal: figures.trustNetCostTotal,
    onCosts: figures.onCosts,
    rates: {
      payYear: rates.pay.payYear,
      source: rates.pay.source,
      payPoint: input.payPoint,
      clinicianSalary: figures.salaries.clinician,
      backfillSalary: figures.salaries.backfill,
      employerNationalInsurance: { basisPoints: ni.rateBasisPoints, thresholdPerYear: ni.thresholdPerYear, effectiveFrom: ni.effectiveFrom, source: ni.source },
      employerPension: { basisPoints: pension.rateBasisPoints, effectiveFrom: pension.effectiveFrom, source: pension.source },
      rounding: ROUNDING,
    },
    awardContributionTotal: figures.awardContributionTotal,
    backfillPayPerYear: figures.backfillPayPerYear,
    schemeId: input.scheme?.id ?? null,
    fundsSalary: input.scheme?.fundsSalary ?? false,
    workedOutOn: londonDay(at),
  };
}

export type CostingResult = ReturnType<typeof costingResult>;

/** The costing stored with a terms proposal: the inputs sent, and the figures as the calculator gave them that day. */
export function termsCosting(people: CostingPeople, terms: { academicPercent: number; durationMonths: number }, ideaSchemeId: string | undefined, at: Date) {
  const schemeId = people.schemeId ?? ideaSchemeId;
  const { figures: _ignored, ...inputs } = people as CostingPeople & { figures?: unknown };
  const request = { ...inputs, ...(schemeId ? { schemeId } : {}), academicPercent: terms.academicPercent, durationMonths: terms.durationMonths };
  return { ...inputs, figures: costingResult(request, at) };
}
