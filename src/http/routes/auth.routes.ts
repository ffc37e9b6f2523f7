import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { findUserByEmail, NO_PASSWORD, toUser, normaliseEmail, type User } from '../../accounts/accounts.repository.js';
import { verifyPassword } from '../../accounts/password.js';
import { endSession, startSession } from '../../accounts/sessions.js';
import { clearFailures, lockedFor, recordFailure } from '../../accounts/throttle.js';
import type { AppEnv, Services } from '../context.js';
import { field, readForm } from '../body.js';
import { carriedPage, readCarried } from '../carried.js';
import { SESSION_COOKIE, setSessionCookie } from '../middleware/session.js';
import { renderPage } from '../render.js';
import { renderSignIn } from '../sign-in-page.js';

export type SignInResult =
  | { ok: true; user: User; cookie: string; csrfToken: string }
  | { ok: false; status: 401 | 403 | 429; message: string };

const WRONG = 'Enter a correct email address and password';
/** Said only to someone who gave the right password, so it tells a stranger nothing. */
export const DEACTIVATED = "Your account has been deactivated. If you still need it, ask your trust's administrator";

/** Shared by the sign-in page and POST /api/v1/session. */
export async function signIn(services: Services, email: string, password: string): Promise<SignInResult> {
  const { db, clock, config } = services;
  const key = `email:${normaliseEmail(email)}`;
  const now = clock();
  const minutes = await lockedFor(db.kysely, key, now);
  if (minutes > 0) return { ok: false, status: 429, message: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
  const row = email ? await findUserByEmail(db.kysely, email) : undefined;
  // Verify against a dummy hash when there is no account or no password yet, so timing does not reveal which emails exist.
  const stored = row && row.password_hash !== NO_PASSWORD ? row.password_hash : DUMMY_HASH;
  const valid = (await verifyPassword(password, stored)) && stored !== DUMMY_HASH;
  if (!row || !valid) {
    await recordFailure(db.kysely, key, now, { maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES });
    return { ok: false, status: 401, message: WRONG };
  }
  await clearFailures(db.kysely, key);
  if (row.deactivated_at) return { ok: false, status: 403, message: DEACTIVATED };
  const session = await startSession(db.kysely, row.id, now, config.SESSION_HOURS);
  return { ok: true, user: toUser(row), ...session };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Only same-site paths may be returned to after signing in. */
export const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

export const authRoutes = new Hono<AppEnv>()
  .get('/sign-in', async (c) => {
    if (c.get('user')) return c.redirect('/', 303);
    return renderSignIn(c, { next: safeNext(c.req.query('next')) });
  })
  .post('/sign-in', async (c) => {
    const body = await readForm(c);
    const email = field(body, 'email').trim();
    const password = field(body, 'password');
    const next = safeNext(field(body, 'next'));
    const carried = readCarried(body);
    const errors: Record<string, string> = {};
    if (!email) errors.email = 'Enter your email address';
    if (!password) errors.password = 'Enter your password';
    let status = 422;
    if (!Object.keys(errors).length) {
      const result = await signIn(c.get('services'), email, password);
      if (result.ok) {
        setSessionCookie(c, result.cookie, c.get('services').config.SESSION_HOURS);
        if (!carried) return c.redirect(next, 303);
        // Signed in as of this response: the page's header and its form use the new session.
        c.set('user', result.user);
        c.set('csrfToken', result.csrfToken);
        return renderPage(c, 'carried-answers', carriedPage(carried));
      }
      errors.email = result.message;
      status = result.status;
    }
    return renderSignIn(c, { values: { email }, errors, next, carried }, status);
  })
  .post('/sign-out', async (c) => {
    const cookie = c.get('sessionCookie');
    if (cookie) await endSession(c.get('services').db.kysely, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/sign-in?signedOut=1', 303);
  });
