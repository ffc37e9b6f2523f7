import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { PlanService } from '../../src/plans/plan.service.js';
import { verifyPlans } from '../../src/plans/verify.js';
import { fixedClock } from '../support/clock.js';
import { databaseKinds, openTestDb, type TestDb } from '../support/databases.js';
import { examples, idea } from '../support/examples.js';
import { PROCESS_TEST_TIMEOUT, runTs } from '../support/processes.js';
import { actorOf, createWorld, type World } from '../support/world.js';

// Someone with direct access to the database changes the record afterwards.
// The audit table refuses it, so the tamperer first removes that protection.
async function tamper(db: Db, ...statements: Array<ReturnType<typeof sql>>) {
  if (db.dialect === 'sqlite') {
    await sql`drop trigger plan_events_no_update`.execute(db.kysely);
    for (const statement of statements) await statement.execute(db.kysely);
    await sql`create trigger plan_events_no_update before update on plan_events begin select raise(abort, 'plan_events is append-only'); end`.execute(db.kysely);
  } else {
    await sql`alter table plan_events disable trigger plan_events_no_update`.execute(db.kysely);
    for (const statement of statements) await statement.execute(db.kysely);
    await sql`alter table plan_events enable trigger plan_events_no_update`.execute(db.kysely);
  }
}

describe.each(databaseKinds)('verifying the stored record (%s)', (kind) => {
  let t: TestDb;
  let world: World;
  let service: PlanService;

  beforeAll(async () => {
    t = await openTestDb(kind);
    world = await createWorld(t.db);
    service = new PlanService(t.db, fixedClock('2026-12-01T09:00:00.000Z'));
  });
  afterAll(() => t.cleanup());

  async function planAtAgreement(title: string) {
    const { id } = await service.create(actorOf(world.clinician), { title, managerId: world.manager.id });
    await service.send(id, actorOf(world.clinician), { type: 'UPDATE_IDEA', version: 1, payload: idea });
    await service.send(id, actorOf(world.clinician), { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
    await service.send(id, actorOf(world.manager), { type: 'AGREE_IN_PRINCIPLE', version: 3, payload: examples.AGREE_IN_PRINCIPLE(1) });
    return id;
  }

  const cli = (...args: string[]) => runTs('src/cli.ts', args, { DATABASE_URL: t.url });

  it('an untouched database verifies, in the service and from the command line', async () => {
    await planAtAgreement('Untouched plan');
    expect((await verifyPlans(t.db)).broken).toEqual([]);
    const { code, stdout } = await cli('verify');
    expect(code).toBe(0);
    expect(stdout).toMatch(/verified 1 plan, 4 audit events and 0 issued documents: all hold/);
  }, PROCESS_TEST_TIMEOUT);

  it('a changed payload breaks the hash chain and the replay, naming the plan', async () => {
    const id = await planAtAgreement('Plan with an altered payload');
    await tamper(t.db, sql`update plan_events set payload = ${JSON.stringify({ ...idea, whyNow: 'rewritten later' })} where plan_id = ${id} and seq = 2`);
    const report = await verifyPlans(t.db);
    const broken = report.broken.find((b) => b.planId === id);
    expect(broken?.problems).toContain('event 2 (UPDATE_IDEA) has been altered: its hash does not match');
    expect(broken?.problems).toContain('the stored snapshot differs from the replayed events');
    const { code, stderr } = await cli('verify');
    expect(code).not.toBe(0);
    expect(stderr).toContain(id);
    expect(stderr).toContain('Plan with an altered payload');
  }, PROCESS_TEST_TIMEOUT);

  it('events swapped out of order are detected', async () => {
    const id = await planAtAgreement('Plan with reordered events');
    await tamper(t.db,
      sql`update plan_events set seq = 1000 where plan_id = ${id} and seq = 3`,
      sql`update plan_events set seq = 3 where plan_id = ${id} and seq = 4`,
      sql`update plan_events set seq = 4 where plan_id = ${id} and seq = 1000`);
    const broken = (await verifyPlans(t.db)).broken.find((b) => b.planId === id);
    expect(broken).toBeDefined();
    expect(broken!.problems.join('\n')).toMatch(/does not follow|altered|not allowed/);
  });

  it('a rewritten snapshot that no longer matches its events is detected', async () => {
    const id = await planAtAgreement('Plan with an edited snapshot');
    const row = await t.db.kysely.selectFrom('plans').select('snapshot').where('id', '=', id).executeTakeFirstOrThrow();
    const edited = row.snapshot.replace('"academicPercent"', '"x"').replace(/"whyNow":"[^"]*"/, '"whyNow":"edited"');
    await t.db.kysely.updateTable('plans').set({ snapshot: edited }).where('id', '=', id).execute();
    const broken = (await verifyPlans(t.db)).broken.find((b) => b.planId === id);
    expect(broken?.problems).toEqual(['the stored snapshot differs from the replayed events']);
  });
});
