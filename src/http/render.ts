import type { Context } from 'hono';
import { unreadCount } from '../notifications/outbox.js';
import type { AppEnv } from './context.js';

/**
 * Render a page in the layout, with who is signed in, the CSRF token every
 * form needs, and their unread notifications for the header link.
 */
export async function renderPage(c: Context<AppEnv>, page: string, data: Record<string, unknown>, status = 200) {
  const { views, db } = c.get('services');
  const user = c.get('user');
  // A page about a failing database must still render: the count is left out then.
  const unread = user ? await unreadCount(db.kysely, user.id).catch(() => null) : null;
  const html = views.render(page, { user, csrfToken: c.get('csrfToken') ?? '', unreadNotifications: unread, ...data });
  return c.html(html, status as 200);
}

/** The signed-in user, or a redirect to sign in (401 on the API). */
export function requireUser(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) throw new SignInRequiredError();
  return user;
}

export class SignInRequiredError extends Error {}
