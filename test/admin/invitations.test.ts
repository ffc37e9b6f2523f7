import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { emailedLink, logActions, postAsVisitor, signInWith, visit } from './helpers.js';

// An administrator invites someone; the person follows the emailed link and
// chooses a password. Each link works once, for 7 days, and a new invitation
// replaces the old one.

const NEW_PASSWORD = 'copper lantern meadow river';
const invitee = { name: 'Jo Brand', email: 'jo.brand@northshire.nhs.uk', role: 'manager' };

describe.each(databaseKinds)('invitations (%s)', (kind) => {
  let t: TestApp;
  beforeEach(async () => { t = await buildTestApp(kind); });
  afterEach(async () => { await t.cleanup(); });

  async function invite(): Promise<{ id: string; link: string }> {
    const admin = await t.signIn(t.world.admin);
    const res = await admin.post('/admin/users', { ...invitee, organisationId: t.world.trust.id });
    expect(res.status).toBe(303);
    const id = /\/admin\/users\/([^?]+)\?done=invited/.exec(res.headers.get('location') ?? '')![1]!;
    return { id, link: (await emailedLink(t.services, invitee.email, 'invitation'))! };
  }

  it('emails a link on which the person chooses a password, then signs in', async () => {
    const { id, link } = await invite();
    expect(link).toMatch(/^\/invitations\/[\w-]+\.[\w-]+$/);
    // Invited, not yet able to sign in.
    expect((await signInWith(t, invitee.email, NEW_PASSWORD)).status).toBe(401);

    const page = await visit(t, link);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('Set up your account');
    expect(page.html).toContain(invitee.email);
    const done = await postAsVisitor(t, link, page, { password: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/sign-in?accountReady=1');

    expect((await signInWith(t, invitee.email, NEW_PASSWORD)).status).toBe(303);
    expect(await logActions(t.services, id)).toEqual(['user.invited', 'invitation.accepted']);
  });

  it('refuses a weak password, says why, and keeps the link usable', async () => {
    const { link } = await invite();
    const page = await visit(t, link);
    const weak = await postAsVisitor(t, link, page, { password: 'password1234' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('many people use');
    const short = await postAsVisitor(t, link, page, { password: 'short' });
    expect(await short.text()).toContain('12 characters or more');
    expect((await postAsVisitor(t, link, page, { password: NEW_PASSWORD })).status).toBe(303);
  });

  it('works once: a used link says so and changes nothing', async () => {
    const { link } = await invite();
    const page = await visit(t, link);
    await postAsVisitor(t, link, page, { password: NEW_PASSWORD });
    const again = await visit(t, link);
    expect(again.res.status).toBe(410);
    expect(again.html).toContain('already been used');
    const reuse = await postAsVisitor(t, link, page, { password: 'another long passphrase here' });
    expect(reuse.status).toBe(410);
    expect((await signInWith(t, invitee.email, NEW_PASSWORD)).status).toBe(303);
  });

  it('runs out after 7 days', async () => {
    const { link } = await invite();
    t.clock.advance(7 * 24 * 3600_000 + 60_000);
    const page = await visit(t, link);
    expect(page.res.status).toBe(410);
    expect(page.html).toContain('run out');
  });

  it('is replaced by a new invitation: only the newest link works', async () => {
    const { id, link: first } = await invite();
    const admin = await t.signIn(t.world.admin);
    expect((await admin.post(`/admin/users/${id}/invitation`, {})).status).toBe(303);
    const second = (await emailedLink(t.services, invitee.email, 'invitation'))!;
    expect(second).not.toBe(first);
    const old = await visit(t, first);
    expect(old.res.status).toBe(410);
    expect(old.html).toContain('replaced');
    const page = await visit(t, second);
    expect((await postAsVisitor(t, second, page, { password: NEW_PASSWORD })).status).toBe(303);
    expect(await logActions(t.services, id)).toEqual(['user.invited', 'user.invitation-resent', 'invitation.accepted']);
  });

  it('a made-up or altered link is not found', async () => {
    const { link } = await invite();
    const altered = `${link.slice(0, -3)}abc`;
    expect((await visit(t, altered)).res.status).toBe(404);
    expect((await visit(t, '/invitations/nothing')).res.status).toBe(404);
  });

  it('stores only a hash: neither the log nor the token table holds the link', async () => {
    const { link } = await invite();
    const secret = link.split('.')[1]!;
    const tokens = await t.services.db.kysely.selectFrom('account_tokens').selectAll().execute();
    const log = await t.services.db.kysely.selectFrom('admin_events').selectAll().execute();
    expect(JSON.stringify(tokens)).not.toContain(secret);
    expect(JSON.stringify(log)).not.toContain(secret);
  });
});
