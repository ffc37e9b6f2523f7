import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPlans, plansAwaiting } from '../../src/plans/plan.queries.js';
import { PlanService } from '../../src/plans/plan.service.js';
import { databaseKinds, openTestDb, type TestDb } from '../support/databases.js';
import { idea } from '../support/examples.js';
import { actorOf, createWorld, type World } from '../support/world.js';

// The dashboard counts a long list only as far as it needs ("more than 1,000");
// the API counts exactly. Both must agree with the rows there are.

describe.each(databaseKinds)('plan lists on %s', (kind) => {
  let testDb: TestDb;
  let world: World;
  const ids: string[] = [];

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    world = await createWorld(testDb.db);
    // A minute apart, so "newest change first" has one right answer.
    let minute = 0;
    const plans = new PlanService(testDb.db, () => new Date(Date.UTC(2027, 0, 4, 9, minute++)));
    for (let n = 0; n < 7; n++) {
      const { id } = await plans.create(actorOf(world.clinician), { title: `Plan ${n}`, managerId: world.manager.id });
      // Sent to the manager, so the trust sees it: a private draft is listed for its clinician alone.
      await plans.send(id, actorOf(world.clinician), { type: 'UPDATE_IDEA', version: 1, payload: idea });
      await plans.send(id, actorOf(world.clinician), { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
      ids.push(id);
    }
  });
  afterAll(async () => testDb.cleanup());

  it('counts exactly when asked to, and up to a limit when that is enough', async () => {
    const kysely = testDb.db.kysely;
    expect(await listPlans(kysely, world.rdLead, { perPage: 3 })).toMatchObject({ total: 7, more: false });
    expect(await listPlans(kysely, world.rdLead, { perPage: 3, countUpTo: 7 })).toMatchObject({ total: 7, more: false });
    const capped = await listPlans(kysely, world.rdLead, { perPage: 3, countUpTo: 5 });
    expect(capped).toMatchObject({ total: 5, more: true });
    expect(capped.rows.map((r) => r.title)).toEqual(['Plan 6', 'Plan 5', 'Plan 4']);
    expect(await listPlans(kysely, world.outsiderRdLead, { countUpTo: 5 })).toMatchObject({ rows: [], total: 0, more: false });
  });

  it('pages through the whole trust, newest change first, each plan once', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      seen.push(...(await listPlans(testDb.db.kysely, world.admin, { perPage: 3, page, countUpTo: (page - 1) * 3 + 2 })).rows.map((r) => r.id));
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('counts what waits on a role the same way', async () => {
    // Every plan, once sent, waits on the manager's agreement.
    expect(await plansAwaiting(testDb.db.kysely, world.manager, { limit: 2, countUpTo: 4 })).toMatchObject({ total: 4, more: true });
    expect(await plansAwaiting(testDb.db.kysely, world.manager, { limit: 2 })).toMatchObject({ total: 7, more: false });
    expect(await plansAwaiting(testDb.db.kysely, world.clinician, { countUpTo: 4 })).toMatchObject({ rows: [], total: 0, more: false });
  });
});
