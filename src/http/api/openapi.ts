import { z } from 'zod';
import { plansQuerySchema, usersQuerySchema } from '../../domain/api.js';
import { notificationComponents, notificationPaths } from '../../notifications/notifications.openapi.js';
import { documentComponents, documentPaths } from '../../documents/documents.openapi.js';
import { adminPaths } from '../../admin/admin.openapi.js';
import { adminComponents } from '../../admin/admin.api.js';
import { costingComponents, costingPaths } from '../../costing/costing.openapi.js';
import { plansCsvContent, reportComponents, reportPaths } from '../../reports/reports.openapi.js';
import { bearerScheme, tokenComponents, tokenPaths } from '../../tokens/tokens.openapi.js';
import { webhookComponents, webhookPaths } from '../../webhooks/webhooks.openapi.js';
import { sessionComponents, sessionPaths } from '../../accounts/sessions.openapi.js';
import { SESSION_COOKIE } from '../middleware/session.js';
import { componentSchemas, queryParameters, ref } from './openapi.schemas.js';

// GET /api/openapi.json: the JSON API v1 (DESIGN section 5) as OpenAPI 3.1.
// Paths and prose are written here; every schema comes from zod.

const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = (id: string) => ({ required: true, content: { 'application/json': { schema: ref(id) } } });

const problems = {
  400: ['BadRequest', 'The body is not valid JSON.'],
  401: ['SignInRequired', 'No session: sign in with POST /api/v1/session first.'],
  403: ['NotAllowed', 'You may not do this now, or the X-CSRF-Token header is missing or wrong.'],
  404: ['NotFound', 'There is no such plan, or you may not see it: the two look the same on purpose.'],
  409: ['Conflict', 'The plan changed since you read it (stale version), or the terms you accept are not the latest. currentVersion says where it is now.'],
  415: ['UnsupportedMediaType', 'The body was not sent as application/json.'],
  422: ['InvalidInput', 'Some fields need correcting: errors lists each, by field path.'],
} as const;
type ProblemStatus = keyof typeof problems;

const refuse = (...statuses: ProblemStatus[]) =>
  Object.fromEntries(statuses.map((s) => [s, { $ref: `#/components/responses/${problems[s][0]}` }]));

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12' });
  return rest;
};

const signedIn = [{ session: [] }];
const signedInWrite = [{ session: [], csrfToken: [] }];
/** Reading plans: a session, or an API token with plans:read. */
const readsPlans = [...signedIn, { bearer: ['plans:read'] }];
const planId = { name: 'id', in: 'path', required: true, description: 'The id of the plan.', schema: { type: 'string' } };

const paths = {
  '/api/v1/session': {
    post: {
      summary: 'Sign in', operationId: 'signIn', tags: ['session'], security: [],
      requestBody: body('SessionRequest'),
      description: 'Starts a session: the response sets the session cookie and gives the csrfToken to send as X-CSRF-Token on every change. '
        + 'A wrong password, an unknown email, and an account or address locked after too many failed attempts all get the same 401.',
      responses: { 200: json(ref('Session'), 'Signed in.'), ...refuse(400, 401, 415, 422) },
    },
    delete: {
      summary: 'Sign out', operationId: 'signOut', tags: ['session'], security: signedInWrite,
      responses: { 204: { description: 'Signed out; the session cookie is cleared.' }, ...refuse(401, 403) },
    },
  },
  '/api/v1/me': {
    get: {
      summary: 'Who is signed in', operationId: 'me', tags: ['session'], security: signedIn,
      responses: { 200: json(ref('Session'), 'The signed-in user and their CSRF token.'), ...refuse(401) },
    },
  },
  '/api/v1/users': {
    get: {
      summary: "People of the caller's organisation", operationId: 'listUsers', tags: ['people'], security: signedIn,
      description: 'How a clinician finds the id of their line manager: ?role=manager.',
      parameters: queryParameters(usersQuerySchema, { role: 'Only people with this role.' }),
      responses: { 200: json(ref('UserList'), 'The people, by name.'), ...refuse(401, 422) },
    },
  },
  '/api/v1/plans': {
    post: {
      summary: 'Start a plan (clinician)', operationId: 'createPlan', tags: ['plans'], security: signedInWrite,
      requestBody: body('NewPlanRequest'),
      responses: {
        201: {
          ...json(ref('PlanCreated'), 'Started, in researchIdea.drafting at version 1.'),
          headers: { Location: { description: 'The new plan in this API.', schema: { type: 'string' } } },
        },
        ...refuse(400, 401, 403, 415, 422),
      },
    },
    get: {
      summary: 'Plans the caller may see', operationId: 'listPlans', tags: ['plans'], security: readsPlans,
      description: 'With Accept: text/csv, every plan the caller may list (not a page of them) as one streamed RFC 4180 file.',
      parameters: queryParameters(plansQuerySchema, {
        step: 'Only plans at this step; "closed" for plans that are finished or declined.',
        page: 'Which page of results.', perPage: 'How many plans a page.',
      }),
      responses: {
        200: {
          description: 'Most recently changed first; as CSV, oldest first.',
          content: { 'application/json': { schema: ref('PlanList') }, ...plansCsvContent },
          headers: {
            'X-Total-Count': { description: 'How many plans match, on all pages.', schema: { type: 'integer' } },
            Link: { description: 'rel="next" when there is another page.', schema: { type: 'string' } },
          },
        },
        ...refuse(401, 422),
      },
    },
  },
  '/api/v1/plans/{id}': {
    get: {
      summary: 'One plan, everything recorded so far, and what the caller may do now', operationId: 'getPlan', tags: ['plans'],
      security: readsPlans, parameters: [planId],
      responses: { 200: json(ref('Plan'), 'The plan.'), ...refuse(401, 404) },
    },
  },
  '/api/v1/plans/{id}/events': {
    post: {
      summary: 'Act on a plan', operationId: 'sendEvent', tags: ['plans'], security: signedInWrite, parameters: [planId],
      description: 'Send one of the plan\'s availableEvents with the version you read. Fields are flat beside type and version; unknown fields are refused.',
      requestBody: body('EventRequest'),
      responses: { 200: json(ref('EventResult'), 'The plan moved on.'), ...refuse(400, 401, 403, 404, 409, 415, 422) },
    },
  },
  '/api/v1/plans/{id}/history': {
    get: {
      summary: 'The audit trail of a plan', operationId: 'getHistory', tags: ['plans'], security: readsPlans, parameters: [planId],
      responses: { 200: json(ref('History'), 'Every event, oldest first.'), ...refuse(401, 404) },
    },
  },
  ...notificationPaths({ json, ref, refuse, signedIn, signedInWrite }),
  ...adminPaths({ json, body, ref, refuse, signedIn, signedInWrite }),
  ...costingPaths({ json, body, ref, refuse, signedIn, signedInWrite }),
  ...documentPaths({ json, body, ref, refuse, signedIn: readsPlans, signedInWrite, planId }),
  ...reportPaths({ json, ref, refuse, signedIn }),
  ...tokenPaths({ json, body, ref, refuse, signedIn, signedInWrite }),
  ...webhookPaths({ json, body, ref, refuse, signedIn, signedInWrite }),
  ...sessionPaths({ json, ref, refuse, signedInWrite }),
  '/api/openapi.json': {
    get: {
      summary: 'This document', operationId: 'openapi', tags: ['meta'], security: [],
      responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  },
};

function build() {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Clinical academic plans API', version: '1',
      description: 'Agree a research-training plan between a clinician, their manager, R&D and an academic supervisor. '
        + 'Errors are application/problem+json (RFC 9457). Dates are YYYY-MM-DD, times ISO 8601 with an offset, money whole pounds.',
    },
    servers: [{ url: '/' }],
    security: signedIn,
    paths,
    components: {
      schemas: {
        ...componentSchemas(),
        ...Object.fromEntries(Object.entries(notificationComponents).map(([id, schema]) => [id, jsonSchema(schema)])),
        ...Object.fromEntries(Object.entries(documentComponents).map(([id, schema]) => [id, jsonSchema(schema)])),
        ...Object.fromEntries(Object.entries(adminComponents).map(([id, schema]) => [id, jsonSchema(schema)])),
        ...Object.fromEntries(Object.entries(costingComponents).map(([id, schema]) => [id, jsonSchema(schema)])),
        ...Object.fromEntries(Object.entries({ ...reportComponents, ...tokenComponents, ...webhookComponents }).map(([id, schema]) => [id, jsonSchema(schema)])),
        ...Object.fromEntries(Object.entries(sessionComponents).map(([id, schema]) => [id, jsonSchema(schema)])),
      },
      responses: Object.fromEntries(Object.values(problems).map(([name, description]) => [
        name, { description, content: { 'application/problem+json': { schema: ref('Problem') } } },
      ])),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/v1/session (or by signing in on the web pages).' },
        csrfToken: {
          type: 'apiKey', in: 'header', name: 'X-CSRF-Token',
          description: 'Every change made with a session must carry the csrfToken from POST /api/v1/session or GET /api/v1/me.',
        },
        bearer: bearerScheme,
      },
    },
  };
}

let cached: ReturnType<typeof build> | undefined;

/** Built once, on first request: the schemas do not change while the server runs. */
export function openApiDocument() {
  cached ??= build();
  return cached;
}
