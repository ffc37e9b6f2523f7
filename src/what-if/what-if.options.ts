import { toFieldErrors } from '../domain/events.js';
import { costingRequestSchema } from '../costing/costing.schema.js';
import { costingResult } from '../costing/costing.service.js';
import { costingRows } from '../costing/costing.presenter.js';
import { number } from '../http/forms/fields.js';
import { checksFor } from '../schemes/checks.js';
import { schemeById } from '../schemes/catalogue.js';
import type { PlanContext } from '../../workflows/plan.types.js';
import { optionFields, type Field } from './what-if.fields.js';

// The what-if page's options: up to three sets of time split, WTE, bands,
// duration and scheme, read from the query string ("a-wte", "b-wte", …), each
// costed and checked against its scheme exactly as the terms would be.

export const OPTIONS = ['a', 'b', 'c'] as const;
const TEXT = ['clinicianBand', 'backfillBand', 'payPoint', 'schemeId'] as const;
const NUMBERS = ['academicPercent', 'durationMonths', 'wte', 'clinicianSalary', 'backfillSalary'] as const;
const FIELDS = [...NUMBERS, ...TEXT];
type Typed = Record<(typeof FIELDS)[number], string>;

const typedOption = (query: Record<string, string>, key: string): Typed =>
  Object.fromEntries(FIELDS.map((f) => [f, (query[`${key}-${f}`] ?? '').trim()])) as Typed;

/** The first option, before anything is asked: the current terms and their costing, or the idea's scheme. */
export function startingOption(context: PlanContext): Typed {
  const terms = context.terms.at(-1)?.terms as (Record<string, unknown> & { costing?: Record<string, unknown> }) | undefined;
  const costing = terms?.costing ?? {};
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  return {
    academicPercent: text(terms?.academicPercent), durationMonths: text(terms?.durationMonths), wte: text(costing.wte),
    clinicianSalary: text(costing.clinicianSalary), backfillSalary: text(costing.backfillSalary), clinicianBand: text(costing.clinicianBand),
    backfillBand: text(costing.backfillBand), payPoint: text(costing.payPoint) || 'top', schemeId: text(costing.schemeId ?? context.idea.schemeId),
  };
}

export interface WhatIfOption {
  key: string;
  number: number;
  typed: Typed;
  /** Each input, worked out in full for the page's plain partial (src/what-if/what-if.fields.ts). */
  fields: Field[];
  errors: Record<string, string>;
  result: null | {
    rows: Array<{ key: string; value: string; lines: string[] }>;
    checks: ReturnType<typeof checksFor>;
    scheme: string;
    /** The terms form, filled in with this option. */
    useHref: string;
  };
}

const fieldsOf = (key: string, typed: Typed, errors: Record<string, string>) => optionFields(key, { ...typed, payPoint: typed.payPoint || 'top' }, errors);

export function readOptions(query: Record<string, string>, context: PlanContext, planId: string, now: Date): WhatIfOption[] {
  const asked = Object.keys(query).some((k) => /^[abc]-/.test(k));
  return OPTIONS.map((key, i) => {
    const typed = asked ? typedOption(query, key) : i === 0 ? startingOption(context) : typedOption({}, key);
    const base = { key, number: i + 1, typed, fields: fieldsOf(key, typed, {}), errors: {}, result: null };
    if (!asked || FIELDS.every((f) => !typed[f] || (f === 'payPoint'))) return base;
    const input: Record<string, unknown> = {};
    for (const f of NUMBERS) if (typed[f]) input[f] = number.read({ [f]: typed[f] }, f);
    for (const f of TEXT) if (typed[f]) input[f] = typed[f];
    const parsed = costingRequestSchema.safeParse(input);
    if (!parsed.success) {
      const errors = Object.fromEntries(toFieldErrors(parsed.error).map((e) => [`${key}-${e.path}`, e.message]));
      return { ...base, fields: fieldsOf(key, typed, errors), errors };
    }
    const schemeId = parsed.data.schemeId ?? context.idea.schemeId;
    const figures = costingResult({ ...parsed.data, ...(schemeId ? { schemeId } : {}) }, now);
    const terms = new URLSearchParams({ academicPercent: typed.academicPercent, durationMonths: typed.durationMonths });
    for (const f of ['clinicianBand', 'clinicianSalary', 'backfillBand', 'backfillSalary', 'payPoint', 'wte', 'schemeId'] as const) {
      if (typed[f]) terms.set(`costing-${f}`, typed[f]);
    }
    return {
      ...base,
      result: {
        // As lines, not text to split into paragraphs: the summary list shows them without more work.
        rows: [{ key: 'Time split', value: `${parsed.data.academicPercent}% academic, ${100 - parsed.data.academicPercent}% clinical, for ${parsed.data.durationMonths} months` },
          ...costingRows(figures, parsed.data.durationMonths)].map((row) => ({ key: row.key, value: row.value, lines: row.value.split('\n') })),
        checks: checksFor({ ...context.idea, schemeId }, parsed.data, 'This scheme'),
        scheme: schemeById(schemeId)?.name ?? 'No scheme from the list',
        useHref: `/plans/${planId}/terms?${terms}`,
      },
    };
  });
}
