import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/connect.js';
import { runReminders } from '../../src/notifications/scheduler.js';
import { createServices } from '../../src/services.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { PROCESS_TEST_TIMEOUT, runTs } from '../support/processes.js';
import { outbox, planSignedOff, planWaitingOnManager, reminderEvents, signatureReminderEvents, type PlanRef } from './helpers.js';

// Several schedulers on one database, and a scheduler that dies half-way:
// every reminder is still sent exactly once, because the plan's own version
// check is the claim. Due together: eight plans waiting on their manager, and
// one plan's training agreement waiting on its three signatories.

const DUE = '2026-12-15T09:00:00.000Z';
const TIMERS = 8 + 3;

describe.each(databaseKinds)('schedulers sharing a %s database', (kind) => {
  let t: TestApp;
  let plans: PlanRef[];
  let signing: PlanRef;
  beforeAll(async () => { t = await buildTestApp(kind); });
  afterAll(() => t.cleanup());

  beforeEach(async () => {
    // Earlier tests' plans are all reminded already; each test gets eight new ones, all due.
    t.clock.set('2026-12-01T09:00:00.000Z');
    plans = [];
    for (let i = 0; i < 8; i++) plans.push(await planWaitingOnManager(t.services, t.world, `Plan ${i + 1}`));
    // Signed off on 8 December: the signatures are due five working days later, with the plans above.
    t.clock.set('2026-12-08T09:00:00.000Z');
    signing = await planSignedOff(t.services, t.world);
    t.clock.set(DUE);
  });

  /** Exactly one reminder event and one reminder email (to the manager) for every plan, and to each signatory. */
  async function expectEachRemindedOnce() {
    for (const plan of plans) {
      expect((await reminderEvents(t.services, plan.id)).map((r) => r.kind), plan.id).toEqual(['reminder']);
      expect((await outbox(t.services, plan.id, 'reminder')).map((r) => r.user_id), plan.id).toEqual([t.world.manager.id]);
    }
    const signatories = [t.world.clinician.id, t.world.manager.id, t.world.rdLead.id].sort();
    expect((await signatureReminderEvents(t.services, signing.id)).map((r) => `${r.kind} ${r.userId}`).sort())
      .toEqual(signatories.map((id) => `reminder ${id}`));
    expect((await outbox(t.services, signing.id, 'reminder')).map((r) => r.user_id).sort()).toEqual(signatories);
  }

  /** How many of this test's timers have been sent so far. */
  const sentSoFar = async () => (await Promise.all([...plans, signing].map(async (p) =>
    (await reminderEvents(t.services, p.id)).length + (await signatureReminderEvents(t.services, p.id)).length)))
    .reduce((a, b) => a + b, 0);

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
    expect(theirs.sent + here.sent.length).toBe(TIMERS);
    await expectEachRemindedOnce();
  }, PROCESS_TEST_TIMEOUT);

  // Only for PostgreSQL: two better-sqlite3 connections in one process block each
  // other's only thread, which no deployment does; the test above covers SQLite
  // with two processes. So on SQLite this test is not registered at all.
  const onPostgres = kind === 'postgres' ? it : () => undefined;
  onPostgres('two service instances on two connections in one process send each reminder once', async () => {
    const db = connect(t.t.url);
    try {
      const second = createServices(db, loadConfig({ DATABASE_URL: t.t.url, DEMO_SEED: 'off' }), t.clock);
      const [a, b] = await Promise.all([runReminders(t.services), runReminders(second)]);
      expect(a.sent.length + b.sent.length).toBe(TIMERS);
      await expectEachRemindedOnce();
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it('a scheduler killed inside a reminder’s transaction leaves nothing half-done, and its restart finishes the run', async () => {
    const killed = await otherProcess({ startAt: 0, killInside: 4 });
    expect(killed.code).not.toBe(0);
    expect(killed.stdout).toBe('');
    expect(await sentSoFar()).toBe(3);
    const restarted = await runReminders(t.services);
    expect(restarted.sent.filter((s) => [...plans, signing].some((p) => p.id === s.planId))).toHaveLength(TIMERS - 3);
    await expectEachRemindedOnce();
  }, PROCESS_TEST_TIMEOUT);

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
    expect(theirs.sent + here.sent.length).toBe(TIMERS - 2);
    await expectEachRemindedOnce();
    // And nothing is sent again by later passes.
    expect((await runReminders(t.services)).sent).toEqual([]);
  }, PROCESS_TEST_TIMEOUT);
});
