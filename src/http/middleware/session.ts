import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findSession } from '../../accounts/sessions.js';
import { usesHttps } from '../../config.js';
import type { AppEnv } from '../context.js';

export const SESSION_COOKIE = 'plans_session';

/**
 * Who is signed in, from the session cookie; `user` is null for visitors.
 * Every answer to someone signed in (or signing in) is `Cache-Control:
 * no-store`, so Back after signing out, or a shared computer's cache, shows
 * nothing of it; so is every answer that sets a cookie.
 */
export const session = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const { db, clock, config } = c.get('services');
  const cookie = getCookie(c, SESSION_COOKIE) ?? null;
  const found = cookie ? await findSession(db.kysely, cookie, clock(), config.SESSION_IDLE_MINUTES) : undefined;
  c.set('user', found?.user ?? null);
  c.set('csrfToken', found?.csrfToken ?? '');
  c.set('sessionCookie', found ? cookie : null);
  if (cookie && !found) clearSessionCookie(c);
  await next();
  if (found || c.get('user') || c.res.headers.has('set-cookie')) c.res.headers.set('Cache-Control', 'no-store');
};

/** Secure when the service's public address is https (a TLS proxy in front), or the request itself came over https. */
export const secureCookies = (c: Context<AppEnv>) => usesHttps(c.get('services').config) || new URL(c.req.url).protocol === 'https:';

export function setSessionCookie(c: Context<AppEnv>, value: string, hours: number): void {
  setCookie(c, SESSION_COOKIE, value, {
    path: '/', httpOnly: true, sameSite: 'Lax', secure: secureCookies(c), maxAge: Math.round(hours * 3600),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies(c) });
}
