import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents, findPlan } from '../../src/plans/plan.repository.js';
import type { PlanService } from '../../src/plans/plan.service.js';
import { createServices } from '../../src/services.js';
import { loadConfig } from '../../src/config.js';
import { verifyPlans } from '../../src/plans/verify.js';
import { restoreSnapshot, stateName } from '../../workflows/plan.status.js';
import { fixedClock } from '../support/clock.js';
import type { PlanContext } from '../../workflows/plan.types.js';
import { databaseKinds, openTestDb, type TestDb } from '../support/databases.js';
import { eachConcurrently, plansAtOnce } from '../support/concurrently.js';
import { drive } from '../support/drive.js';
import { derivedSummaryOf, summaryOf } from '../support/report-summaries.js';
import { leafStates, MODEL_TIME, modelEventTypes, transitionPaths } from '../support/model.js';
import { createWorld, type World } from '../support/world.js';

// Model-based: the paths come from the machine itself (xstate/graph), one per
// allowed transition, and each runs through the real service and database.
// Each path is driven once and checked for everything that follows it: the
// stored plan and its audit trail, and the report summaries kept beside them.

/**
 * The model names each issued document by kind and number; the server gives it an id, a hash and a statement for
 * each signatory. An authorisation is the same if it is of the same version by the same person.
 */
const comparable = (context: PlanContext) => ({
  ...context, authorisations: context.authorisations.map(({ documentId: _d, sha256: _s, statement: _t, ...kept }) => kept),
});

describe.each(databaseKinds)('every transition of the plan machine, persisted on %s', (kind) => {
  let t: TestDb;
  let world: World;
  let service: PlanService;

  beforeAll(async () => {
    t = await openTestDb(kind);
    world = await createWorld(t.db);
    // With its extensions: documents are issued, as the signatures the application waits for need.
    service = createServices(t.db, loadConfig({ DATABASE_URL: t.url, DEMO_SEED: 'off' }), fixedClock(MODEL_TIME)).plans;
  });
  afterAll(() => t.cleanup());

  it('the generated paths reach every state and use every event type', () => {
    const paths = transitionPaths(world);
    const reached = new Set(paths.flatMap((p) => [stateName(p.end.value), ...p.name.split('|').slice(0, 1)]));
    expect([...reached].sort()).toEqual(leafStates().sort());
    expect(new Set(paths.map((p) => p.events.at(-1)!.type))).toEqual(new Set([...modelEventTypes, 'AUTHORISE_DOCUMENT', 'SEND_REMINDER', 'REQUEST_MEDIATION']));
  });

  it('each path ends in the stored state, version, snapshot, audit trail and report summaries the machine predicts, and verifies', async () => {
    const paths = transitionPaths(world);
    let shared = 0;
    await eachConcurrently(paths, plansAtOnce(t.db.dialect), async (path) => {
      const { id } = await drive(service, world, path.events);
      const row = (await findPlan(t.db.kysely, id))!;
      const stored = restoreSnapshot(JSON.parse(row.snapshot));
      expect(row.state, path.name).toBe(stateName(path.end.value));
      expect(row.version, path.name).toBe(path.events.length + 1);
      expect(comparable({ ...stored.context, planId: 'model' }), path.name).toEqual(comparable(path.end.context));
      const trail = await listEvents(t.db.kysely, id);
      expect(trail.map((e) => e.type), path.name).toEqual(['PLAN_CREATED', ...path.events.map((e) => e.type)]);
      expect(trail.map((e) => e.actor_id), path.name).toEqual([world.clinician.id, ...path.events.map((e) => e.actor.userId)]);
      expect(trail.at(-1)!.state_after, path.name).toBe(row.state);
      // The report summaries kept with each event are what the migration derives from the same trail.
      const derived = derivedSummaryOf(MODEL_TIME, trail);
      expect(await summaryOf(t.db, id), `report summary: ${path.name}`).toEqual(derived);
      if (derived.facts.shared_at) shared += 1;
    });
    expect(shared).toBeGreaterThan(paths.length / 2);
    const report = await verifyPlans(t.db);
    expect(report.broken).toEqual([]);
    expect(report.plans).toBe(paths.length);
  }, 600_000);
});
