import { z } from 'zod';
import { REPORT_STEPS } from './pipeline.js';

// GET /api/v1/reports/pipeline in the OpenAPI document (DESIGN section 13),
// and the CSV form of GET /api/v1/plans.

const counted = <K extends string>(key: K, description: string) =>
  z.array(z.object({ [key]: z.string().nullable().meta({ description }), count: z.number().int().min(0) } as Record<K, z.ZodType> & { count: z.ZodNumber }));

export const pipelineSchema = z.object({
  byStep: z.array(z.object({
    step: z.enum(REPORT_STEPS).meta({ description: 'The top-level state of the plan.' }),
    count: z.number().int().min(0).meta({ description: 'Plans at this step now.' }),
    medianDaysInStep: z.number().min(0).nullable()
      .meta({ description: 'Median length in days (one decimal) of every stay in this step, finished or still going; null when there is none.' }),
  })).meta({ description: 'Every step, in the order of the process.' }),
  byProfession: counted('profession', 'A profession of UPDATE_IDEA; every one is listed; null for plans that gave none.'),
  byLevel: counted('opportunityLevel', 'An opportunity level of UPDATE_IDEA; every one is listed.'),
  byScheme: counted('scheme', 'The scheme as the clinician wrote it (or its catalogue id); null when none was given. Most first.'),
  applications: z.object({
    submitted: z.number().int().min(0), awarded: z.number().int().min(0), notAwarded: z.number().int().min(0),
    successRate: z.number().min(0).max(1).nullable().meta({ description: 'awarded ÷ (awarded + notAwarded); null before any outcome.' }),
  }),
  backfillCostPerYear: z.number().int().min(0)
    .meta({ description: 'Whole pounds: the accepted terms\' estimated backfill cost a year, summed over plans not declined or withdrawn.' }),
});

export const reportComponents = { Pipeline: pipelineSchema };

interface Tools {
  json(schema: object, description: string): object;
  ref(id: string): object;
  refuse: (...statuses: Array<400 | 401 | 403 | 404 | 409 | 415 | 422>) => Record<string, unknown>;
  signedIn: object[];
}

const day = (description: string) => ({ in: 'query', required: false, description, schema: { type: 'string', format: 'date' } });

export function reportPaths({ json, ref, refuse, signedIn }: Tools) {
  return {
    '/api/v1/reports/pipeline': {
      get: {
        summary: "The trust's pipeline (R&D leads, administrators, or a token with reports:read)", operationId: 'pipelineReport', tags: ['reports'],
        security: [...signedIn, { bearer: ['reports:read'] }],
        description: "Counts the caller's own trust's plans created from `from` to `to` (both days included, as days in Europe/London), never a private draft. Without dates, every plan.",
        parameters: [{ name: 'from', ...day('First day, YYYY-MM-DD.') }, { name: 'to', ...day('Last day, YYYY-MM-DD; not before from.') }],
        responses: { 200: json(ref('Pipeline'), 'The report.'), ...refuse(401, 403, 422) },
      },
    },
  };
}

/** The CSV form of the plan list, for the 200 response of GET /api/v1/plans. */
export const plansCsvContent = {
  'text/csv': {
    schema: { type: 'string' },
    example: 'id,title,state,status,awaitingRole,dueAt,clinician,manager,profession,opportunityLevel,scheme,agreedBackfillCostPerYear,applicationsSubmitted,applicationsAwarded,applicationsNotAwarded,createdAt,updatedAt,version\r\n',
  },
};
