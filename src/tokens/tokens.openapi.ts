import { z } from 'zod';
import { newTokenSchema, tokenScopes } from './token-scopes.js';

// The token routes of the admin API, and the bearer scheme a token is sent with.

const time = z.iso.datetime({ offset: true });
const scope = z.enum(Object.keys(tokenScopes) as [string, ...string[]]);

export const tokenComponents = {
  NewToken: newTokenSchema,
  TokenCreated: z.object({ id: z.string(), token: z.string().meta({ description: 'Shown only in this answer: store it now.' }) }),
  TokenList: z.object({
    tokens: z.array(z.object({
      id: z.string(), name: z.string(), scopes: z.array(scope), createdAt: time, createdBy: z.string(),
      lastUsedAt: time.nullable().meta({ description: 'Updated at most once a minute.' }), revokedAt: time.nullable(),
    })),
  }),
};

export const bearerScheme = {
  type: 'http', scheme: 'bearer',
  description: 'An API token an administrator made (POST /api/v1/admin/tokens). Read-only: GET routes within its scopes, for its own trust; no CSRF token is needed.',
};

interface Tools {
  json(schema: object, description: string): object;
  body(id: string): object;
  ref(id: string): object;
  refuse: (...statuses: Array<400 | 401 | 403 | 404 | 409 | 415 | 422>) => Record<string, unknown>;
  signedIn: object[];
  signedInWrite: object[];
}

export function tokenPaths({ json, body, ref, refuse, signedIn, signedInWrite }: Tools) {
  const id = { name: 'id', in: 'path', required: true, description: 'The id of the token.', schema: { type: 'string' } };
  return {
    '/api/v1/admin/tokens': {
      post: {
        summary: 'Create an API token (administrators)', operationId: 'createToken', tags: ['admin'], security: signedInWrite,
        requestBody: body('NewToken'),
        responses: { 201: json(ref('TokenCreated'), 'Created; the token is in this answer only.'), ...refuse(400, 401, 403, 415, 422) },
      },
      get: {
        summary: "The trust's API tokens (administrators)", operationId: 'listTokens', tags: ['admin'], security: signedIn,
        responses: { 200: json(ref('TokenList'), 'Newest first; never the tokens themselves.'), ...refuse(401, 403) },
      },
    },
    '/api/v1/admin/tokens/{id}': {
      delete: {
        summary: 'Revoke an API token (administrators)', operationId: 'revokeToken', tags: ['admin'], security: signedInWrite, parameters: [id],
        responses: { 204: { description: 'Revoked (or already revoked).' }, ...refuse(401, 403, 404) },
      },
    },
  };
}
