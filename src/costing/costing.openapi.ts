import { schemesResponseSchema } from '../schemes/schemes.api.js';
import { costingRequestSchema, costingResultSchema } from './costing.schema.js';

// The scheme catalogue and the costing calculator (DESIGN section 10) in the
// OpenAPI document: zod components and paths, spread into openapi.ts.

export const costingComponents = { SchemeList: schemesResponseSchema, CostingRequest: costingRequestSchema, Costing: costingResultSchema };

type Refuse = (...statuses: Array<400 | 401 | 403 | 415 | 422>) => Record<string, unknown>;
interface Tools {
  json(schema: object, description: string): object;
  body(id: string): object;
  ref(id: string): object;
  refuse: Refuse;
  signedIn: object[];
  signedInWrite: object[];
}

export function costingPaths({ json, body, ref, refuse, signedIn, signedInWrite }: Tools) {
  return {
    '/api/v1/schemes': {
      get: {
        summary: 'Funding schemes and their rules', operationId: 'listSchemes', tags: ['schemes'], security: signedIn,
        description: 'The catalogue a research idea picks its schemeId from. Every figure names where it was checked and when.',
        responses: { 200: json(ref('SchemeList'), 'Every scheme, "other" last.'), ...refuse(401) },
      },
    },
    '/api/v1/costing': {
      post: {
        summary: 'Cost releasing a clinician for research', operationId: 'calculateCosting', tags: ['schemes'], security: signedInWrite,
        description: 'Whole pounds. Give each person an Agenda for Change band (2 to 9, 8a to 8d) or, for someone not on Agenda for Change '
          + 'such as a doctor or dentist, a full-time salary a year instead. payPoint defaults to top. Rates are those in force today '
          + '(Europe/London); rates.rounding states the one rounding rule. Nothing is stored.',
        requestBody: body('CostingRequest'),
        responses: { 200: json(ref('Costing'), 'The costing.'), ...refuse(400, 401, 403, 415, 422) },
      },
    },
  };
}
