import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { PASSWORD_HINT } from '../../accounts/password-rules.js';
import { accountForLink, changePassword, LinkError, requestPasswordReset, setPasswordWithLink } from '../../accounts/passwords.service.js';
import { endSession } from '../../accounts/sessions.js';
import type { TokenPurpose } from '../../accounts/tokens.repository.js';
import { roleText } from '../../admin/admin.presenter.js';
import { email as emailField } from '../../domain/fields.js';
import { InvalidInputError } from '../../plans/errors.js';
import { field, readForm } from '../body.js';
import type { AppEnv } from '../context.js';
import { visitorToken } from '../middleware/csrf.js';
import { SESSION_COOKIE } from '../middleware/session.js';
import { renderPage, requireUser } from '../render.js';

// A person's own password: changing it while signed in, asking for a link when
// it is forgotten, and the two emailed links (an invitation and a reset) on
// which a new password is chosen.

type Ctx = Context<AppEnv>;
const errorsOf = (error: InvalidInputError) => Object.fromEntries(error.errors.map((e) => [e.path, e.message]));

/** Pages for people who are not signed in carry the visitor's CSRF token, as the sign-in page does. */
const formToken = (c: Ctx) => (c.get('user') ? c.get('csrfToken') : visitorToken(c));

const linkPages: Record<TokenPurpose, { path: string; heading: string; intro: string; label: string; button: string; title: string }> = {
  invitation: {
    path: '/invitations', title: 'Set up your account', heading: 'Set up your account', label: 'Choose a password', button: 'Set up your account',
    intro: 'Choose the password you will sign in with. You will need it with the email address below.',
  },
  'password-reset': {
    path: '/reset-password', title: 'Choose a new password', heading: 'Choose a new password', label: 'New password', button: 'Save the new password',
    intro: 'Your new password works at once. Anywhere you are signed in, you are signed out.',
  },
};

const problems: Record<LinkError['reason'], { heading: string; text: string }> = {
  unknown: { heading: 'This link does not work', text: 'Check that you copied the whole link from the email. It may have been replaced by a newer one.' },
  used: { heading: 'This link has already been used', text: 'Each link works once. If you have set your password, sign in with it.' },
  replaced: { heading: 'This link has been replaced', text: 'A newer email has been sent since this one. Use the link in the newest email.' },
  expired: { heading: 'This link has run out', text: 'Links to set a password work for a limited time.' },
};

function linkProblem(c: Ctx, purpose: TokenPurpose, error: LinkError) {
  const { heading, text } = problems[error.reason];
  const next = purpose === 'invitation'
    ? "For a new invitation, ask your trust's administrator (the person who invited you)."
    : 'You can ask for a new link.';
  return renderPage(c, 'account/link-problem', {
    title: heading, heading, paragraphs: [text, next],
    action: purpose === 'invitation' ? { href: '/sign-in', text: 'Go to sign in' } : { href: '/forgotten-password', text: 'Ask for a new link' },
  }, error.reason === 'unknown' ? 404 : 410);
}

async function linkForm(c: Ctx, purpose: TokenPurpose, token: string, errors: Record<string, string> = {}, status = 200) {
  const services = c.get('services');
  try {
    const { user } = await accountForLink(services, token, purpose);
    const page = linkPages[purpose];
    const { config } = services;
    const sso = purpose === 'invitation' && config.OIDC_ISSUER
      ? { label: config.OIDC_LABEL, href: `/auth/oidc/start?invitation=${encodeURIComponent(token)}` } : null;
    c.header('Referrer-Policy', 'no-referrer');
    return renderPage(c, 'account/set-password', {
      ...page, csrfToken: formToken(c), action: `${page.path}/${token}`, email: user.email, hint: PASSWORD_HINT, errors, sso,
      account: [{ key: 'Name', value: user.name }, { key: 'Email address', value: user.email }, { key: 'Role', value: roleText(user.role) }],
    }, status);
  } catch (error) {
    if (error instanceof LinkError) return linkProblem(c, purpose, error);
    throw error;
  }
}

async function useLink(c: Ctx, purpose: TokenPurpose) {
  const token = c.req.param('token') ?? '';
  const password = field(await readForm(c), 'password');
  try {
    await setPasswordWithLink(c.get('services'), token, purpose, password);
  } catch (error) {
    if (error instanceof LinkError) return linkProblem(c, purpose, error);
    if (error instanceof InvalidInputError) return linkForm(c, purpose, token, errorsOf(error), 422);
    throw error;
  }
  // Someone else signed in on this browser is signed out: the new password is for the link's account.
  const cookie = c.get('sessionCookie');
  if (cookie) await endSession(c.get('services').db.kysely, cookie);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return c.redirect(`/sign-in?${purpose === 'invitation' ? 'accountReady' : 'passwordReset'}=1`, 303);
}

async function forgottenForm(c: Ctx, values: Record<string, string>, errors: Record<string, string>, status = 200) {
  return renderPage(c, 'account/forgotten-password', {
    title: 'Forgotten your password?', csrfToken: formToken(c), values, errors, backLink: { href: '/sign-in', text: 'Back to sign in' },
  }, status);
}

async function passwordForm(c: Ctx, errors: Record<string, string>, status = 200) {
  requireUser(c);
  const { config } = c.get('services');
  return renderPage(c, 'account/password', {
    title: 'Change your password', errors, hint: PASSWORD_HINT, sso: Boolean(config.OIDC_ISSUER), backLink: { href: '/', text: 'Back to your plans' },
    flash: c.req.query('changed') && status === 200 ? 'Your password is changed. Anywhere else you were signed in, you are signed out' : null,
  }, status);
}

export const accountRoutes = new Hono<AppEnv>()
  .get('/account/password', (c) => passwordForm(c, {}))
  .post('/account/password', async (c) => {
    const user = requireUser(c);
    const body = await readForm(c);
    try {
      await changePassword(c.get('services'), user.id, c.get('sessionCookie') ?? '', field(body, 'currentPassword'), field(body, 'newPassword'));
    } catch (error) {
      if (error instanceof InvalidInputError) return passwordForm(c, errorsOf(error), 422);
      throw error;
    }
    return c.redirect('/account/password?changed=1', 303);
  })
  .get('/forgotten-password', (c) => forgottenForm(c, {}, {}))
  .post('/forgotten-password', async (c) => {
    const email = field(await readForm(c), 'email').trim();
    const parsed = emailField('your email address').safeParse(email);
    if (!parsed.success) return forgottenForm(c, { email }, { email: parsed.error.issues[0]?.message ?? 'Enter your email address' }, 422);
    const services = c.get('services');
    await requestPasswordReset(services, parsed.data);
    return renderPage(c, 'account/forgotten-password-sent', {
      title: 'Check your email', email: parsed.data, perHour: services.config.PASSWORD_RESETS_PER_HOUR,
    });
  })
  .get('/invitations/:token', (c) => linkForm(c, 'invitation', c.req.param('token')))
  .post('/invitations/:token', (c) => useLink(c, 'invitation'))
  .get('/reset-password/:token', (c) => linkForm(c, 'password-reset', c.req.param('token')))
  .post('/reset-password/:token', (c) => useLink(c, 'password-reset'));
