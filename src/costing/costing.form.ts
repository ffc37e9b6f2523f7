import type { FieldKind, FormBody, FormValues } from '../http/forms/fields.js';
import { number, one } from '../http/forms/fields.js';
import { schemes } from '../schemes/catalogue.js';
import { termsCostingSchema, type CostingPeople } from './costing.schema.js';
import { termsCosting } from './costing.service.js';
import { bandItems, costingRows } from './costing.presenter.js';

// The costing part of the terms form: its inputs ("costing-<part>"), what it
// shows after "Work out the cost", and the terms form filled from a what-if
// option. Works without JavaScript: working out the cost is a button that
// posts the form and shows it again with the figures.

const PARTS = ['clinicianBand', 'clinicianSalary', 'backfillBand', 'backfillSalary', 'payPoint', 'wte', 'schemeId'] as const;
const NUMBERS = new Set<string>(['clinicianSalary', 'backfillSalary', 'wte']);
const input = (part: string) => `costing-${part}`;

const typedParts = (body: FormBody) => Object.fromEntries(PARTS.map((part) => [part, (one(body, input(part)) ?? '').trim()]));

/** The costing inputs as a field of the terms: none given is no costing at all. */
export const costingField: FieldKind = {
  read(body) {
    const typed = typedParts(body);
    // The pay point alone (a radio with a default) is not a costing.
    if (!PARTS.some((part) => part !== 'payPoint' && typed[part])) return undefined;
    return Object.fromEntries(PARTS.filter((part) => typed[part]).map((part) =>
      [part, NUMBERS.has(part) ? number.read({ [part]: typed[part]! }, part) : typed[part]]));
  },
  typed: (body) => ({ costing: typedParts(body) }),
  shown: (value) => {
    const stored = (value ?? {}) as Record<string, unknown>;
    return { costing: Object.fromEntries(PARTS.map((part) => [part, stored[part] === undefined ? '' : String(stored[part])])) };
  },
  inputs: () => PARTS.map(input),
  idFor: ([part = 'clinicianBand']) => input(PARTS.includes(part as never) ? part : 'clinicianBand'),
};

export const costingChoices = {
  clinicianBands: bandItems('Select a band'),
  backfillBands: bandItems('Select a band'),
  payPoints: [{ value: 'top', text: 'Top of the band', hint: 'The cautious figure, and how posts are usually budgeted' }, { value: 'entry', text: 'Entry point of the band' }],
  schemes: [{ value: '', text: 'The scheme named in the research idea' }, ...schemes.map((s) => ({ value: s.id, text: s.name }))],
};

type Terms = { academicPercent?: unknown; durationMonths?: unknown; costing?: unknown; estimatedBackfillCostPerYear?: unknown };

/** The costing of posted terms, worked out, when its inputs and the terms' share and duration are all valid. */
export function workOut(payload: Terms, ideaSchemeId: string | undefined, now: Date) {
  const people = termsCostingSchema.safeParse(payload.costing);
  const share = payload.academicPercent;
  const months = payload.durationMonths;
  if (!people.success || !Number.isInteger(share) || !Number.isInteger(months)) return undefined;
  if ((share as number) < 1 || (share as number) > 100 || (months as number) < 1 || (months as number) > 120) return undefined;
  return termsCosting(people.data as CostingPeople, { academicPercent: share as number, durationMonths: months as number }, ideaSchemeId, now);
}

/** With a costing, the estimated cost a year comes from it (the server fills it in the same way when the terms are sent). */
export function withCostingEstimate<T extends Terms>(payload: T, ideaSchemeId: string | undefined, now: Date): T {
  const costing = workOut(payload, ideaSchemeId, now);
  return costing ? { ...payload, estimatedBackfillCostPerYear: costing.figures.backfillCostPerYear } : payload;
}

/** What the costing part of the form shows under its button. */
export function costingView(values: FormValues, stored: unknown, ideaSchemeId: string | undefined, now: Date, calculated: boolean) {
  const typed = values.costing as Record<string, string> | undefined;
  const months = Number(values.durationMonths);
  const fromStored = !calculated && stored ? stored as ReturnType<typeof termsCosting> : undefined;
  const costing = fromStored ?? (calculated && typed ? workOut({
    academicPercent: Number(values.academicPercent), durationMonths: months,
    costing: costingField.read(Object.fromEntries(Object.entries(typed).map(([k, v]) => [input(k), v])), 'costing'),
  }, ideaSchemeId, now) : undefined);
  return { choices: costingChoices, rows: costing ? costingRows(costing.figures, Number.isInteger(months) && months > 0 ? months : 12) : null, asked: calculated };
}

/** Terms form values from a what-if option's query string ("use this option"). */
export function termsValuesFromQuery(query: Record<string, string>): FormValues {
  const values: FormValues = {};
  for (const key of ['academicPercent', 'durationMonths'] as const) if (query[key]) values[key] = query[key];
  const parts = Object.fromEntries(PARTS.map((part) => [part, query[input(part)] ?? '']));
  if (PARTS.some((part) => parts[part])) values.costing = parts;
  return values;
}
