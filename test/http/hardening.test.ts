import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { PASSWORD } from '../support/world.js';
import { meetingRecorded } from '../documents/journey.js';

// Holes a security review found, closed: cookies Secure behind a TLS proxy,
// nothing signed-in kept by a browser's cache, sign-in sending people only
// to this service, and a malformed header answered 4xx, never 500.

async function visitor(t: TestApp, base = BASE) {
  const page = await t.app.request(`${base}/sign-in`);
  const cookie = /plans_visitor_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]!;
  return { cookie, setCookie: page.headers.get('set-cookie') ?? '' };
}

async function signInWith(t: TestApp, next: string, base = BASE) {
  const { cookie } = await visitor(t, base);
  return t.app.request(`${base}/sign-in`, {
    method: 'POST', headers: { cookie: `plans_visitor_csrf=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: cookie, email: t.world.supervisor.email, password: PASSWORD, next }),
  });
}

const flags = (setCookie: string) => setCookie.split(';').map((f) => f.trim().toLowerCase());

describe('behind a TLS proxy (APP_URL https, the app sees http)', () => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp('sqlite', { APP_URL: 'https://plans.example.nhs.uk' }); });
  afterAll(() => t.cleanup());

  it('makes the session cookie and the visitor CSRF cookie Secure', async () => {
    const { setCookie } = await visitor(t);
    expect(flags(setCookie)).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'secure']));
    const page = await signInWith(t, '/');
    const session = page.headers.getSetCookie().find((c) => c.startsWith('plans_session='))!;
    expect(flags(session)).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure']));
    const api = await t.app.request(`${BASE}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: t.world.admin.email, password: PASSWORD }),
    });
    expect(flags(api.headers.getSetCookie().find((c) => c.startsWith('plans_session='))!)).toContain('secure');
  });

  it('resolves next against APP_URL: a path of this service is kept', async () => {
    expect((await signInWith(t, '/plans/new?from=email#top')).headers.get('location')).toBe('/plans/new?from=email#top');
  });
});

describe('the rest of the hardening', () => {
  let t: TestApp;
  let clinician: Agent;
  let planId: string;
  let documentId: string;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    const plan = await meetingRecorded(t.services.plans, t.world);
    planId = plan.id;
    documentId = (await t.services.db.kysely.selectFrom('documents').select('id').where('plan_id', '=', planId).executeTakeFirstOrThrow()).id;
    clinician = await t.signIn(t.world.clinician);
  });
  afterAll(() => t.cleanup());

  it('keeps the plain-http cookies without Secure when APP_URL is http', async () => {
    expect(flags((await visitor(t)).setCookie)).not.toContain('secure');
  });

  it('sends Cache-Control: no-store on every signed-in answer: pages, documents, the PDF, the calendar file and the API', async () => {
    const paths = [
      '/', `/plans/${planId}`, `/plans/${planId}/history`, `/plans/${planId}/documents`, `/plans/${planId}/documents/${documentId}`,
      `/plans/${planId}/documents/${documentId}.html`, `/plans/${planId}/documents/${documentId}.pdf`, `/plans/${planId}/meeting.ics`,
      '/notifications', '/account/sessions', '/plans/no-such-plan', '/api/v1/me', `/api/v1/plans/${planId}`, `/api/v1/plans/${planId}/documents`,
    ];
    for (const path of paths) {
      const res = await clinician.get(path);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const pdf = await t.app.request(`${BASE}/api/v1/plans/${planId}/documents/${documentId}`, { headers: { cookie: `plans_session=${clinician.cookie}`, accept: 'application/pdf' } });
    expect([pdf.status, pdf.headers.get('cache-control')]).toEqual([200, 'no-store']);
    // Signing in, and the redirect after it, carry the session: they are not kept either.
    expect((await signInWith(t, '/')).headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['/\t/evil.example', '/'], ['/\n/evil.example', '/'], ['/\r\nSet-Cookie: x=1', '/'], ['/\\evil.example', '/'], ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['//evil.example/', '/'], ['/ok\u0000', '/'], ['/plans/α?q=β#γ', '/plans/%CE%B1?q=%CE%B2#%CE%B3'], ['http://localhost:3000/plans', '/'], ['/..//evil.example', '/'],
  ])('after signing in with next=%j, goes only to %s, never a 500', async (next, location) => {
    const res = await signInWith(t, next);
    expect([res.status, res.headers.get('location')]).toEqual([303, location]);
    const form = await t.app.request(`${BASE}/sign-in?next=${encodeURIComponent(next)}`);
    expect(form.status).toBe(200);
  });

  const send = (method: 'GET' | 'POST', path: string, header: Record<string, string>) => t.app.request(`${BASE}${path}`, {
    method, headers: { cookie: `plans_session=${clinician.cookie}`, 'x-csrf-token': clinician.csrfToken, 'content-type': 'application/x-www-form-urlencoded', ...header },
    ...(method === 'POST' ? { body: new URLSearchParams({ _csrf: clinician.csrfToken, text: 'A comment', version: '1' }) } : {}),
  });
  const writes = () => [['POST', '/sign-in'], ['POST', `/plans/${planId}/events/COMMENT`], ['POST', '/api/v1/plans']] as const;

  it.each(['http://%%bad', 'not a url', 'http://[::1', 'javascript:alert(1)', 'https://plans.example.nhs.uk:99999'])(
    'a malformed Origin (%j) is refused as from another site (403), never a 500', async (origin) => {
      for (const [method, path] of writes()) expect((await send(method, path, { origin })).status, path).toBe(403);
    });

  it.each([
    ['Cookie', 'plans_session=%E0%A4%A; plans_visitor_csrf=%'], ['X-Request-Id', 'line\tbreak'], ['Accept', 'application/pdf;q=abc, */*;q=x'],
    ['Content-Type', 'application/x-www-form-urlencoded; charset=%%%'], ['Sec-Fetch-Site', '\u00ff'], ['Content-Length', '12abc'],
  ])('a malformed %s header (%j) gets an answer, never a 500', async (name, value) => {
    for (const [method, path] of [...writes(), ['GET', `/api/v1/plans/${planId}/documents/${documentId}`]] as const) {
      expect((await send(method, path, { [name]: value })).status, `${method} ${path}`).toBeLessThan(500);
    }
  });

  it('passes a well-formed X-Request-Id through, and makes one otherwise', async () => {
    const own = await t.app.request(`${BASE}/sign-in`, { headers: { 'x-request-id': 'lb-7f3a9c.42' } });
    expect(own.headers.get('x-request-id')).toBe('lb-7f3a9c.42');
    const made = await t.app.request(`${BASE}/sign-in`, { headers: { 'x-request-id': 'x'.repeat(500) } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
