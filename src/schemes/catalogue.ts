import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { keysOf, opportunityLevels, professions } from '../domain/options.js';
import { ROOT } from '../paths.js';

// The funding schemes a plan may aim for, kept as data (catalogue/schemes.json)
// with the source and the date every figure was checked. Read and validated
// once, when the server starts: a broken file stops the start, not a request.

export const CATALOGUE_DIR = path.join(ROOT, 'catalogue');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const percent = z.number().int().min(0).max(100);
const sourceSchema = z.strictObject({ url: z.url().nullable(), title: z.string().min(1) });
const range = (n: z.ZodNumber) => z.strictObject({ min: n, max: n }).refine((r) => r.min <= r.max, { error: 'min must not exceed max' });

/** The figures of a scheme that need a source: each must be named by at least one evidence entry. */
export const sourcedFigures = ['levels', 'professions', 'academicPercent', 'clinicalPercentMax', 'durationMonths', 'hostsRequired', 'fundsSalary'] as const;
export const hostKinds = { clinical: 'a clinical host', academic: 'an academic host', either: 'a host organisation' } as const;

const schemeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  funder: z.string().min(1),
  levels: z.array(z.enum(keysOf(opportunityLevels))).min(1),
  professions: z.array(z.enum(keysOf(professions))).min(1),
  /** Share of the working week on academic work; null when the scheme sets none. */
  academicPercent: range(percent).nullable(),
  /** Most clinical time the award itself pays for, as a share of the week; null when it says nothing. */
  clinicalPercentMax: percent.nullable(),
  durationMonths: range(z.number().int().min(1).max(120)).nullable(),
  hostsRequired: z.array(z.enum(keysOf(hostKinds))),
  fundsSalary: z.boolean(),
  funds: z.string().min(1),
  source: sourceSchema.nullable(),
  reviewedOn: isoDate,
  evidence: z.array(z.strictObject({
    figures: z.array(z.enum(sourcedFigures)).min(1),
    source: sourceSchema,
    checkedOn: isoDate,
    confirmed: z.boolean(),
    note: z.string().min(1),
  })),
}).superRefine((scheme, ctx) => {
  // A figure that says something (not null, not an empty list, fundsSalary true) must say where it came from.
  const named = new Set(scheme.evidence.flatMap((e) => e.figures));
  for (const figure of sourcedFigures) {
    const value = scheme[figure];
    const saysSomething = value !== null && !(Array.isArray(value) && value.length === 0) && value !== false;
    if (saysSomething && scheme.source && !named.has(figure)) {
      ctx.addIssue({ code: 'custom', path: [figure], message: `${scheme.id}: ${figure} has no source in evidence` });
    }
  }
});

const catalogueSchema = z.strictObject({ about: z.string(), schemes: z.array(schemeSchema).min(1) })
  .refine((c) => new Set(c.schemes.map((s) => s.id)).size === c.schemes.length, { error: 'Scheme ids must be unique' });

export type Scheme = z.infer<typeof schemeSchema>;

export function loadSchemes(file = path.join(CATALOGUE_DIR, 'schemes.json')): Scheme[] {
  const parsed = catalogueSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`The scheme catalogue ${file} is not valid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data.schemes;
}

export const schemes: readonly Scheme[] = loadSchemes();
const byId = new Map(schemes.map((s) => [s.id, s]));

export const schemeById = (id: string | undefined): Scheme | undefined => (id ? byId.get(id) : undefined);
export const isSchemeId = (id: string) => byId.has(id);

/** GET /api/v1/schemes, in the shape of DESIGN section 10 (plus what each scheme funds and its evidence). */
export function schemeForApi(s: Scheme) {
  return {
    id: s.id, name: s.name, funder: s.funder, levels: s.levels, professions: s.professions,
    academicPercent: s.academicPercent, durationMonths: s.durationMonths, hostsRequired: s.hostsRequired,
    fundsSalary: s.fundsSalary, source: s.source, reviewedOn: s.reviewedOn,
    clinicalPercentMax: s.clinicalPercentMax, funds: s.funds, evidence: s.evidence,
  };
}
