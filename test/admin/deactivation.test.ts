import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { planWaitingOnManager } from '../notifications/helpers.js';
import { PASSWORD } from '../support/world.js';
import { logActions, signInWith } from './helpers.js';

// Deactivating an account when someone leaves: their sessions end at once,
// their sign-in is refused, their name stays, and the plans waiting on them
// are listed for R&D. Administrators act only within their own trust.

describe.each(databaseKinds)('deactivating an account (%s)', (kind) => {
  let t: TestApp;
  beforeEach(async () => { t = await buildTestApp(kind); });
  afterEach(async () => { await t.cleanup(); });

  it('ends their sessions at once and refuses their sign-in, with a clear message', async () => {
    const manager = await t.signIn(t.world.manager);
    expect((await manager.get('/')).status).toBe(200);
    const admin = await t.signIn(t.world.admin);
    const res = await admin.post(`/admin/users/${t.world.manager.id}/deactivate`, {});
    expect(res.headers.get('location')).toBe(`/admin/users/${t.world.manager.id}?done=deactivated`);

    const next = await manager.get('/');
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toMatch(/^\/sign-in/);
    expect((await manager.api('GET', '/api/v1/me')).status).toBe(401);

    const page = await signInWith(t, t.world.manager.email, PASSWORD);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Your account has been deactivated');
    // A wrong password is told only that it is wrong: nothing about the account.
    const wrong = await signInWith(t, t.world.manager.email, 'not-the-password-at-all');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('deactivated');
    const api = await t.app.request('http://localhost/api/v1/session', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: t.world.manager.email, password: PASSWORD }),
    });
    expect(api.status).toBe(403);
  });

  it('lists the plans waiting on them, with links, and keeps their name on those plans', async () => {
    const plan = await planWaitingOnManager(t.services, t.world, 'Falls after hip fracture');
    const admin = await t.signIn(t.world.admin);
    const confirm = await (await admin.get(`/admin/users/${t.world.manager.id}/deactivate`)).text();
    expect(confirm).toContain(`href="/plans/${plan.id}"`);
    expect(confirm).toContain('Falls after hip fracture');
    expect(confirm).toContain('Waiting on them');
    await admin.post(`/admin/users/${t.world.manager.id}/deactivate`, {});

    const account = await (await admin.get(`/admin/users/${t.world.manager.id}`)).text();
    expect(account).toContain('Deactivated');
    expect(account).toContain(`href="/plans/${plan.id}"`);
    const planPage = await (await admin.get(`/plans/${plan.id}`)).text();
    expect(planPage).toContain('Sam Patel');
    const api = await (await admin.api('GET', `/api/v1/admin/users/${t.world.manager.id}`)).json();
    expect(api).toMatchObject({ status: 'deactivated', plansWaiting: [{ id: plan.id, part: 'manager', waitingOnThem: true }] });
  });

  it('leaves them out of the managers a clinician can choose', async () => {
    const admin = await t.signIn(t.world.admin);
    await admin.post(`/admin/users/${t.world.manager.id}/deactivate`, {});
    const clinician = await t.signIn(t.world.clinician);
    const { users } = await (await clinician.api('GET', '/api/v1/users?role=manager')).json() as { users: Array<{ id: string }> };
    expect(users.map((u) => u.id)).not.toContain(t.world.manager.id);
  });

  it('reactivating lets them sign in again', async () => {
    const admin = await t.signIn(t.world.admin);
    await admin.post(`/admin/users/${t.world.manager.id}/deactivate`, {});
    expect((await admin.post(`/admin/users/${t.world.manager.id}/reactivate`, {})).headers.get('location')).toContain('done=reactivated');
    expect((await signInWith(t, t.world.manager.email, PASSWORD)).status).toBe(303);
    expect(await logActions(t.services, t.world.manager.id)).toEqual(['user.deactivated', 'user.reactivated']);
  });

  it('an administrator cannot deactivate themselves', async () => {
    const admin = await t.signIn(t.world.admin);
    const res = await admin.post(`/admin/users/${t.world.admin.id}/deactivate`, {});
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('You cannot deactivate your own account');
    expect((await admin.get('/')).status).toBe(200);
  });

  it('two administrators deactivating each other at once leave the trust one administrator', async () => {
    const second = await t.services.db.kysely.insertInto('users').values({
      id: 'second-admin', organisation_id: t.world.trust.id, email: 'pat.kay@northshire.nhs.uk', name: 'Pat Kay', role: 'admin',
      password_hash: (await t.services.db.kysely.selectFrom('users').select('password_hash').where('id', '=', t.world.admin.id).executeTakeFirstOrThrow()).password_hash,
      created_at: '2026-12-01T09:00:00.000Z', activated_at: '2026-12-01T09:00:00.000Z', deactivated_at: null,
    }).returningAll().executeTakeFirstOrThrow();
    const a = await t.signIn(t.world.admin);
    const b = await t.signIn({ id: second.id, name: second.name, email: second.email, role: 'admin', organisationId: t.world.trust.id });
    const results = await Promise.all([
      a.api('POST', `/api/v1/admin/users/${second.id}/deactivate`),
      b.api('POST', `/api/v1/admin/users/${t.world.admin.id}/deactivate`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 403]);
    const admins = await t.services.db.kysely.selectFrom('users').select('id')
      .where('role', '=', 'admin').where('organisation_id', '=', t.world.trust.id).where('deactivated_at', 'is', null).execute();
    expect(admins).toHaveLength(1);
  });

  it("another trust's administrator gets 'not found' for this trust's people", async () => {
    const outsider = await t.signIn(t.world.outsiderAdmin);
    expect((await outsider.get(`/admin/users/${t.world.manager.id}`)).status).toBe(404);
    expect((await outsider.post(`/admin/users/${t.world.manager.id}/deactivate`, {})).status).toBe(404);
    expect((await outsider.api('POST', `/api/v1/admin/users/${t.world.manager.id}/deactivate`)).status).toBe(404);
    const list = await (await outsider.get('/admin/users')).text();
    expect(list).not.toContain('Sam Patel');
    expect((await signInWith(t, t.world.manager.email, PASSWORD)).status).toBe(303);
  });

  it('people who are not administrators do not find the console', async () => {
    const rd = await t.signIn(t.world.rdLead);
    expect((await rd.get('/admin')).status).toBe(404);
    expect((await rd.get('/admin/users')).status).toBe(404);
    expect((await rd.api('POST', `/api/v1/admin/users/${t.world.manager.id}/deactivate`)).status).toBe(403);
  });
});
