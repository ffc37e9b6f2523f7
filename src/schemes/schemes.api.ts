import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/context.js';
import { requireUser } from '../http/render.js';
import { schemeForApi, schemes } from './catalogue.js';

// GET /api/v1/schemes (DESIGN section 10): the catalogue a research idea picks
// its schemeId from, with where each figure came from.

const range = z.object({ min: z.number().int(), max: z.number().int() }).nullable();
const source = z.object({ url: z.string().nullable(), title: z.string() });

export const schemesResponseSchema = z.object({
  schemes: z.array(z.object({
    id: z.string(), name: z.string(), funder: z.string(), levels: z.array(z.string()), professions: z.array(z.string()),
    academicPercent: range.meta({ description: 'Share of the working week on academic work the scheme expects; null when it sets none.' }),
    durationMonths: range,
    hostsRequired: z.array(z.enum(['clinical', 'academic', 'either'])).meta({ description: '"either" is one host organisation of any kind.' }),
    fundsSalary: z.boolean(), source: source.nullable(), reviewedOn: z.string(),
    clinicalPercentMax: z.number().int().nullable().meta({ description: 'Most clinical time the award itself pays for, as a share of the week.' }),
    funds: z.string(),
    evidence: z.array(z.object({ figures: z.array(z.string()), source, checkedOn: z.string(), confirmed: z.boolean(), note: z.string() }))
      .meta({ description: "Where each figure was checked; confirmed is false where the funder's current guidance could not be read." }),
  })),
});

const body = { schemes: schemes.map(schemeForApi) };

export const schemesApi = new Hono<AppEnv>()
  .get('/v1/schemes', (c) => {
    requireUser(c);
    return c.json<z.infer<typeof schemesResponseSchema>>(body);
  });
