import type { Scheme } from '../schemes/catalogue.js';
import type { Band, PayPoint, RatesInForce } from './rates.js';

// What releasing someone for research costs the service, and what comes back
// from the award. Pure and in whole numbers throughout (BigInt), so no
// floating-point pence ever creep in.
//
// ROUNDING, the one rule: each amount a year (basic pay, employer National
// Insurance, employer pension) is worked out exactly and then rounded to the
// nearest pound, halves up. Every other figure is made from those whole
// pounds: a cost a year is the sum of its parts, a total is a year's figure
// × months ÷ 12 rounded the same way, and the trust's net cost is backfill
// minus the award's contribution (a year, and in total).

export interface CostingInput {
  /** An Agenda for Change band, or a full-time salary a year for someone not on Agenda for Change (doctors, dentists). */
  clinician: { band: Band } | { salary: number };
  backfill: { band: Band } | { salary: number };
  payPoint: PayPoint;
  /** The clinician's contracted whole-time equivalent, in ten-thousandths (0.8 WTE = 8000). */
  wteTenThousandths: number;
  academicPercent: number;
  durationMonths: number;
  scheme: Scheme | undefined;
}

export interface CostingFigures {
  backfillCostPerYear: number;
  backfillCostTotal: number;
  awardContributionPerYear: number;
  awardContributionTotal: number;
  trustNetCostPerYear: number;
  trustNetCostTotal: number;
  /** The backfill's employer on-costs a year, in pounds (part of backfillCostPerYear). */
  onCosts: { employerNationalInsurance: number; employerPension: number };
  backfillPayPerYear: number;
  /** Full-time salaries the figures used. */
  salaries: { clinician: number; backfill: number };
}

const SCALE = 1_000_000n; // wte (1/10,000) × percent (1/100)
const BP = 10_000n; // basis points

/** n ÷ d rounded to the nearest whole number, halves up (n ≥ 0, d > 0). */
export function roundHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

export function salaryOf(who: CostingInput['clinician'], payPoint: PayPoint, rates: RatesInForce): number {
  return 'salary' in who ? who.salary : rates.pay.bands[who.band][payPoint];
}

/** Pay, employer NI and employer pension a year, in pounds, for pay of `salary × share` (share in millionths), times `part`/100. */
function employmentCost(salary: number, share: bigint, rates: RatesInForce, partPercent = 100n) {
  const pay = BigInt(salary) * share; // pounds × 1e6
  const threshold = BigInt(rates.nationalInsurance.thresholdPerYear) * SCALE;
  const ni = BigInt(rates.nationalInsurance.rateBasisPoints) * (pay > threshold ? pay - threshold : 0n); // × 1e6 × 1e4
  const pension = BigInt(rates.pension.rateBasisPoints) * pay; // × 1e6 × 1e4
  const whole = (value: bigint, scale: bigint) => Number(roundHalfUp(value * partPercent, scale * 100n));
  return { pay: whole(pay, SCALE), ni: whole(ni, SCALE * BP), pension: whole(pension, SCALE * BP) };
}

const overMonths = (perYear: number, months: number) => Number(roundHalfUp(BigInt(perYear) * BigInt(months), 12n));

export function calculateCosting(input: CostingInput, rates: RatesInForce): CostingFigures {
  const clinicianSalary = salaryOf(input.clinician, input.payPoint, rates);
  const backfillSalary = salaryOf(input.backfill, input.payPoint, rates);
  const released = BigInt(input.wteTenThousandths) * BigInt(input.academicPercent);
  // The backfill is costed as one person employed for the hours released.
  const backfill = employmentCost(backfillSalary, released, rates);
  const backfillCostPerYear = backfill.pay + backfill.ni + backfill.pension;
  // When the scheme pays salary, the award meets the clinician's own employment cost for the academic share.
  const funded = input.scheme?.fundsSalary
    ? employmentCost(clinicianSalary, BigInt(input.wteTenThousandths) * 100n, rates, BigInt(input.academicPercent))
    : { pay: 0, ni: 0, pension: 0 };
  const awardContributionPerYear = funded.pay + funded.ni + funded.pension;
  const backfillCostTotal = overMonths(backfillCostPerYear, input.durationMonths);
  const awardContributionTotal = overMonths(awardContributionPerYear, input.durationMonths);
  return {
    backfillCostPerYear,
    backfillCostTotal,
    awardContributionPerYear,
    awardContributionTotal,
    trustNetCostPerYear: backfillCostPerYear - awardContributionPerYear,
    trustNetCostTotal: backfillCostTotal - awardContributionTotal,
    onCosts: { employerNationalInsurance: backfill.ni, employerPension: backfill.pension },
    backfillPayPerYear: backfill.pay,
    salaries: { clinician: clinicianSalary, backfill: backfillSalary },
  };
}
