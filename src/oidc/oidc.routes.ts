import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as client from 'openid-client';
import { findUserByEmail, findUserById, statusOf } from '../accounts/accounts.repository.js';
import { accountForLink, acceptInvitationBySso, LinkError } from '../accounts/passwords.service.js';
import { startSession } from '../accounts/sessions.js';
import type { AppEnv } from '../http/context.js';
import { errorPage } from '../http/errors.js';
import { setSessionCookie } from '../http/middleware/session.js';
import { renderPage } from '../http/render.js';
import { safeNext } from '../http/safe-next.js';
import { identityOf, providerConfiguration, redirectUri, rememberLogin, SCOPES, takeLogin } from './oidc.client.js';

// GET /auth/oidc/start sends the browser to the identity provider
// (authorisation code with PKCE, state and nonce); GET /auth/oidc/callback
// signs in the active account whose email is the one the provider vouches
// for. Anything else gets a page that says why, and nothing is created.

type Ctx = Context<AppEnv>;
/** Holds a sign-in with single sign-on while the browser is at the identity provider (the cookies page lists it). */
export const OIDC_COOKIE = 'plans_oidc';
const COOKIE = OIDC_COOKIE;
const COOKIE_PATH = '/auth/oidc';

function refuse(c: Ctx, status: number, heading: string, ...paragraphs: string[]) {
  return renderPage(c, 'account/link-problem', {
    title: heading, heading, paragraphs, action: { href: '/sign-in', text: 'Go to sign in' },
  }, status);
}

const UNAVAILABLE = 'Single sign-on is not available at the moment. Sign in with your password, or try again in a few minutes.';

export const oidcRoutes = new Hono<AppEnv>()
  .get('/auth/oidc/start', async (c) => {
    const { config, db, clock } = c.get('services');
    if (!config.OIDC_ISSUER) return errorPage(c, 404, 'Page not found', 'Single sign-on is not set up for this service.');
    const link = c.req.query('invitation');
    let invitation: string | null = null;
    if (link) {
      try {
        invitation = (await accountForLink(c.get('services'), link, 'invitation')).tokenId;
      } catch (error) {
        // The invitation page says what is wrong with the link.
        if (error instanceof LinkError) return c.redirect(`/invitations/${encodeURIComponent(link)}`, 303);
        throw error;
      }
    }
    let provider: client.Configuration;
    try {
      provider = await providerConfiguration(config);
    } catch (error) {
      console.error(`[oidc] discovery of ${config.OIDC_ISSUER} failed: ${(error as Error).message}`);
      return refuse(c, 503, 'Single sign-on is not available', UNAVAILABLE);
    }
    const codeVerifier = client.randomPKCECodeVerifier();
    const login = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, next: safeNext(c.req.query('next'), c.get('services').config.APP_URL), invitation };
    const cookie = await rememberLogin(db.kysely, login, clock());
    // Lax: the provider's redirect back is a top-level GET from another site, which must carry it.
    setCookie(c, COOKIE, cookie, { path: COOKIE_PATH, httpOnly: true, sameSite: 'Lax', secure: config.APP_URL.startsWith('https:'), maxAge: 600 });
    const url = client.buildAuthorizationUrl(provider, {
      redirect_uri: redirectUri(config), scope: SCOPES, state: login.state, nonce: login.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256',
    });
    return c.redirect(url.href, 302);
  })
  .get('/auth/oidc/callback', async (c) => {
    const services = c.get('services');
    const { config, db, clock } = services;
    if (!config.OIDC_ISSUER) return errorPage(c, 404, 'Page not found', 'Single sign-on is not set up for this service.');
    const login = await takeLogin(db.kysely, getCookie(c, COOKIE), clock());
    deleteCookie(c, COOKIE, { path: COOKIE_PATH });
    if (!login) return refuse(c, 400, 'Start signing in again', 'Signing in took too long, or was started in another browser or tab. Go back to the sign-in page and start again.');
    if (c.req.query('error')) {
      return refuse(c, 403, 'You are not signed in', 'Your organisation\'s sign-in did not let you through, or you cancelled it. You can try again, or sign in with your password.');
    }
    let claims: Record<string, unknown> | undefined;
    try {
      const provider = await providerConfiguration(config);
      // The address the provider redirected to, as the public sees it (APP_URL), not as a proxy passed it on.
      const current = new URL(`${config.APP_URL}${c.req.path}${new URL(c.req.url).search}`);
      const tokens = await client.authorizationCodeGrant(provider, current, {
        pkceCodeVerifier: login.codeVerifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true,
      });
      claims = tokens.claims() as Record<string, unknown> | undefined;
      // Providers may keep the email for the UserInfo endpoint rather than the ID token; ask there, for the same subject.
      if (claims && typeof claims.email !== 'string' && typeof claims.sub === 'string') {
        claims = { ...claims, ...(await client.fetchUserInfo(provider, tokens.access_token, claims.sub)) };
      }
    } catch (error) {
      console.error(`[oidc] sign-in not confirmed: ${(error as Error).message}`);
      return refuse(c, 502, 'We could not confirm who you are', 'Your organisation\'s sign-in answered in a way this service cannot check. Try again, or sign in with your password.');
    }
    const { email, emailVerified } = identityOf(claims);
    if (!email) return refuse(c, 403, 'Your email address was not shared', 'Your organisation\'s sign-in did not tell this service your email address, so it cannot find your account. Sign in with your password, or ask your trust\'s administrator.');
    if (!emailVerified) return refuse(c, 403, 'Your email address is not confirmed', `Your organisation's sign-in gave the address ${email} but did not confirm that it belongs to you, so this service cannot use it. Ask your trust's administrator.`);
    const user = await findUserByEmail(db.kysely, email);
    if (!user) return refuse(c, 403, 'There is no account for you', `There is no account for ${email} in this service. Ask your trust's administrator to invite you.`);
    if (user.deactivated_at) return refuse(c, 403, 'Your account has been deactivated', `The account for ${email} has been deactivated. If you still need it, ask your trust's administrator.`);
    if (statusOf(user) === 'invited') {
      const invitedUser = login.invitation ? await invitationHolder(services, login.invitation) : undefined;
      if (invitedUser !== user.id) {
        return refuse(c, 403, 'Your account is not set up yet', login.invitation
          ? `You signed in as ${email}, but the invitation you followed was for someone else. Sign in with the account the invitation was sent to.`
          : `Follow the link in the invitation email sent to ${email} to set up your account first.`);
      }
      if (!(await acceptInvitationBySso(services, login.invitation!, user))) {
        return refuse(c, 410, 'This invitation has already been used', 'Each invitation works once. Sign in again to continue.');
      }
    }
    const session = await startSession(db.kysely, user.id, clock(), config.SESSION_HOURS);
    setSessionCookie(c, session.cookie, config.SESSION_HOURS);
    return c.redirect(login.next, 303);
  });

/** Whose invitation a token is. */
async function invitationHolder(services: AppEnv['Variables']['services'], tokenId: string): Promise<string | undefined> {
  const row = await services.db.kysely.selectFrom('account_tokens').select('user_id').where('id', '=', tokenId).executeTakeFirst();
  return row && (await findUserById(services.db.kysely, row.user_id))?.id;
}
