import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { listUsers, normaliseEmail, toUser, type User } from '../../accounts/accounts.repository.js';
import { endSession } from '../../accounts/sessions.js';
import { lockedFor } from '../../accounts/throttle.js';
import { sessionRequestSchema, usersQuerySchema, type ApiUser } from '../../domain/api.js';
import type { AppEnv } from '../context.js';
import { problem } from '../errors.js';
import { SESSION_COOKIE, setSessionCookie } from '../middleware/session.js';
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
    const result = await signIn(services, email, password);
    if (!result.ok) {
      if (result.status === 429) {
        // Tell a client how long to wait, as well as the person reading the message.
        const minutes = await lockedFor(services.db.kysely, `email:${normaliseEmail(email)}`, services.clock());
        c.header('Retry-After', String(Math.max(1, minutes) * 60));
        return problem(c, 429, 'Too many attempts', result.message);
      }
      if (result.status === 403) return problem(c, 403, 'Account deactivated', `${result.message}.`);
      return problem(c, 401, 'Sign in required', `${result.message}.`);
    }
    setSessionCookie(c, result.cookie, services.config.SESSION_HOURS);
    return c.json({ user: apiUser(result.user), csrfToken: result.csrfToken });
  })
  .delete('/v1/session', async (c) => {
    requireUser(c);
    const cookie = c.get('sessionCookie');
    if (cookie) await endSession(c.get('services').db.kysely, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .get('/v1/me', (c) => c.json({ user: apiUser(requireUser(c)), csrfToken: c.get('csrfToken') }))
  .get('/v1/users', async (c) => {
    const user = requireUser(c);
    const { role } = parseOrRefuse(usersQuerySchema, c.req.query());
    const rows = await listUsers(c.get('services').db.kysely, user.organisationId, role);
    return c.json({ users: rows.map((row) => apiUser(toUser(row))) });
  });
