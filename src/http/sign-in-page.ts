import type { Context } from 'hono';
import { carriedFields, type CarriedForm } from './carried.js';
import type { AppEnv } from './context.js';
import { visitorToken } from './middleware/csrf.js';
import { renderPage } from './render.js';

export interface SignInPage {
  values?: { email?: string };
  errors?: Record<string, string>;
  /** Where to go after signing in. */
  next?: string;
  /** A form sent after the session ended, to offer again once signed in. */
  carried?: CarriedForm | null;
  /** A confirmation to show above the form ("You have signed out"). */
  flash?: string | null;
}

/** The sign-in page: on its own, after a failed attempt, or for someone signed out while writing. */
export function renderSignIn(c: Context<AppEnv>, page: SignInPage, status = 200) {
  return renderPage(c, 'sign-in', {
    title: 'Sign in', csrfToken: visitorToken(c), values: page.values ?? {}, errors: page.errors ?? {}, next: page.next ?? '/',
    carried: page.carried ? carriedFields(page.carried) : null, flash: page.flash ?? null,
    lockMinutes: c.get('services').config.LOGIN_LOCK_MINUTES,
  }, status);
}
