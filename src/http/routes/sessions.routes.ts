import { Hono } from 'hono';
import { endSessions, openSessions } from '../../accounts/sessions.js';
import { sha256 } from '../../plans/hash.js';
import { formatDateTime } from '../../presenters/format.js';
import type { AppEnv } from '../context.js';
import { clearSessionCookie } from '../middleware/session.js';
import { renderPage, requireUser } from '../render.js';

// Where a person is signed in, and signing out everywhere at once: after
// using a shared computer, or when a device is lost.

export const sessionRoutes = new Hono<AppEnv>()
  .get('/account/sessions', async (c) => {
    const user = requireUser(c);
    const { db, clock, config } = c.get('services');
    const current = c.get('sessionCookie');
    const currentHash = current ? sha256(current) : '';
    const sessions = (await openSessions(db.kysely, user.id, clock(), config.SESSION_IDLE_MINUTES)).map((s) => ({
      started: formatDateTime(s.created_at), lastUsed: formatDateTime(s.last_seen_at ?? s.created_at), current: s.id_hash === currentHash,
    }));
    return renderPage(c, 'account/sessions', {
      title: 'Where you are signed in', sessions,
      idleMinutes: config.SESSION_IDLE_MINUTES, backLink: { href: '/', text: 'Back to your plans' },
    });
  })
  .post('/account/sessions/end-all', async (c) => {
    const user = requireUser(c);
    await endSessions(c.get('services').db.kysely, user.id);
    clearSessionCookie(c);
    return c.redirect('/sign-in?signedOut=everywhere', 303);
  });
