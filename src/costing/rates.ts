import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CATALOGUE_DIR } from '../schemes/catalogue.js';

// Pay and on-cost rates as data with the dates they apply from
// (catalogue/pay-*.json). A new pay year is a new entry in the file; a costing
// already stored keeps the figures and rates it was worked out with.

export const bands = ['2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'] as const;
export type Band = (typeof bands)[number];
export const payPoints = ['entry', 'top'] as const;
export type PayPoint = (typeof payPoints)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const pounds = z.number().int().min(0).max(1_000_000);
const source = z.strictObject({ url: z.url(), title: z.string().min(1) });
const provenance = { source, checkedOn: isoDate, confirmed: z.boolean(), note: z.string() };

const payYear = z.strictObject({
  payYear: z.string().regex(/^\d{4}\/\d{2}$/),
  effectiveFrom: isoDate,
  ...provenance,
  bands: z.strictObject(Object.fromEntries(bands.map((b) => [b, z.strictObject({ entry: pounds, top: pounds })])) as unknown as Record<Band, z.ZodObject<{ entry: typeof pounds; top: typeof pounds }>>),
});
const rate = { effectiveFrom: isoDate, rateBasisPoints: z.number().int().min(0).max(10_000), ...provenance };
const onCosts = z.strictObject({
  about: z.string(),
  employerNationalInsurance: z.array(z.strictObject({ ...rate, thresholdPerYear: pounds })).min(1),
  employerPension: z.array(z.strictObject(rate)).min(1),
});

export type PayYear = { payYear: string; effectiveFrom: string; source: { url: string; title: string }; bands: Record<Band, Record<PayPoint, number>> };
export type NationalInsuranceRate = z.infer<typeof onCosts>['employerNationalInsurance'][number];
export type PensionRate = z.infer<typeof onCosts>['employerPension'][number];

function read<T extends z.ZodType>(schema: T, name: string): z.output<T> {
  const file = path.join(CATALOGUE_DIR, name);
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not valid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}

const byDate = <T extends { effectiveFrom: string }>(list: T[]) => [...list].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));

const payTables = byDate(read(z.strictObject({ about: z.string(), years: z.array(payYear).min(1) }), 'pay-agenda-for-change.json').years) as PayYear[];
const rates = read(onCosts, 'pay-on-costs.json');
const niRates = byDate(rates.employerNationalInsurance);
const pensionRates = byDate(rates.employerPension);

/** The entry in force on `day` (YYYY-MM-DD); before the first one, the first (nothing older is known). */
function inForce<T extends { effectiveFrom: string }>(list: T[], day: string): T {
  return list.filter((entry) => entry.effectiveFrom <= day).at(-1) ?? list[0]!;
}

export interface RatesInForce {
  pay: PayYear;
  nationalInsurance: NationalInsuranceRate;
  pension: PensionRate;
}

/** The pay table and on-cost rates in force on a day (the day the costing is worked out). */
export function ratesOn(day: string): RatesInForce {
  return { pay: inForce(payTables, day), nationalInsurance: inForce(niRates, day), pension: inForce(pensionRates, day) };
}

export const knownPayYears = () => payTables.map((p) => p.payYear);
