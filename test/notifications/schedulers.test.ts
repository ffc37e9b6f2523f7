import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/connect.js';
import { runReminders } from '../../src/notifications/scheduler.js';
import { createServices } from '../../src/services.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { runTs } from '../support/processes.js';
import { outbox, planWaitingOnManager, reminderEvents, type PlanRef } from './helpers.js';

// Several schedulers on one database, and a scheduler that dies half-way:
// every reminder is still sent exactly once, because the plan's own version
// check is the claim.

const DUE = '2026-12-15T09:00:00.000Z';

describe.each(databaseKinds)('schedulers sharing a %s database', (kind) => {
  let t: TestApp;
  let plans: PlanRef[];
  beforeAll(async () => { t = await buildTestApp(kind); });
  afterAll(() => t.cleanup());

  beforeEach(async () => {
    // Earlier tests' plans are all reminded already; each test gets eight new ones, all due.
    t.clock.set('2026-12-01T09:00:00.000Z');
    plans = [];
    for (let i = 0; i < 8; i++) plans.push(await planWaitingOnManager(t.services, t.world, `Plan ${i + 1}`));
    t.clock.set(DUE);
  });

  /** Exactly one reminder event and one reminder email (to the manager) for every plan. */
  async function expectEachRemindedOnce() {
    for (const plan of plans) {
      expect((await reminderEvents(t.services, plan.id)).map((r) => r.kind), plan.id).toEqual(['reminder']);
      expect((await outbox(t.services, plan.id, 'reminder')).map((r) => r.user_id), plan.id).toEqual([t.world.manager.id]);
    }
  }

  const otherProcess = (options: object) => runTs('test/notifications/scheduler-process.ts', [JSON.stringify({ url: t.t.url, now: DUE, ...options })]);

  it('two schedulers in two processes racing over the same due plans send each reminder once', async () => {
    const startAt = Date.now() + 2500;
    const [other, here] = await Promise.all([
      otherProcess({ startAt }),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
        return runReminders(t.services);
      })(),
    ]);
    expect(other.code, other.stderr).toBe(0);
    const theirs = JSON.parse(other.stdout.trim().split('\n').at(-1)!) as { sent: number; skipped: number };
    expect(theirs.sent + here.sent.length).toBe(8);
    await expectEachRemindedOnce();
  }, 60_000);

  // Only for PostgreSQL: two better-sqlite3 connections in one process block each
  // other's only thread, which no deployment does; the test above covers SQLite
  // with two processes. So on SQLite this test is not registered at all.
  const onPostgres = kind === 'postgres' ? it : () => undefined;
  onPostgres('two service instances on two connections in one process send each reminder once', async () => {
    const db = connect(t.t.url);
    try {
      const second = createServices(db, loadConfig({ DATABASE_URL: t.t.url, DEMO_SEED: 'off' }), t.clock);
      const [a, b] = await Promise.all([runReminders(t.services), runReminders(second)]);
      expect(a.sent.length + b.sent.length).toBe(8);
      await expectEachRemindedOnce();
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it('a scheduler killed inside a reminder’s transaction leaves nothing half-done, and its restart finishes the run', async () => {
    const killed = await otherProcess({ startAt: 0, killInside: 4 });
    expect(killed.code).not.toBe(0);
    expect(killed.stdout).toBe('');
    const remindedBeforeCrash = (await Promise.all(plans.map((p) => reminderEvents(t.services, p.id)))).filter((r) => r.length > 0);
    expect(remindedBeforeCrash).toHaveLength(3);
    const restarted = await runReminders(t.services);
    expect(restarted.sent.filter((s) => plans.some((p) => p.id === s.planId))).toHaveLength(5);
    await expectEachRemindedOnce();
  }, 60_000);

  it('a scheduler killed between two plans, restarted beside a second scheduler, still reminds each plan once', async () => {
    const killed = await otherProcess({ startAt: 0, killAfter: 2 });
    expect(killed.code).not.toBe(0);
    const startAt = Date.now() + 2500;
    const [other, here] = await Promise.all([
      otherProcess({ startAt }),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
        return runReminders(t.services);
      })(),
    ]);
    const theirs = JSON.parse(other.stdout.trim().split('\n').at(-1)!) as { sent: number };
    expect(theirs.sent + here.sent.length).toBe(6);
    await expectEachRemindedOnce();
    // And nothing is sent again by later passes.
    expect((await runReminders(t.services)).sent).toEqual([]);
  }, 60_000);
});
