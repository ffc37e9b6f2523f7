import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, BASE, type Agent, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { idea } from '../support/examples.js';
import { actorOf } from '../support/world.js';

// Another system of a trust reads with an API token an administrator made:
// only GET, only within its scopes, only its own trust, until revoked.

describe.each(databaseKinds)('API tokens, on %s', (kind) => {
  let t: TestApp;
  let admin: Agent;
  let planId: string;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.signIn(t.world.admin);
    const clinician = actorOf(t.world.clinician);
    ({ id: planId } = await t.services.plans.create(clinician, { title: 'Falls after discharge', managerId: t.world.manager.id }));
    await t.services.plans.send(planId, clinician, { type: 'UPDATE_IDEA', version: 1, payload: idea });
    await t.services.plans.send(planId, clinician, { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
  }, 60_000);
  afterAll(() => t.cleanup());

  const bearer = (token: string, path: string, init: RequestInit = {}) =>
    t.app.request(`${BASE}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  const create = async (as: Agent, body: unknown) => as.api('POST', '/api/v1/admin/tokens', body);
  const tokenFor = async (as: Agent, scopes: string[], name = 'Research management system') => {
    const res = await create(as, { name, scopes });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; token: string };
  };

  it('is created by an administrator, shown once and stored only as its hash', async () => {
    const res = await create(admin, { name: 'EDGE', scopes: ['plans:read', 'reports:read'] });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['id', 'token']);
    expect(body.token).toMatch(/^cap_[A-Za-z0-9_-]{43}$/);
    const stored = await t.t.db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(body.token.slice(4));
    expect(stored.scopes).toBe('plans:read reports:read');
    const list = await (await admin.api('GET', '/api/v1/admin/tokens')).json();
    const listed = list.tokens.find((x: { id: string }) => x.id === body.id);
    expect(listed).toMatchObject({ name: 'EDGE', scopes: ['plans:read', 'reports:read'], createdBy: 'Chris Lee', lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(body.token);
  });

  it('refuses an unknown scope, no scope and no name, creating nothing', async () => {
    const before = (await (await admin.api('GET', '/api/v1/admin/tokens')).json()).tokens.length;
    const unknown = await create(admin, { name: 'Finance', scopes: ['plans:read', 'plans:write'] });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors).toEqual([{ path: 'scopes.1', message: 'Unknown scope "plans:write": choose from plans:read, reports:read' }]);
    const none = await create(admin, { name: 'Finance', scopes: [] });
    expect((await none.json()).errors).toEqual([{ path: 'scopes', message: 'Choose at least one scope: plans:read, reports:read' }]);
    const nameless = await create(admin, { name: '  ', scopes: ['plans:read'] });
    expect((await nameless.json()).errors[0]).toMatchObject({ path: 'name', message: 'Enter a name for the token' });
    const extra = await create(admin, { name: 'Finance', scopes: ['plans:read'], organisationId: t.world.otherTrust.id });
    expect(extra.status).toBe(422);
    expect((await (await admin.api('GET', '/api/v1/admin/tokens')).json()).tokens).toHaveLength(before);
  });

  it('is managed by administrators only', async () => {
    const rd = await t.signIn(t.world.rdLead);
    expect((await create(rd, { name: 'Mine', scopes: ['plans:read'] })).status).toBe(403);
    expect((await rd.api('GET', '/api/v1/admin/tokens')).status).toBe(403);
    const noCsrf = await t.app.request(`${BASE}/api/v1/admin/tokens`, {
      method: 'POST', headers: { cookie: `plans_session=${admin.cookie}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'No token', scopes: ['plans:read'] }),
    });
    expect(noCsrf.status).toBe(403);
  });

  it('reads plans within plans:read, with no CSRF token and nothing it may send', async () => {
    const { token } = await tokenFor(admin, ['plans:read']);
    const list = await bearer(token, '/api/v1/plans');
    expect(list.status).toBe(200);
    expect((await list.json()).plans.map((p: { id: string }) => p.id)).toContain(planId);
    const plan = await (await bearer(token, `/api/v1/plans/${planId}`)).json();
    expect(plan).toMatchObject({ id: planId, state: 'managerAgreement', availableEvents: [] });
    expect((await bearer(token, `/api/v1/plans/${planId}/history`)).status).toBe(200);
    expect((await bearer(token, `/api/v1/plans/${planId}/documents`)).status).toBe(200);
    const report = await bearer(token, '/api/v1/reports/pipeline');
    expect(report.status).toBe(403);
    expect((await report.json()).detail).toBe('This token does not have the scope reports:read.');
  });

  it('never changes anything, and opens nothing outside its scopes', async () => {
    const { token } = await tokenFor(admin, ['plans:read', 'reports:read']);
    const send = await bearer(token, `/api/v1/plans/${planId}/events`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'COMMENT', version: 3, text: 'From a token' }),
    });
    expect(send.status).toBe(403);
    expect(send.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.t.db.kysely.selectFrom('plans').select('version').where('id', '=', planId).executeTakeFirstOrThrow()).version).toBe(3);
    for (const path of ['/api/v1/me', '/api/v1/users', '/api/v1/notifications', '/api/v1/admin/tokens']) {
      expect((await bearer(token, path)).status, path).toBe(403);
    }
    const made = await bearer(token, '/api/v1/admin/tokens', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Another', scopes: ['plans:read'] }),
    });
    expect(made.status).toBe(403);
    expect((await bearer(token, '/notifications')).status).toBe(303); // the pages ignore tokens: a person signs in
    expect((await bearer(token, '/api/openapi.json')).status).toBe(200); // the API's description is public
  });

  it("of another trust sees nothing of this one", async () => {
    const theirAdmin = await t.signIn(t.world.outsiderAdmin);
    const { token } = await tokenFor(theirAdmin, ['plans:read', 'reports:read'], 'Southvale reporting');
    expect((await (await bearer(token, '/api/v1/plans')).json()).plans).toEqual([]);
    expect((await bearer(token, `/api/v1/plans/${planId}`)).status).toBe(404);
    expect((await bearer(token, `/api/v1/plans/${planId}/history`)).status).toBe(404);
    const report = await (await bearer(token, '/api/v1/reports/pipeline')).json();
    expect(report.byStep.every((s: { count: number }) => s.count === 0)).toBe(true);
    const ours = await (await admin.api('GET', '/api/v1/admin/tokens')).json();
    expect(ours.tokens.map((x: { name: string }) => x.name)).not.toContain('Southvale reporting');
  });

  it('shows when it was last used, and once revoked is refused', async () => {
    const { id, token } = await tokenFor(admin, ['plans:read'], 'To revoke');
    t.clock.set('2026-12-01T15:00:00.000Z');
    expect((await bearer(token, '/api/v1/plans')).status).toBe(200);
    const listed = async () => (await (await admin.api('GET', '/api/v1/admin/tokens')).json()).tokens.find((x: { id: string }) => x.id === id);
    expect((await listed()).lastUsedAt).toBe('2026-12-01T15:00:00.000Z');
    const theirAdmin = await t.signIn(t.world.outsiderAdmin);
    expect((await theirAdmin.api('DELETE', `/api/v1/admin/tokens/${id}`)).status).toBe(404);
    expect((await admin.api('DELETE', `/api/v1/admin/tokens/${id}`)).status).toBe(204);
    const refused = await bearer(token, '/api/v1/plans');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await listed()).revokedAt).toBe('2026-12-01T15:00:00.000Z');
    expect((await admin.api('DELETE', `/api/v1/admin/tokens/${id}`)).status).toBe(204);
    expect((await admin.api('DELETE', '/api/v1/admin/tokens/no-such-token')).status).toBe(404);
  });

  it('refuses a token it does not know and a header that is not a bearer token', async () => {
    expect((await bearer('cap_not-a-real-token', '/api/v1/plans')).status).toBe(401);
    const basic = await t.app.request(`${BASE}/api/v1/plans`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    expect((await basic.json()).detail).toContain('Authorization: Bearer');
  });
});
