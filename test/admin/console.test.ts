import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCount } from '../../src/db/connect.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { logActions } from './helpers.js';

// The admin console and its API: inviting with bad input changes nothing and
// says why; roles, organisations and the log; the log refuses to be edited.

const countUsers = async (t: TestApp) =>
  toCount((await t.services.db.kysely.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n as number);

describe.each(databaseKinds)('admin console (%s)', (kind) => {
  let t: TestApp;
  beforeEach(async () => { t = await buildTestApp(kind); });
  afterEach(async () => { await t.cleanup(); });

  it('invites over the API: 201 { id, invited: true }, and the email is queued', async () => {
    const admin = await t.signIn(t.world.admin);
    const res = await admin.api('POST', '/api/v1/admin/users', {
      email: 'Ann.Lee@Northshire.nhs.uk', name: 'Ann Lee', role: 'clinician', organisationId: t.world.trust.id,
    });
    expect(res.status).toBe(201);
    const body = await res.json() as { id: string; invited: boolean };
    expect(body).toEqual({ id: expect.any(String), invited: true });
    const mail = await t.services.db.kysely.selectFrom('notifications').selectAll().where('kind', '=', 'invitation').executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ email: 'ann.lee@northshire.nhs.uk', plan_id: null, user_id: null });
    expect(mail.body).toContain('Chris Lee');
    const account = await (await admin.api('GET', `/api/v1/admin/users/${body.id}`)).json();
    expect(account).toMatchObject({ status: 'invited', role: 'clinician', email: 'ann.lee@northshire.nhs.uk' });
  });

  it('refuses an email in use, a role that does not exist and an organisation of another trust, changing nothing', async () => {
    const admin = await t.signIn(t.world.admin);
    const before = await countUsers(t);
    const taken = await admin.api('POST', '/api/v1/admin/users', { email: t.world.manager.email, name: 'X Y', role: 'manager', organisationId: t.world.trust.id });
    expect(taken.status).toBe(422);
    expect((await taken.json() as { errors: unknown[] }).errors).toEqual([{ path: 'email', message: `There is already an account with the email address ${t.world.manager.email}` }]);
    const role = await admin.api('POST', '/api/v1/admin/users', { email: 'x.y@northshire.nhs.uk', name: 'X Y', role: 'boss', organisationId: t.world.trust.id });
    expect((await role.json() as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['role']);
    const org = await admin.api('POST', '/api/v1/admin/users', { email: 'x.y@northshire.nhs.uk', name: 'X Y', role: 'manager', organisationId: t.world.otherTrust.id });
    expect((await org.json() as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['organisationId']);

    // The page keeps what was typed and puts the message at the field.
    const page = await admin.post('/admin/users', { name: 'Xan Yu', email: t.world.manager.email, role: 'manager', organisationId: t.world.trust.id });
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toContain('There is already an account with the email address');
    expect(html).toContain('value="Xan Yu"');
    expect(await countUsers(t)).toBe(before);
    const mails = await t.services.db.kysely.selectFrom('notifications').select('id').where('kind', '=', 'invitation').execute();
    expect(mails).toHaveLength(0);
  });

  it('invites a supervisor into the partner university, not into another trust', async () => {
    const admin = await t.signIn(t.world.admin);
    const form = await (await admin.get('/admin/users/new')).text();
    expect(form).toContain('University of Northshire');
    expect(form).not.toContain('Southvale NHS Trust');
    const res = await admin.post('/admin/users', { name: 'Dr Mo Rae', email: 'mo.rae@northshire.ac.uk', role: 'supervisor', organisationId: t.world.university.id });
    expect(res.status).toBe(303);
  });

  it('changes a role and records before and after in the log', async () => {
    const admin = await t.signIn(t.world.admin);
    const res = await admin.post(`/admin/users/${t.world.otherManager.id}/role`, { role: 'rdLead' });
    expect(res.headers.get('location')).toContain('done=role');
    const log = await (await admin.get('/admin/log')).text();
    expect(log).toContain('Changed the role of Kim Ford');
    expect(log).toContain('role: Manager');
    expect(log).toContain('role: R&amp;D lead');
    expect((await admin.post(`/admin/users/${t.world.admin.id}/role`, { role: 'manager' })).status).toBe(403);
    const bad = await admin.post(`/admin/users/${t.world.otherManager.id}/role`, { role: 'boss' });
    expect(bad.status).toBe(422);
  });

  it('finds people by part of their name or email, and by role', async () => {
    const admin = await t.signIn(t.world.admin);
    const byName = await (await admin.get('/admin/users?q=pat')).text();
    expect(byName).toContain('Sam Patel');
    expect(byName).not.toContain('Alex Morgan');
    const byRole = await (await admin.get('/admin/users?role=clinician')).text();
    expect(byRole).toContain('Alex Morgan');
    expect(byRole).toContain('Robin Hale');
    expect(byRole).not.toContain('Sam Patel');
    const wildcard = await (await admin.get('/admin/users?q=%25')).text();
    expect(wildcard).toContain('Nobody matches your search');
  });

  it('adds, renames and re-kinds organisations of the trust; its own trust stays a trust', async () => {
    const admin = await t.signIn(t.world.admin);
    expect((await admin.post('/admin/organisations', { name: 'Northshire Hallam University', kind: 'university' })).status).toBe(303);
    const list = await (await admin.get('/admin/organisations')).text();
    expect(list).toContain('Northshire Hallam University');
    expect(list).not.toContain('Southvale');
    const taken = await admin.post('/admin/organisations', { name: 'University of Northshire', kind: 'university' });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('There is already an organisation called');
    expect((await admin.post(`/admin/organisations/${t.world.university.id}`, { name: 'Northshire University', kind: 'university' })).status).toBe(303);
    expect((await admin.post(`/admin/organisations/${t.world.trust.id}`, { name: t.world.trust.name, kind: 'university' })).status).toBe(403);
    expect((await admin.get(`/admin/organisations/${t.world.otherTrust.id}`)).status).toBe(404);
    expect(await logActions(t.services, t.world.university.id)).toEqual(['organisation.changed']);
  });

  it('the log cannot be changed or deleted, even by someone with the database', async () => {
    const admin = await t.signIn(t.world.admin);
    await admin.post(`/admin/users/${t.world.otherManager.id}/role`, { role: 'clinician' });
    const db = t.services.db.kysely;
    await expect(db.updateTable('admin_events').set({ action: 'nothing' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('admin_events').execute()).rejects.toThrow(/append-only/);
    expect(await logActions(t.services, t.world.otherManager.id)).toEqual(['user.role-changed']);
  });

  it('publishes the admin routes in the OpenAPI document', async () => {
    const doc = await (await t.app.request('http://localhost/api/openapi.json')).json() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/admin/users', '/api/v1/admin/users/{id}/deactivate', '/api/v1/admin/users/{id}/reactivate',
    ]));
    expect(doc.components.schemas).toHaveProperty('AdminInvite');
  });
});
