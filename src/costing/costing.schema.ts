import { z } from 'zod';
import { form, missing, wholeNumber } from '../domain/fields.js';
import { isSchemeId, schemeById } from '../schemes/catalogue.js';
import type { CostingInput } from './calculator.js';
import { bands, payPoints } from './rates.js';

// The calculator's inputs (DESIGN section 10), shared by POST /api/v1/costing,
// the costing part of the terms and the what-if page. Doctors and dentists are
// not on Agenda for Change: for them (or anyone else) a full-time salary a year
// replaces the band, and the calculator never guesses one.

const bandList = bands.join(', ');
const band = (who: string) => z.enum(bands, { error: `Select ${who} Agenda for Change band: ${bandList}` });
const salary = (who: string) => wholeNumber(`${who} full-time salary a year`, 1, 1_000_000, ' pounds');

/** WTE from 0.1 to 1, at most 4 decimal places (ESR records WTE to four), read once into ten-thousandths. */
const wte = z.number({ error: (iss) => (missing(iss) ? 'Enter the whole-time equivalent (WTE), from 0.1 to 1' : 'The WTE must be a number, like 0.8') })
  .min(0.1, { error: 'The WTE must be between 0.1 and 1' })
  .max(1, { error: 'The WTE must be between 0.1 and 1' })
  .refine((v) => Math.abs(v * 10_000 - Math.round(v * 10_000)) < 1e-6, { error: 'The WTE can have at most 4 decimal places, like 0.5333' });

export const schemeIdField = z.string({ error: 'The scheme must be one of the ids from GET /api/v1/schemes' })
  .refine(isSchemeId, { error: 'Choose a scheme from the list (GET /api/v1/schemes gives their ids)' });

/** The inputs that describe people and pay: the terms supply the academic share and duration themselves. */
export const costingPeopleShape = {
  clinicianBand: band("the clinician's").optional(),
  clinicianSalary: salary("the clinician's").optional(),
  backfillBand: band("the backfill's").optional(),
  backfillSalary: salary("the backfill's").optional(),
  payPoint: z.enum(payPoints, { error: 'Choose the pay point: entry or top' }).optional(),
  wte,
  schemeId: schemeIdField.optional(),
};

type People = { clinicianBand?: string; clinicianSalary?: number; backfillBand?: string; backfillSalary?: number };

/** Each person needs a band or a salary, and not both (so nobody wonders which one counted). */
export function requireBandOrSalary(value: People, ctx: z.RefinementCtx) {
  for (const [who, name] of [['clinician', "the clinician's"], ['backfill', "the backfill's"]] as const) {
    const hasBand = value[`${who}Band`] !== undefined;
    const hasSalary = value[`${who}Salary`] !== undefined;
    if (!hasBand && !hasSalary) {
      ctx.addIssue({ code: 'custom', path: [`${who}Band`], message: `Select ${name} Agenda for Change band, or enter a full-time salary if they are not on Agenda for Change` });
    } else if (hasBand && hasSalary) {
      ctx.addIssue({ code: 'custom', path: [`${who}Salary`], message: `Give ${name} band or a salary, not both` });
    }
  }
}

export const costingRequestSchema = form({
  ...costingPeopleShape,
  academicPercent: wholeNumber('the academic share of the week', 1, 100, '%'),
  durationMonths: wholeNumber('the duration in months', 1, 120, ' months'),
}).superRefine(requireBandOrSalary);

export type CostingRequest = z.infer<typeof costingRequestSchema>;
export type CostingPeople = Omit<CostingRequest, 'academicPercent' | 'durationMonths'>;

/** The calculator's input from a checked request. */
export function toCostingInput(request: CostingPeople & { academicPercent: number; durationMonths: number }): CostingInput {
  return {
    clinician: request.clinicianSalary !== undefined ? { salary: request.clinicianSalary } : { band: request.clinicianBand! },
    backfill: request.backfillSalary !== undefined ? { salary: request.backfillSalary } : { band: request.backfillBand! },
    // The top of the band by default: the cautious figure, and how trusts commonly budget a post.
    payPoint: request.payPoint ?? 'top',
    wteTenThousandths: Math.round(request.wte * 10_000),
    academicPercent: request.academicPercent,
    durationMonths: request.durationMonths,
    scheme: schemeById(request.schemeId),
  };
}

// ---- what the calculator answers ----------------------------------------

const pounds = z.number().int();
const sourceRef = z.object({ url: z.string(), title: z.string() });

export const costingResultSchema = z.object({
  backfillCostPerYear: pounds.meta({ description: 'Pay and employer on-costs of one person covering the hours released, a year.' }),
  backfillCostTotal: pounds,
  awardContributionPerYear: pounds.meta({ description: "The clinician's pay and on-costs for the academic share, when the scheme funds salary; otherwise 0." }),
  trustNetCostPerYear: pounds.meta({ description: 'backfillCostPerYear − awardContributionPerYear; negative when the award brings in more than the cover costs.' }),
  trustNetCostTotal: pounds,
  onCosts: z.object({ employerNationalInsurance: pounds, employerPension: pounds }).meta({ description: "The backfill's employer on-costs a year, in pounds." }),
  rates: z.object({
    payYear: z.string(), source: sourceRef, payPoint: z.enum(payPoints), clinicianSalary: pounds, backfillSalary: pounds,
    employerNationalInsurance: z.object({ basisPoints: z.number().int(), thresholdPerYear: pounds, effectiveFrom: z.string(), source: sourceRef }),
    employerPension: z.object({ basisPoints: z.number().int(), effectiveFrom: z.string(), source: sourceRef }),
    rounding: z.string(),
  }),
  awardContributionTotal: pounds,
  backfillPayPerYear: pounds,
  schemeId: z.string().nullable(),
  fundsSalary: z.boolean(),
  workedOutOn: z.string().meta({ description: 'The day (Europe/London) whose pay year and rates were used.' }),
});

/**
 * `costing` in PROPOSE_TERMS: the people and pay of the calculator; the terms give the academic share and
 * the duration, and the research idea the scheme unless one is named here. `figures` is read-only: the
 * server works them out when the terms are proposed and stores them with the terms.
 */
export const termsCostingSchema = form({
  ...costingPeopleShape,
  figures: costingResultSchema.optional().meta({ readOnly: true, description: 'Filled in by the server; anything sent here is replaced.' }),
}).superRefine(requireBandOrSalary);
