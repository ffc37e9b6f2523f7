import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connect, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { derivePlanSummary } from '../../src/db/migrations/2026_12_05_2001_report_summaries.js';
import { listEvents } from '../../src/plans/plan.repository.js';
import { factsOf } from '../../src/reports/report-facts.js';
import { createServices } from '../../src/services.js';
import { restoreSnapshot } from '../../workflows/plan.status.js';
import { fixedClock } from '../support/clock.js';
import { databaseKinds, openTestDb, type TestDb } from '../support/databases.js';
import { eachConcurrently, plansAtOnce } from '../support/concurrently.js';
import { drive } from '../support/drive.js';
import { MODEL_TIME, transitionPaths } from '../support/model.js';
import { createWorld, type World } from '../support/world.js';

// The report summaries have two writers: the migration, which derives them
// once from the audit trail of plans stored before it, and the extension,
// which keeps them in each event's transaction. Both must give the same rows.

async function summaryOf(db: Db, planId: string) {
  const facts = await db.kysely.selectFrom('plan_reports').selectAll().where('plan_id', '=', planId).executeTakeFirstOrThrow();
  const stays = await db.kysely.selectFrom('plan_stays').select(['seq', 'step', 'entered_at', 'left_at', 'entered_ms', 'left_ms'])
    .where('plan_id', '=', planId).orderBy('seq').execute();
  const { plan_id: _p, organisation_id: _o, created_at: _c, ...rest } = facts;
  return {
    facts: { ...rest, agreed_backfill_cost_per_year: rest.agreed_backfill_cost_per_year === null ? null : Number(rest.agreed_backfill_cost_per_year) },
    stays: stays.map((s) => ({ seq: s.seq, step: s.step, entered_at: s.entered_at, left_at: s.left_at, entered_ms: Number(s.entered_ms), left_ms: s.left_ms === null ? null : Number(s.left_ms) })),
  };
}

const withMs = (stays: ReturnType<typeof derivePlanSummary>['stays']) =>
  stays.map((s) => ({ ...s, entered_ms: Date.parse(s.entered_at), left_ms: s.left_at === null ? null : Date.parse(s.left_at) }));

describe.each(databaseKinds)('report summaries kept with each event, on %s', (kind) => {
  let t: TestDb;
  let world: World;

  beforeAll(async () => {
    t = await openTestDb(kind);
    world = await createWorld(t.db);
  });
  afterAll(() => t.cleanup());

  it('match what the migration derives from the audit trail, on every path through the machine', async () => {
    const services = createServices(t.db, loadConfig({ DATABASE_URL: t.url, DEMO_SEED: 'off' }), fixedClock(MODEL_TIME));
    const paths = transitionPaths(world);
    let shared = 0;
    await eachConcurrently(paths, plansAtOnce(t.db.dialect), async (p) => {
      const { id } = await drive(services.plans, world, p.events);
      const events = await listEvents(t.db.kysely, id);
      const derived = derivePlanSummary(MODEL_TIME, events);
      expect(await summaryOf(t.db, id), p.name).toEqual({ facts: derived.facts, stays: withMs(derived.stays) });
      if (derived.facts.shared_at) shared += 1;
    });
    expect(shared).toBeGreaterThan(paths.length / 2);
    // Every path is replayed from a new plan: some hundred plans and thousands of transitions, each with its
    // documents, notifications and signature. On PostgreSQL, several plans at once.
  }, 600_000);
});

describe('a database made by version 1.0 gets its summaries when migrated', () => {
  const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'v1.0', 'app.db');
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-v1-reports-'));
    fs.copyFileSync(fixture, path.join(dir, 'app.db'));
    db = connect(`sqlite:${path.join(dir, 'app.db')}`);
    await migrate(db);
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('one row a plan, with the facts its stored snapshot holds', async () => {
    const plans = await db.kysely.selectFrom('plans').select(['id', 'state', 'snapshot']).execute();
    expect(plans).toHaveLength(17);
    for (const plan of plans) {
      const { facts } = await summaryOf(db, plan.id);
      const { shared_at: sharedAt, ...rest } = facts;
      expect(rest, plan.state).toEqual(factsOf(restoreSnapshot(JSON.parse(plan.snapshot)).context, plan.state));
      expect(sharedAt === null, plan.state).toBe(plan.state === 'researchIdea.drafting');
    }
  });

  it('stays that follow each other without a gap, from creation to the step the plan is in now', async () => {
    const plans = await db.kysely.selectFrom('plans').select(['id', 'top_state', 'created_at']).execute();
    let counted = 0;
    for (const plan of plans) {
      const { stays, facts } = await summaryOf(db, plan.id);
      if (facts.shared_at === null) { expect(stays).toEqual([]); continue; }
      counted += 1;
      expect(stays[0]).toMatchObject({ seq: 1, step: 'researchIdea', entered_at: plan.created_at });
      for (let i = 1; i < stays.length; i++) expect(stays[i]!.entered_at).toBe(stays[i - 1]!.left_at);
      expect(stays.at(-1)).toMatchObject({ step: plan.top_state, left_at: null });
      expect(stays.filter((s) => s.left_at === null)).toHaveLength(1);
    }
    expect(counted).toBeGreaterThan(10);
  });
});
