import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../context.js';
import { field, readForm } from '../body.js';
import { CsrfError } from '../errors.js';
import { carriable, SignedOutWhileWritingError } from '../carried.js';
import { secureCookies } from './session.js';

// Every state-changing request must come from this site and carry the
// session's CSRF token: a form field `_csrf`, or the header X-CSRF-Token on
// the API. Before sign-in, the sign-in form uses a token held in a cookie.

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const VISITOR_COOKIE = 'plans_visitor_csrf';

const same = (a: string, b: string) => a.length > 0 && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function fromOtherSite(c: Context<AppEnv>): boolean {
  const fetchSite = c.req.header('sec-fetch-site');
  if (fetchSite === 'cross-site') return true;
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return origin === 'null';
  // An Origin that is not a URL at all came from no page of this site: refused like any other (403), never a 500.
  if (!URL.canParse(origin)) return true;
  return new URL(origin).host !== new URL(c.req.url).host;
}

function isForm(c: Context<AppEnv>): boolean {
  const type = c.req.header('content-type') ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

async function submittedToken(c: Context<AppEnv>): Promise<string> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  return isForm(c) ? field(await readForm(c), '_csrf') : '';
}

/** The token a visitor's sign-in form carries, set in a cookie the first time it is needed. */
export function visitorToken(c: Context<AppEnv>): string {
  const existing = getCookie(c, VISITOR_COOKIE);
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  setCookie(c, VISITOR_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Strict', secure: secureCookies(c) });
  return token;
}

export const csrf = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  if (fromOtherSite(c)) throw new CsrfError();
  // Signing in over the API needs no token yet: a JSON body cannot be sent across sites without CORS, which is off.
  if (c.req.path === '/api/v1/session' && c.req.method === 'POST') return next();
  // Without a session an API call acts as nobody; let it reach its route, which answers 401.
  if (!c.get('user') && c.req.path.startsWith('/api/')) return next();
  // A page form from someone whose session has ended: its token died with the session, but what they typed must not.
  if (!c.get('user') && isForm(c)) {
    const form = carriable(c.req.path, await readForm(c));
    if (form) throw new SignedOutWhileWritingError(form);
  }
  const expected = c.get('user') ? c.get('csrfToken') : getCookie(c, VISITOR_COOKIE) ?? '';
  if (!same(await submittedToken(c), expected)) throw new CsrfError();
  return next();
};
