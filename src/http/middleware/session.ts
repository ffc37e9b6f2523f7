import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findSession } from '../../accounts/sessions.js';
import type { AppEnv } from '../context.js';

export const SESSION_COOKIE = 'plans_session';

/** Who is signed in, from the session cookie; `user` is null for visitors. */
export const session = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const { db, clock } = c.get('services');
  const cookie = getCookie(c, SESSION_COOKIE) ?? null;
  const found = cookie ? await findSession(db.kysely, cookie, clock()) : undefined;
  c.set('user', found?.user ?? null);
  c.set('csrfToken', found?.csrfToken ?? '');
  c.set('sessionCookie', found ? cookie : null);
  if (cookie && !found) deleteCookie(c, SESSION_COOKIE, { path: '/' });
  await next();
};

export function setSessionCookie(c: Parameters<MiddlewareHandler<AppEnv>>[0], value: string, hours: number): void {
  setCookie(c, SESSION_COOKIE, value, {
    path: '/', httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:', maxAge: Math.round(hours * 3600),
  });
}
