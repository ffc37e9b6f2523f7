import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import { logMailer } from '../../src/notifications/sender.js';
import { createLogger } from '../../src/operations/logger.js';
import { BASE, buildTestApp, type TestApp } from '../support/app.js';
import { PROCESS_TEST_TIMEOUT, runTs } from '../support/processes.js';
import { planWaitingOnManager } from '../notifications/helpers.js';

// What a trust's IT team runs the service by: settings checked at start,
// one JSON log line per request with nothing personal in it, /healthz,
// /readyz and Prometheus metrics.

const TITLE = 'Falls after hip fracture in Ward 7';

describe('running the service', () => {
  let t: TestApp;
  const lines: Array<Record<string, unknown>> = [];
  const logged = { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>); } };
  let planId: string;

  beforeAll(async () => {
    t = await buildTestApp('sqlite', { METRICS: 'on', METRICS_TOKEN: 'a-long-enough-metrics-token' }, { logger: createLogger({ LOG_LEVEL: 'info' }, logged) });
    planId = (await planWaitingOnManager(t.services, t.world, TITLE)).id;
  });
  afterAll(() => t.cleanup());

  it('stops at start on a setting that is not valid, naming it', async () => {
    expect(() => loadConfig({ SQLITE_BUSY_TIMEOUT_MS: 'abc' })).toThrow(/SQLITE_BUSY_TIMEOUT_MS: must be a whole number of milliseconds/);
    expect(() => loadConfig({ PG_POOL_SIZE: 'abc' })).toThrow(/PG_POOL_SIZE: must be a whole number of connections/);
    expect(() => loadConfig({ PG_POOL_SIZE: '0' })).toThrow(/PG_POOL_SIZE/);
    const { code, stdout, stderr } = await runTs('src/server.ts', [], { SQLITE_BUSY_TIMEOUT_MS: 'abc', PORT: '0', DATABASE_URL: 'sqlite::memory:' });
    expect(code).toBe(2);
    expect(stdout + stderr).toContain('The configuration is not valid:\n  SQLITE_BUSY_TIMEOUT_MS: must be a whole number of milliseconds');
  }, PROCESS_TEST_TIMEOUT);

  it('logs one JSON line per request: method, route pattern, status, duration and request id; nothing personal', async () => {
    const manager = await t.signIn(t.world.manager);
    lines.length = 0;
    await manager.get(`/plans/${planId}`);
    await manager.get(`/plans/${planId}/history?from=${encodeURIComponent(t.world.manager.email)}`);
    await t.app.request(`${BASE}/sign-in`, { headers: { 'x-request-id': 'proxy-4711' } });
    expect(lines.map((l) => [l.msg, l.method, l.route, l.status])).toEqual([
      ['request', 'GET', '/plans/:id', 200], ['request', 'GET', '/plans/:id/history', 200], ['request', 'GET', '/sign-in', 200],
    ]);
    expect(lines.every((l) => typeof l.ms === 'number' && typeof l.reqId === 'string' && l.level === 'info')).toBe(true);
    expect(lines[2]!.reqId).toBe('proxy-4711');
    const text = JSON.stringify(lines);
    for (const personal of [t.world.manager.email, t.world.manager.name, TITLE, planId]) expect(text).not.toContain(personal);
  });

  it('logs an email kept for the mailbox by its id and kind only', async () => {
    const said: Array<[object, string]> = [];
    const mailer = logMailer((fields, message) => { said.push([fields, message]); });
    await mailer.send({ id: 'n-1', kind: 'handover', to: t.world.manager.email, subject: `Action needed on “${TITLE}”`, text: 'Dear Sam Patel', calendar: null });
    expect(said).toEqual([[{ job: 'mail', notificationId: 'n-1', kind: 'handover', calendar: false }, '[mail] kept for /dev/mailbox, not sent: no SMTP_URL']]);
  });

  it('answers /healthz and /readyz; /readyz is 503 while a migration is pending and once shutdown begins', async () => {
    expect(await (await t.app.request(`${BASE}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await t.app.request(`${BASE}/readyz`)).json()).toEqual({ status: 'ready' });
    // Kysely's own table, outside the app's types.
    const db = t.services.db.kysely as unknown as Kysely<{ kysely_migration: { name: string; timestamp: string } }>;
    const last = await db.selectFrom('kysely_migration').selectAll().orderBy('name', 'desc').executeTakeFirstOrThrow();
    await db.deleteFrom('kysely_migration').where('name', '=', last.name).execute();
    const pending = await t.app.request(`${BASE}/readyz`);
    expect([pending.status, await pending.json()]).toEqual([503, { status: 'not ready', reason: 'migrations pending', pending: [last.name] }]);
    await db.insertInto('kysely_migration').values(last).execute();
    const draining = createApp(t.services, { draining: () => true });
    expect((await draining.request(`${BASE}/readyz`)).status).toBe(503);
  });

  it('serves Prometheus metrics behind METRICS_TOKEN: requests by route pattern, transitions, outbox, scheduler lag; nothing about a person or plan', async () => {
    expect((await t.app.request(`${BASE}/metrics`)).status).toBe(401);
    const res = await t.app.request(`${BASE}/metrics`, { headers: { authorization: 'Bearer a-long-enough-metrics-token' } });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/plain')]);
    const text = await res.text();
    expect(text).toMatch(/^http_requests_total\{method="GET",route="\/plans\/:id",status="200"\} \d+$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/plans\/:id\/history"\} \d+$/m);
    expect(text).toMatch(/^plan_transitions_total\{type="SUBMIT_FOR_AGREEMENT"\} 1$/m);
    expect(text).toMatch(/^outbox_pending \d+$/m);
    expect(text).toMatch(/^scheduler_lag_seconds 0$/m);
    for (const personal of [t.world.manager.email, TITLE, planId]) expect(text).not.toContain(personal);
  });

  it('has no /metrics unless METRICS=on', async () => {
    const plain = await buildTestApp('sqlite');
    try {
      expect((await plain.app.request(`${BASE}/metrics`)).status).toBe(404);
    } finally {
      await plain.cleanup();
    }
  });
});
