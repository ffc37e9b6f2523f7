import { Hono } from 'hono';
import { listUsers, toUser, type User } from '../../accounts/accounts.repository.js';
import { endSession, endSessions } from '../../accounts/sessions.js';
import { sessionRequestSchema, usersQuerySchema, type ApiUser } from '../../domain/api.js';
import { clientAddress } from '../client-address.js';
import type { AppEnv } from '../context.js';
import { problem } from '../errors.js';
import { clearSessionCookie, setSessionCookie } from '../middleware/session.js';
import { requireUser } from '../render.js';
import { signIn } from '../routes/auth.routes.js';
import { parseOrRefuse, readJsonObject } from './request.js';

// Signing in and out over the API, who is signed in, and the people of the
// caller's organisation. The session is the same one the pages use.

/** A person as the API shows them: never their organisation's internals or password. */
export const apiUser = ({ id, name, email, role }: User): ApiUser => ({ id, name, email, role });

export const sessionApi = new Hono<AppEnv>()
  .post('/v1/session', async (c) => {
    const { email, password } = parseOrRefuse(sessionRequestSchema, await readJsonObject(c));
    const services = c.get('services');
    const result = await signIn(services, email, password, clientAddress(c));
    // A locked account answers exactly as a wrong password does: a lock is no hint that the email exists.
    if (!result.ok) {
      if (result.status === 403) return problem(c, 403, 'Account deactivated', `${result.message}.`);
      return problem(c, 401, 'Sign in required', `${result.message}. After several failed attempts, signing in is paused for ${services.config.LOGIN_LOCK_MINUTES} minutes.`);
    }
    setSessionCookie(c, result.cookie, services.config.SESSION_HOURS);
    return c.json({ user: apiUser(result.user), csrfToken: result.csrfToken });
  })
  .delete('/v1/session', async (c) => {
    requireUser(c);
    const cookie = c.get('sessionCookie');
    if (cookie) await endSession(c.get('services').db.kysely, cookie);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  // Sign out everywhere: every session of the caller, this one included.
  .delete('/v1/sessions', async (c) => {
    const user = requireUser(c);
    const ended = await endSessions(c.get('services').db.kysely, user.id);
    clearSessionCookie(c);
    return c.json({ ended });
  })
  .get('/v1/me', (c) => c.json({ user: apiUser(requireUser(c)), csrfToken: c.get('csrfToken') }))
  .get('/v1/users', async (c) => {
    const user = requireUser(c);
    const { role } = parseOrRefuse(usersQuerySchema, c.req.query());
    const rows = await listUsers(c.get('services').db.kysely, user.organisationId, role);
    return c.json({ users: rows.map((row) => apiUser(toUser(row))) });
  });
