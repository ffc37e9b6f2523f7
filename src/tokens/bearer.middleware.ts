import type { Context, MiddlewareHandler } from 'hono';
import type { User } from '../accounts/accounts.repository.js';
import type { AppEnv } from '../http/context.js';
import { problem } from '../http/errors.js';
import { scopeFor, type TokenScope } from './token-scopes.js';
import { findLiveToken, noteUse } from './tokens.repository.js';

// `Authorization: Bearer <token>` on the API, instead of a session. A token
// reads as its trust's administrator would, on the GET routes its scopes open
// and nowhere else; whatever session cookie came with it is ignored.

const BEARER = /^Bearer\s+(\S+)\s*$/i;

const refuse = (c: Context<AppEnv>, status: 401 | 403, detail: string) => {
  if (status === 401) c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
  return problem(c, status, status === 401 ? 'Token not accepted' : 'Not allowed with this token', detail);
};

export const bearerTokens = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const header = c.req.header('authorization');
  if (header === undefined) return next();
  const token = BEARER.exec(header)?.[1];
  if (!token) return refuse(c, 401, 'Send the token as the header "Authorization: Bearer <token>".');
  const { db, clock } = c.get('services');
  const row = await findLiveToken(db.kysely, token);
  if (!row) return refuse(c, 401, 'This token is not known or has been revoked. Ask an administrator of your trust for a new one.');
  const scopes = row.scopes.split(' ') as TokenScope[];
  const needed = scopeFor(c.req.method, c.req.path);
  if (needed === null) return refuse(c, 403, 'An API token can only read: it opens GET /api/v1/plans (and each plan, its history and documents) and GET /api/v1/reports/pipeline.');
  if (!scopes.includes(needed)) return refuse(c, 403, `This token does not have the scope ${needed}.`);
  await noteUse(db.kysely, row.id, clock());
  // Who the token reads as: an administrator of its trust, who sees every plan of that trust and no other.
  const reader: User = { id: `api-token:${row.id}`, name: row.name, email: '', role: 'admin', organisationId: row.organisation_id };
  c.set('user', reader);
  c.set('csrfToken', '');
  c.set('sessionCookie', null);
  c.set('apiToken', { id: row.id, name: row.name, scopes });
  return next();
};
