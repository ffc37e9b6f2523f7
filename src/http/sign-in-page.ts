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

const notices: Record<string, string> = {
  accountReady: 'Your account is set up. Sign in with your email address and new password',
  passwordReset: 'Your password is changed. Sign in with your new password',
};

/** The sign-in page: on its own, after a failed attempt, or for someone signed out while writing. */
export function renderSignIn(c: Context<AppEnv>, page: SignInPage, status = 200) {
  const { config } = c.get('services');
  const notice = Object.keys(notices).find((key) => c.req.method === 'GET' && c.req.query(key));
  const next = page.next ?? '/';
  return renderPage(c, 'sign-in', {
    title: 'Sign in', csrfToken: visitorToken(c), values: page.values ?? {}, errors: page.errors ?? {}, next,
    carried: page.carried ? carriedFields(page.carried) : null, flash: page.flash ?? (notice ? notices[notice] : null),
    // A form carried through signing in needs the password form: single sign-on leaves this page.
    sso: config.OIDC_ISSUER && !page.carried ? { label: config.OIDC_LABEL, href: `/auth/oidc/start${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}` } : null,
    lockMinutes: config.LOGIN_LOCK_MINUTES,
  }, status);
}
