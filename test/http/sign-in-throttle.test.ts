import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { PASSWORD } from '../support/world.js';

// Failed sign-ins are counted atomically, before the password is checked, per
// account and per client address: parallel guesses cannot pass the limit, and
// one address cannot walk through many accounts. Refused, locked or wrong,
// the answer is the same.

describe.each(databaseKinds)('sign-in throttling (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(kind, { TRUST_PROXY: 'on', LOGIN_MAX_FAILURES_PER_ADDRESS: '10' }); });
  afterAll(() => t.cleanup());

  const api = (email: string, password: string, from: string) => t.app.request(`${BASE}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.99, ${from}` }, body: JSON.stringify({ email, password }),
  });
  const failures = async (key: string) => Number((await t.services.db.kysely.selectFrom('login_attempts').select('failures').where('key', '=', key).executeTakeFirst())?.failures ?? 0);

  it('200 concurrent guesses at one account: every one is counted, and the right password among the late ones is refused', async () => {
    const email = t.world.clinician.email;
    // Each guess from its own address, so only the account's own limit is in play.
    const guesses = Array.from({ length: 200 }, (_, i) => api(email, i === 150 ? PASSWORD : `guess-${i}`, `198.51.100.${i % 250}`));
    const answers = await Promise.all(guesses);
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 200 }, () => 401));
    expect(answers.some((a) => a.headers.getSetCookie().some((c) => c.startsWith('plans_session=')))).toBe(false);
    expect(await failures(`email:${email}`)).toBe(200);
    // Still locked for the rest of the window, even with the right password, and it says so in no other way.
    const locked = await api(email, PASSWORD, '198.51.100.251');
    expect(locked.status).toBe(401);
    expect(await locked.json()).toEqual(await (await api('nobody@northshire.nhs.uk', 'x', '198.51.100.252')).json());
  }, 120_000);

  it('one address cannot walk through many accounts: past its limit even a right password is refused, while other addresses sign in', async () => {
    for (let i = 0; i < 10; i++) expect((await api(`person.${i}@northshire.nhs.uk`, 'Winter2026!', '192.0.2.10')).status).toBe(401);
    expect(await failures('address:192.0.2.10')).toBe(10);
    expect((await api(t.world.supervisor.email, PASSWORD, '192.0.2.10')).status).toBe(401);
    expect((await api(t.world.supervisor.email, PASSWORD, '192.0.2.11')).status).toBe(200);
  });

  it('a right password takes its own attempt back off the address and clears the account', async () => {
    expect((await api(t.world.manager.email, 'wrong-once', '192.0.2.20')).status).toBe(401);
    expect((await api(t.world.manager.email, PASSWORD, '192.0.2.20')).status).toBe(200);
    expect(await failures(`email:${t.world.manager.email}`)).toBe(0);
    expect(await failures('address:192.0.2.20')).toBe(1);
  });

  it('counts the address of the connection when no proxy is trusted, and never a header the client wrote', async () => {
    const direct = await buildTestApp(kind, { LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
    try {
      const from = (address: string, forwarded: string) => direct.app.request(`${BASE}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
        body: JSON.stringify({ email: direct.world.admin.email, password: 'nope' }),
      }, { incoming: { socket: { remoteAddress: address } } });
      for (let i = 0; i < 4; i++) await from('10.9.8.7', `172.16.0.${i}`);
      const rows = await direct.services.db.kysely.selectFrom('login_attempts').select(['key', 'failures']).orderBy('key').execute();
      expect(rows).toEqual([{ key: 'address:10.9.8.7', failures: 4 }, { key: `email:${direct.world.admin.email}`, failures: 4 }]);
    } finally {
      await direct.cleanup();
    }
  });

  it('a malformed X-Forwarded-For behind a trusted proxy is a 400, never a 500', async () => {
    const res = await t.app.request(`${BASE}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.0.0.1, not-an-address' },
      body: JSON.stringify({ email: t.world.admin.email, password: PASSWORD }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
