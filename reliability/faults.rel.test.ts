import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStatement } from 'kysely';
import { findPlan, listEvents } from '../src/plans/plan.repository.js';
import { buildTestApp, type Agent, type TestApp } from '../test/support/app.js';

// The database failing under a person's feet: locked by another process for
// too long, full, read-only, or an I/O error half-way through a transition.
// Each time: a plain 503 (problem+json on the API), no stack trace, nothing
// half-written, and the service works again as soon as the fault clears.

describe('fault injection', () => {
  let t: TestApp;
  let clinician: Agent;
  let planId: string;

  beforeAll(async () => {
    t = await buildTestApp('sqlite', { SQLITE_BUSY_TIMEOUT_MS: '200' });
    clinician = await t.signIn(t.world.clinician);
    const created = await clinician.post('/plans', { title: 'Plan under faults', managerId: t.world.manager.id });
    planId = created.headers.get('location')!.split('/')[2]!.split('?')[0]!;
  }, 60_000);

  afterAll(async () => {
    await t.cleanup();
  });

  const state = async () => ({ version: (await findPlan(t.t.db.kysely, planId))!.version, events: (await listEvents(t.t.db.kysely, planId)).length });

  /** Try a change through the form and the API while `fault` holds; then clear it and try again. */
  async function underFault(name: string, start: () => void | Promise<void>, clear: () => void | Promise<void>) {
    const before = await state();
    await start();
    const page = await clinician.post(`/plans/${planId}/events/COMMENT`, { version: String(before.version), text: `During ${name}: ${'x'.repeat(4900)}` });
    const api = await clinician.api('POST', `/api/v1/plans/${planId}/events`, { type: 'COMMENT', version: before.version, text: `During ${name}, over the API: ${'y'.repeat(4800)}` });
    await clear();
    const html = await page.text();
    expect(page.status, name).toBe(503);
    expect(html).toContain('Nothing has been saved');
    expect(html).not.toMatch(/SQLITE|at .*\.ts:\d+|node_modules/);
    expect(api.status, name).toBe(503);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(api.headers.get('retry-after')).toBe('5');
    expect(await state(), `${name}: nothing half-written`).toEqual(before);
    const after = await clinician.post(`/plans/${planId}/events/COMMENT`, { version: String(before.version), text: `After ${name}` });
    expect(after.status, `${name}: recovers`).toBe(303);
    expect((await state()).version).toBe(before.version + 1);
    console.log(`[reliability] fault ${name}: page 503, API 503 problem+json, nothing written, recovered`);
  }

  it('a write lock held by another process longer than the busy timeout', async () => {
    const file = t.t.url.slice('sqlite:'.length);
    let other: BetterSqlite3.Database | null = null;
    await underFault('busy', () => {
      other = new BetterSqlite3(file);
      other.exec('begin immediate');
    }, () => { other!.exec('rollback'); other!.close(); });
  });

  it('a full disk', async () => {
    const sqlite = t.t.db.sqlite!;
    await underFault('full', () => {
      sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`);
    }, () => { sqlite.pragma('max_page_count = 1073741823'); });
  });

  it('a database that has become read-only', async () => {
    const sqlite = t.t.db.sqlite!;
    await underFault('read-only', () => { sqlite.pragma('query_only = ON'); }, () => { sqlite.pragma('query_only = OFF'); });
  });

  it('an I/O error half-way through a transition, after the plan row was written', async () => {
    const statements = t.t.db.statements!;
    const prepare = statements.prepare.bind(statements);
    await underFault('I/O error', () => {
      statements.prepare = (sql: string): SqliteStatement => {
        if (/^insert into "plan_events"/.test(sql)) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
        return prepare(sql);
      };
    }, () => { statements.prepare = prepare; });
  });
});
