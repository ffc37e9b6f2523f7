import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteUser } from '../../src/accounts/admin-users.service.js';
import { loadConfig } from '../../src/config.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { emailedLink, logActions } from '../admin/helpers.js';
import { MiniBrowser } from './browser.js';
import { startProvider, type TestProvider } from './provider.js';

// Single sign-on against a real OpenID Provider started on the loopback,
// through the real redirects: the account whose email the provider vouches
// for signs in; anyone else is told why, and nothing is created.

const APP_URL = 'http://localhost';

describe.each(databaseKinds)('single sign-on with OpenID Connect (%s)', (kind) => {
  let t: TestApp;
  let provider: TestProvider;

  beforeAll(async () => {
    provider = await startProvider({
      sam: { email: 'Sam.Patel@northshire.nhs.uk', email_verified: true },
      alex: { email: 'alex.morgan@northshire.nhs.uk', email_verified: true },
      stranger: { email: 'stranger@elsewhere.nhs.uk', email_verified: true },
      unverified: { email: 'robin.hale@northshire.nhs.uk', email_verified: false },
      nomail: {},
      ann: { email: 'ann.lee@northshire.nhs.uk', email_verified: true },
      kit: { email: 'kit.moss@northshire.nhs.uk', email_verified: true },
    }, `${APP_URL}/auth/oidc/callback`);
    t = await buildTestApp(kind, {
      APP_URL, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_LABEL: 'Sign in with NHSmail',
    });
  }, 60_000);
  afterAll(async () => { await t?.cleanup(); await provider?.stop(); });

  const countUsers = async () => (await t.services.db.kysely.selectFrom('users').select('id').execute()).length;

  it('the sign-in page offers the button, which sends the browser to the provider with PKCE, state and nonce', async () => {
    const page = await (await t.app.request(`${APP_URL}/sign-in`)).text();
    expect(page).toContain('Sign in with NHSmail');
    expect(page).toContain('href="/auth/oidc/start"');
    const start = await t.app.request(`${APP_URL}/auth/oidc/start`);
    expect(start.status).toBe(302);
    const to = new URL(start.headers.get('location')!);
    expect(to.origin).toBe(provider.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: provider.clientId, response_type: 'code', scope: 'openid email profile', redirect_uri: `${APP_URL}/auth/oidc/callback`,
      code_challenge_method: 'S256', state: expect.any(String), nonce: expect.any(String), code_challenge: expect.any(String),
    });
  });

  it('signs in the active account whose email the provider vouches for', async () => {
    const browser = new MiniBrowser(t, APP_URL);
    const done = await browser.signInAtProvider(`${APP_URL}/auth/oidc/start?next=/notifications`, 'sam');
    // Back on the page asked for, signed in.
    expect(done.url).toBe(`${APP_URL}/notifications`);
    expect(done.res.status).toBe(200);
    expect(await done.res.text()).toContain('Sam Patel');
    expect(browser.visited.some((u) => u.startsWith(`${provider.issuer}/interaction/`))).toBe(true);
    const me = await browser.request(`${APP_URL}/api/v1/me`);
    expect((await me.json() as { user: { email: string } }).user.email).toBe('sam.patel@northshire.nhs.uk');
  });

  it('someone without an account is told so, and no account is made', async () => {
    const before = await countUsers();
    const done = await new MiniBrowser(t, APP_URL).signInAtProvider(`${APP_URL}/auth/oidc/start`, 'stranger');
    expect(done.res.status).toBe(403);
    expect(await done.res.text()).toContain('There is no account for stranger@elsewhere.nhs.uk');
    expect(await countUsers()).toBe(before);
  });

  it('an email the provider does not confirm, or no email at all, is refused with the reason', async () => {
    const unverified = await new MiniBrowser(t, APP_URL).signInAtProvider(`${APP_URL}/auth/oidc/start`, 'unverified');
    expect(unverified.res.status).toBe(403);
    expect(await unverified.res.text()).toContain('did not confirm that it belongs to you');
    const nomail = await new MiniBrowser(t, APP_URL).signInAtProvider(`${APP_URL}/auth/oidc/start`, 'nomail');
    expect(nomail.res.status).toBe(403);
    expect(await nomail.res.text()).toContain('did not tell this service your email address');
  });

  it('a deactivated account is refused', async () => {
    const admin = await t.signIn(t.world.admin);
    await admin.post(`/admin/users/${t.world.clinician.id}/deactivate`, {});
    const done = await new MiniBrowser(t, APP_URL).signInAtProvider(`${APP_URL}/auth/oidc/start`, 'alex');
    expect(done.res.status).toBe(403);
    expect(await done.res.text()).toContain('has been deactivated');
  });

  it('accepts an invitation: followed from its link, the invited account becomes active without a password', async () => {
    const { id } = await inviteUser(t.services, t.world.admin, { email: 'ann.lee@northshire.nhs.uk', name: 'Ann Lee', role: 'clinician', organisationId: t.world.trust.id });
    const link = (await emailedLink(t.services, 'ann.lee@northshire.nhs.uk', 'invitation'))!;
    const page = await (await t.app.request(`${APP_URL}${link}`)).text();
    expect(page).toContain('Sign in with NHSmail');
    const token = link.slice('/invitations/'.length);
    const done = await new MiniBrowser(t, APP_URL).signInAtProvider(`${APP_URL}/auth/oidc/start?invitation=${token}`, 'ann');
    expect(done.url).toBe(`${APP_URL}/`);
    expect(await logActions(t.services, id)).toEqual(['user.invited', 'invitation.accepted']);
    expect((await t.app.request(`${APP_URL}${link}`)).status).toBe(410);
  });

  it('an invited account that has not followed its invitation is told to', async () => {
    await inviteUser(t.services, t.world.admin, { email: 'kit.moss@northshire.nhs.uk', name: 'Kit Moss', role: 'manager', organisationId: t.world.trust.id });
    const done = await new MiniBrowser(t, APP_URL).signInAtProvider(`${APP_URL}/auth/oidc/start`, 'kit');
    expect(done.res.status).toBe(403);
    expect(await done.res.text()).toContain('Follow the link in the invitation email');
  });

  it('a callback without the sign-in this browser started is refused', async () => {
    const browser = new MiniBrowser(t, APP_URL);
    const start = await browser.request(`${APP_URL}/auth/oidc/start`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    // Another browser (no cookie) arriving with this state and a made-up code.
    const other = await t.app.request(`${APP_URL}/auth/oidc/callback?code=made-up&state=${state}`);
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('Start signing in again');
  });

  it('an http issuer is accepted only on the loopback', () => {
    const oidc = { OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' };
    expect(() => loadConfig({ OIDC_ISSUER: 'http://login.example.com/tenant', ...oidc })).toThrow(/https/);
    expect(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000', ...oidc }).OIDC_ISSUER).toBe('http://127.0.0.1:9000');
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.microsoftonline.com/t/v2.0' })).toThrow(/OIDC_CLIENT_ID/);
  });
});
