import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, BASE, type Agent, type TestApp } from '../support/app.js';

// An administrator's pages for API tokens: create (shown once), see last use, revoke.

describe('the API token pages', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    admin = await t.signIn(t.world.admin);
  }, 60_000);
  afterAll(() => t.cleanup());

  const use = (token: string) => t.app.request(`${BASE}/api/v1/plans`, { headers: { authorization: `Bearer ${token}` } });

  it('are there only for administrators', async () => {
    expect((await admin.get('/admin/tokens')).status).toBe(200);
    for (const person of [t.world.rdLead, t.world.clinician, t.world.manager]) {
      const agent = await t.signIn(person);
      expect((await agent.get('/admin/tokens')).status).toBe(404);
      expect((await agent.get('/admin/tokens/new')).status).toBe(404);
      expect((await agent.post('/admin/tokens', { name: 'Mine', scopes: 'plans:read' })).status).toBe(404);
    }
    expect((await t.app.request(`${BASE}/admin/tokens`)).status).toBe(303);
  });

  it('keep the name and say what is missing when no scope is chosen', async () => {
    const res = await admin.post('/admin/tokens', { name: 'EDGE research management' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<a href="#scopes">Select at least one thing the token may read</a>');
    expect(html).toContain('value="EDGE research management"');
  });

  it('show a new token once, on the page that answers the form, and it works at once', async () => {
    const res = await admin.post('/admin/tokens', { name: 'EDGE research management', scopes: ['plans:read', 'reports:read'] });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const token = /id="token" type="text" value="(cap_[^"]+)"/.exec(html)![1]!;
    expect(html).toContain('This is the only time it is shown');
    expect((await use(token)).status).toBe(200);
    const list = await (await admin.get('/admin/tokens')).text();
    expect(list).toContain('EDGE research management');
    expect(list).toContain('plans:read, reports:read');
    expect(list).not.toContain(token);
    expect(list).toContain('1 December 2026 09:00');
  });

  it('revoke a token after asking, and it is refused from then on', async () => {
    const created = await (await admin.post('/admin/tokens', { name: 'Workforce system', scopes: 'plans:read' })).text();
    const token = /value="(cap_[^"]+)"/.exec(created)![1]!;
    const list = await (await admin.get('/admin/tokens')).text();
    const href = /href="(\/admin\/tokens\/[^"]+\/revoke)">Revoke<span class="nhsuk-u-visually-hidden"> Workforce system/.exec(list)![1]!;
    const confirm = await (await admin.get(href)).text();
    expect(confirm).toContain('Revoke the token “Workforce system”?');
    expect((await admin.post(href, { _csrf: 'wrong' })).status).toBe(403);
    expect((await use(token)).status).toBe(200);
    const done = await admin.post(href, {});
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/tokens?revoked=1');
    expect((await use(token)).status).toBe(401);
    const after = await (await admin.get('/admin/tokens?revoked=1')).text();
    expect(after).toContain('The token has been revoked.');
    expect(after).toContain('Revoked');
    expect((await admin.get(href)).status).toBe(404);
    const outsider = await t.signIn(t.world.outsiderAdmin);
    expect((await outsider.post(href, {})).status).toBe(404);
  });
});
