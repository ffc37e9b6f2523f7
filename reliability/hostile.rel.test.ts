import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, BASE, type Agent, type TestApp } from '../test/support/app.js';
import { full } from './support/client.js';

// Generated hostile bodies against every kind of endpoint: nothing may crash
// the server, change a plan, or pollute Object.prototype.

const BODIES = full ? 60_000 : 20_000;

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const nasty = [
  '', ' ', '\u0000', '\uD800', '\uDFFF', '💥'.repeat(50), '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}', '../../etc/passwd', 'x'.repeat(6000), 'y'.repeat(120_000),
  '1e309', 'NaN', '-1', '0', '1.5', '99999999999999999999', 'true', 'null', '[]', '{}', '2027-02-30', 'DROP TABLE plans;--',
] as const;
const keys = ['text', 'version', 'type', 'comment', 'reason', 'title', 'managerId', '__proto__', '__proto__[polluted]',
  'constructor[prototype][polluted]', 'prototype', 'toString', 'hasOwnProperty', 'academicPercent', 'startDate-day', 'collaborators-0-email', '_csrf[]'] as const;
const jsonValues = [null, true, 0, -1, 1.5, 1e308, 'x', [], {}, [1, 2], { nested: { deeper: ['x'] } }, 'z'.repeat(50_000)] as const;
const eventTypes = ['COMMENT', 'UPDATE_IDEA', 'PROPOSE_TERMS', 'ACCEPT_TERMS', 'SIGN_OFF', 'AUTHORISE_DOCUMENT', 'NOPE', '__proto__', 'constructor'] as const;

describe('hostile input at scale', () => {
  let t: TestApp;
  let clinician: Agent;
  let planId: string;

  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    clinician = await t.signIn(t.world.clinician);
    const created = await clinician.post('/plans', { title: 'Target plan', managerId: t.world.manager.id });
    planId = created.headers.get('location')!.split('/')[2]!.split('?')[0]!;
  }, 60_000);
  afterAll(() => t.cleanup());

  async function fingerprint() {
    const rows = await sql<{ n: string }>`select
      (select count(*) from plans) || ':' || (select sum(version) from plans) || ':' || (select count(*) from plan_events) || ':' ||
      (select count(*) from users) || ':' || (select count(*) from organisations) as n`.execute(t.t.db.kysely);
    return rows.rows[0]!.n;
  }

  /** Percent-encoding; a lone surrogate goes as the invalid UTF-8 bytes a broken client would send. */
  const encode = (v: string) => { try { return encodeURIComponent(v); } catch { return '%ED%A0%80'; } };

  function formBody(r: ReturnType<typeof random>): string {
    const parts: string[] = [`_csrf=${encodeURIComponent(clinician.csrfToken)}`];
    const n = 1 + Math.floor(r.next() * 6);
    for (let i = 0; i < n; i++) parts.push(`${encode(r.pick(keys))}=${encode(r.pick(nasty))}`);
    if (r.next() < 0.2) parts.push('text=%FF%FE%80bad-utf8', 'text=duplicate');
    if (r.next() < 0.5) parts.push(`version=${r.pick(['0', '-3', '1.5', 'abc', '', '999999'])}`);
    return parts.join('&');
  }

  function jsonBody(r: ReturnType<typeof random>): string {
    const body: Record<string, unknown> = { type: r.pick(eventTypes), version: r.pick([0, -1, 1.5, '1', null, 1e308, 424242]) };
    const n = Math.floor(r.next() * 5);
    for (let i = 0; i < n; i++) body[r.pick(keys)] = r.pick(jsonValues);
    const text = JSON.stringify(body);
    const roll = r.next();
    if (roll < 0.1) return text.replace('{', '{"__proto__":{"polluted":1},');
    if (roll < 0.2) return text.replace('{', '{"type":"COMMENT","type":"SIGN_OFF",');
    if (roll < 0.25) return text.slice(0, Math.floor(text.length / 2));
    if (roll < 0.3) return `[${text}]`;
    return text;
  }

  it(`${BODIES.toLocaleString('en-GB')} generated bodies: no 5xx, no change, no prototype pollution`, async () => {
    const r = random(20261121);
    const before = await fingerprint();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const formTargets = [`/plans/${planId}/events/COMMENT`, `/plans/${planId}/events/WITHDRAW`, `/plans/${planId}/idea/about`,
      `/plans/${planId}/terms`, `/plans/${planId}/terms/confirm`, '/plans', `/plans/${planId}/events/SIGN_OFF`];
    for (let i = 0; i < BODIES; i++) {
      const asJson = r.next() < 0.5;
      const path = asJson ? r.pick([`/api/v1/plans/${planId}/events`, '/api/v1/plans', '/api/v1/session']) : r.pick(formTargets);
      const body = asJson ? jsonBody(r) : formBody(r);
      const res = await t.app.request(`${BASE}${path}`, {
        method: 'POST',
        headers: {
          cookie: `plans_session=${clinician.cookie}`, 'x-csrf-token': clinician.csrfToken,
          'content-type': asJson ? r.pick(['application/json', 'application/json; charset=utf-8', 'text/plain']) : 'application/x-www-form-urlencoded',
        },
        body,
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`#${i} ${path} ${res.status}: ${body.slice(0, 200)}`);
      await res.arrayBuffer();
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(await fingerprint()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    console.log(`[reliability] hostile input: ${BODIES} bodies, 0 server errors, no change, no pollution; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  }, 600_000);

  it('a body above the limit is refused with 413 and changes nothing', async () => {
    const before = await fingerprint();
    const big = await clinician.post(`/plans/${planId}/events/COMMENT`, { version: '1', text: 'x'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
    const api = await clinician.api('POST', `/api/v1/plans/${planId}/events`, { type: 'COMMENT', version: 1, text: 'x'.repeat(300 * 1024) });
    expect(api.status).toBe(413);
    expect(await fingerprint()).toBe(before);
  });
});
