import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { findUserByEmail, NO_PASSWORD, toUser, normaliseEmail, type User } from '../../accounts/accounts.repository.js';
import { verifyPassword } from '../../accounts/password.js';
import { endSession, startSession } from '../../accounts/sessions.js';
import { clearFailures, countAttempt, forgiveAttempt } from '../../accounts/throttle.js';
import type { AppEnv, Services } from '../context.js';
import { field, readForm } from '../body.js';
import { carriedPage, readCarried } from '../carried.js';
import { clientAddress } from '../client-address.js';
import { clearSessionCookie, setSessionCookie } from '../middleware/session.js';
import { renderPage } from '../render.js';
import { safeNext } from '../safe-next.js';
import { renderSignIn } from '../sign-in-page.js';

export type SignInResult =
  | { ok: true; user: User; cookie: string; csrfToken: string }
  | { ok: false; status: 401 | 403; message: string };

/** One answer for a wrong password, an unknown email, a locked account and a refused address alike. */
export const WRONG_SIGN_IN = 'Enter a correct email address and password';
/** Said only to someone who gave the right password, so it tells a stranger nothing. */
export const DEACTIVATED = "Your account has been deactivated. If you still need it, ask your trust's administrator";

/**
 * Shared by the sign-in page and POST /api/v1/session. The attempt is counted
 * (for the account, and for the client's address when known) before the
 * password is checked; over either limit, the password is not checked at all
 * and the answer is the same as for a wrong one. (It comes sooner: spending a
 * password hash on each refused guess would let one client keep a core busy.)
 */
export async function signIn(services: Services, email: string, password: string, address: string | null): Promise<SignInResult> {
  const { db, clock, config } = services;
  const now = clock();
  const refused = { ok: false, status: 401, message: WRONG_SIGN_IN } as const;
  const accountKey = `email:${normaliseEmail(email)}`;
  const addressKey = address ? `address:${address}` : null;
  const window = { lockMinutes: config.LOGIN_LOCK_MINUTES };
  const forAccount = await countAttempt(db.kysely, accountKey, now, { ...window, maxFailures: config.LOGIN_MAX_FAILURES });
  const forAddress = addressKey ? await countAttempt(db.kysely, addressKey, now, { ...window, maxFailures: config.LOGIN_MAX_FAILURES_PER_ADDRESS }) : 0;
  if (forAccount > config.LOGIN_MAX_FAILURES || forAddress > config.LOGIN_MAX_FAILURES_PER_ADDRESS) return refused;
  const row = email ? await findUserByEmail(db.kysely, email) : undefined;
  // Verify against a dummy hash when there is no account or no password yet, so timing does not reveal which emails exist.
  const stored = row && row.password_hash !== NO_PASSWORD ? row.password_hash : DUMMY_HASH;
  const valid = (await verifyPassword(password, stored)) && stored !== DUMMY_HASH;
  if (!row || !valid) return refused;
  await clearFailures(db.kysely, accountKey);
  if (addressKey) await forgiveAttempt(db.kysely, addressKey);
  if (row.deactivated_at) return { ok: false, status: 403, message: DEACTIVATED };
  const session = await startSession(db.kysely, row.id, now, config.SESSION_HOURS);
  return { ok: true, user: toUser(row), ...session };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';


const signedOutMessages: Record<string, string> = {
  '1': 'You have signed out',
  everywhere: 'You have signed out everywhere: every browser and device signed in as you must sign in again',
};

export const authRoutes = new Hono<AppEnv>()
  .get('/sign-in', async (c) => {
    if (c.get('user')) return c.redirect('/', 303);
    const flash = signedOutMessages[c.req.query('signedOut') ?? ''] ?? null;
    return renderSignIn(c, { next: safeNext(c.req.query('next'), c.get('services').config.APP_URL), flash });
  })
  .post('/sign-in', async (c) => {
    const body = await readForm(c);
    const email = field(body, 'email').trim();
    const password = field(body, 'password');
    const next = safeNext(field(body, 'next'), c.get('services').config.APP_URL);
    const carried = readCarried(body);
    const errors: Record<string, string> = {};
    if (!email) errors.email = 'Enter your email address';
    if (!password) errors.password = 'Enter your password';
    let status = 422;
    if (!Object.keys(errors).length) {
      const result = await signIn(c.get('services'), email, password, clientAddress(c));
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
    clearSessionCookie(c);
    return c.redirect('/sign-in?signedOut=1', 303);
  });
