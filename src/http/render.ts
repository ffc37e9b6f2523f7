import type { Context } from 'hono';
import type { AppEnv } from './context.js';

/** Render a page in the layout, with who is signed in and the CSRF token every form needs. */
export function renderPage(c: Context<AppEnv>, page: string, data: Record<string, unknown>, status = 200) {
  const { views } = c.get('services');
  const html = views.render(page, { user: c.get('user'), csrfToken: c.get('csrfToken') ?? '', ...data });
  return c.html(html, status as 200);
}

/** The signed-in user, or a redirect to sign in (401 on the API). */
export function requireUser(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) throw new SignInRequiredError();
  return user;
}

export class SignInRequiredError extends Error {}
