import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endSessions, startSession } from '../../src/accounts/sessions.js';
import { sha256 } from '../../src/plans/hash.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';

// A sign-in ends after SESSION_IDLE_MINUTES without use, whatever is left of
// SESSION_HOURS; and a person can sign out everywhere at once, on a page or
// over the API.

describe.each(databaseKinds)('sessions (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '30', SESSION_HOURS: '12' }); });
  afterAll(() => t.cleanup());

  const open = async (userId: string) => (await t.services.db.kysely.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute()).length;

  it('ends a sign-in left unused for SESSION_IDLE_MINUTES; use keeps it going', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const agent = await t.signIn(t.world.manager);
    for (const at of ['09:20', '09:45', '10:10', '10:39']) {
      t.clock.set(`2026-12-01T${at}:00.000Z`);
      expect((await agent.get('/')).status, `used at ${at}`).toBe(200);
    }
    t.clock.set('2026-12-01T11:09:30.000Z');
    const idle = await agent.get('/');
    expect([idle.status, idle.headers.get('location')]).toEqual([303, '/sign-in?next=%2F']);
    expect((await agent.api('GET', '/api/v1/me')).status).toBe(401);
  });

  it('signs out everywhere from the page: every browser of that person, this one included, and nobody else', async () => {
    t.clock.set('2026-12-02T09:00:00.000Z');
    const [laptop, phone, colleague] = [await t.signIn(t.world.clinician), await t.signIn(t.world.clinician), await t.signIn(t.world.rdLead)];
    const page = await (await laptop.get('/account/sessions')).text();
    expect(page).toContain('You are signed in to this service in 2 browsers or devices, this one included');
    expect(page).toContain('(this browser)');
    const res = await laptop.post('/account/sessions/end-all', {});
    expect([res.status, res.headers.get('location')]).toEqual([303, '/sign-in?signedOut=everywhere']);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('plans_session='))).toMatch(/Max-Age=0/);
    for (const agent of [laptop, phone]) expect((await agent.get('/')).status).toBe(303);
    expect((await colleague.get('/')).status).toBe(200);
    expect(await (await t.app.request('http://localhost/sign-in?signedOut=everywhere')).text()).toContain('You have signed out everywhere');
  });

  it('signs out everywhere over the API (DELETE /api/v1/sessions), with the CSRF token', async () => {
    t.clock.set('2026-12-03T09:00:00.000Z');
    const [one, two] = [await t.signIn(t.world.admin), await t.signIn(t.world.admin)];
    expect((await t.app.request('http://localhost/api/v1/sessions', { method: 'DELETE', headers: { cookie: `plans_session=${one.cookie}` } })).status).toBe(403);
    const res = await one.api('DELETE', '/api/v1/sessions');
    expect([res.status, await res.json()]).toEqual([200, { ended: 2 }]);
    for (const agent of [one, two]) expect((await agent.api('GET', '/api/v1/me')).status).toBe(401);
  });

  it('endSessions keeps the one named by its cookie or its id hash', async () => {
    const now = new Date('2026-12-04T09:00:00.000Z');
    const db = t.services.db.kysely;
    const kept = await startSession(db, t.world.supervisor.id, now, 1);
    for (let i = 0; i < 2; i++) await startSession(db, t.world.supervisor.id, now, 1);
    expect(await endSessions(db, t.world.supervisor.id, { except: kept.cookie })).toBe(2);
    expect(await open(t.world.supervisor.id)).toBe(1);
    const d = await startSession(db, t.world.supervisor.id, now, 1);
    expect(await endSessions(db, t.world.supervisor.id, { except: sha256(d.cookie) })).toBe(1);
    expect(await endSessions(db, t.world.supervisor.id)).toBe(1);
    expect(await open(t.world.supervisor.id)).toBe(0);
  });
});
