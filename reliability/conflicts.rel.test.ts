import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents, findPlan } from '../src/plans/plan.repository.js';
import { PlanService } from '../src/plans/plan.service.js';
import { databaseKinds, openTestDb, type TestDb } from '../test/support/databases.js';
import { idea } from '../test/support/examples.js';
import { actorOf, createWorld, PASSWORD, type World } from '../test/support/world.js';
import { full, postForm, signInHttp, type HttpSession } from './support/client.js';
import { startServer, type ServerProcess } from './support/server.js';

// Several server processes on one database, many people pressing the same
// button on the same version at once: each round exactly one wins, the rest
// are told the plan changed, nobody sees a server error, and the audit trail
// has one event per version.

const ROUNDS = full ? 60 : 12;
const CLIENTS = 50;

describe.each(databaseKinds)('conflicts across processes (%s)', (kind) => {
  let t: TestDb;
  let world: World;
  let servers: ServerProcess[] = [];
  let sessions: HttpSession[] = [];
  let planId: string;

  beforeAll(async () => {
    t = await openTestDb(kind);
    world = await createWorld(t.db);
    const plans = new PlanService(t.db);
    planId = (await plans.create(actorOf(world.clinician), { title: 'Busy plan', managerId: world.manager.id })).id;
    // Sent to the manager, so it is no longer the clinician's private draft and both may comment.
    await plans.send(planId, actorOf(world.clinician), { type: 'UPDATE_IDEA', version: 1, payload: idea });
    await plans.send(planId, actorOf(world.clinician), { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
    servers = await Promise.all([startServer(t.url), startServer(t.url)]);
    // The clinician and the manager both comment, signed in on different servers.
    sessions = [await signInHttp(servers[0]!.base, world.clinician.email, PASSWORD), await signInHttp(servers[1]!.base, world.manager.email, PASSWORD)];
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await t.cleanup();
  });

  it(`${ROUNDS} rounds of ${CLIENTS} concurrent posts of the same version: one success each, the rest conflicts, no 5xx`, async () => {
    const tally = { accepted: 0, conflicts: 0, other: [] as string[] };
    for (let round = 0; round < ROUNDS; round++) {
      const version = (await findPlan(t.db.kysely, planId))!.version;
      const responses = await Promise.all(Array.from({ length: CLIENTS }, (_, i) =>
        postForm(servers[i % 2]!.base, sessions[i % 2]!, `/plans/${planId}/events/COMMENT`, { version: String(version), text: `round ${round}, person ${i}` })));
      const statuses = responses.map((r) => r.status);
      await Promise.all(responses.map((r) => r.arrayBuffer()));
      const accepted = statuses.filter((s) => s === 303).length;
      const conflicts = statuses.filter((s) => s === 409).length;
      tally.accepted += accepted;
      tally.conflicts += conflicts;
      tally.other.push(...statuses.filter((s) => s !== 303 && s !== 409).map((s) => `round ${round}: ${s}`));
      expect(accepted, `round ${round}: ${statuses.join(',')}`).toBe(1);
      expect(conflicts, `round ${round}`).toBe(CLIENTS - 1);
    }
    expect(tally.other).toEqual([]);
    const events = await listEvents(t.db.kysely, planId);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: ROUNDS + 3 }, (_, i) => i + 1));
    expect((await findPlan(t.db.kysely, planId))!.version).toBe(ROUNDS + 3);
    console.log(`[reliability] conflicts (${kind}): ${ROUNDS} rounds x ${CLIENTS} posts on 2 processes: ${tally.accepted} accepted, ${tally.conflicts} conflicts, 0 server errors, ${events.length} audit events for ${ROUNDS + 3} versions`);
  }, 300_000);

  it('the same form sent twice at once makes one change', async () => {
    const before = (await findPlan(t.db.kysely, planId))!.version;
    const form = { version: String(before), text: 'Sent twice by a double click' };
    const [a, b] = await Promise.all([
      postForm(servers[0]!.base, sessions[0]!, `/plans/${planId}/events/COMMENT`, form),
      postForm(servers[0]!.base, sessions[0]!, `/plans/${planId}/events/COMMENT`, form),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const events = await listEvents(t.db.kysely, planId);
    expect(events.filter((e) => e.payload.includes('Sent twice by a double click'))).toHaveLength(1);
    expect((await findPlan(t.db.kysely, planId))!.version).toBe(before + 1);
    console.log('[reliability] double submit: 2 identical posts, 1 change');
  }, 60_000);
});
