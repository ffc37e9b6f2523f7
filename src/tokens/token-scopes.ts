import { z } from 'zod';
import { requiredText } from '../domain/fields.js';

// What a token may read. Each scope opens GET routes of the API and nothing
// else: a token never changes anything, so it needs no CSRF token.

export const tokenScopes = {
  'plans:read': 'Read plans: the list (JSON or CSV), each plan, its history and its documents',
  'reports:read': "Read the trust's pipeline report",
} as const;
export type TokenScope = keyof typeof tokenScopes;

/** The token a request came with, as the routes see it. */
export interface ApiTokenGrant {
  id: string;
  name: string;
  scopes: TokenScope[];
}
const scopeNames = Object.keys(tokenScopes) as [TokenScope, ...TokenScope[]];

/** The API routes each scope opens, for GET and HEAD only. */
const routes: Array<[RegExp, TokenScope]> = [
  [/^\/api\/v1\/plans$/, 'plans:read'],
  [/^\/api\/v1\/plans\/[^/]+(\/history|\/documents(\/[^/]+)?)?$/, 'plans:read'],
  [/^\/api\/v1\/reports\/pipeline$/, 'reports:read'],
];

/** The scope a request needs, or null when no token may make it. */
export function scopeFor(method: string, path: string): TokenScope | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  return routes.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}

export const newTokenSchema = z.strictObject({
  name: requiredText('a name for the token', 100),
  scopes: z.array(z.enum(scopeNames, { error: (iss) => `Unknown scope ${JSON.stringify(iss.input)}: choose from ${scopeNames.join(', ')}` }), {
    error: `Choose at least one scope: ${scopeNames.join(', ')}`,
  }).min(1, { error: `Choose at least one scope: ${scopeNames.join(', ')}` }),
});
export type NewToken = z.infer<typeof newTokenSchema>;
