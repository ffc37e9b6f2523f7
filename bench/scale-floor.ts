import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/connect.js';
import { createServices } from '../src/services.js';

// Transitions at national size: the plan service (machine, extensions: the
// report summaries, webhooks, notifications, documents) against the raw floor,
// the same write done straight through the driver (BEGIN; UPDATE the plan if
// its version is still the one read; INSERT a ~1 KB audit row; COMMIT), in
// alternating rounds so both see the same machine.

const ROUND_MS = 1500;
const ROUNDS = 5;

async function timed(run: () => Promise<void>, ms = ROUND_MS): Promise<number> {
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < ms) { await run(); count += 1; }
  return count / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function transitionsAgainstFloor(url: string, trustId: string): Promise<{ service: number; floor: number; ratio: number }> {
  const db = connect(url);
  const services = createServices(db, loadConfig({ DATABASE_URL: url, DEMO_SEED: 'off' }));
  // Open plans of the large trust, each commented on by its own clinician: a hundred for the
  // service, another hundred for the floor (which writes each plan's own snapshot back).
  const open = await db.kysely.selectFrom('plans').select(['id', 'version', 'clinician_id', 'organisation_id', 'snapshot'])
    .where('organisation_id', '=', trustId).where('top_state', 'in', ['managerAgreement', 'backfillPlan', 'rdSignOff', 'application'])
    .orderBy('id').limit(200).execute();
  const plans = open.slice(0, 100);
  const floorPlans = open.slice(100);
  const payload = JSON.stringify({ text: 'x'.repeat(1000) });
  let turn = 0;
  const serviceStep = async () => {
    const plan = plans[turn++ % plans.length]!;
    await services.plans.send(plan.id, { userId: plan.clinician_id, role: 'clinician', organisationId: plan.organisation_id }, { type: 'COMMENT', version: plan.version, payload: { text: `Benchmark comment ${turn}` } });
    plan.version += 1;
  };
  const floor = await rawFloor(url, payload);
  const floorStep = async () => {
    const plan = floorPlans[turn++ % floorPlans.length]!;
    await floor.write(plan.id, plan.version, plan.snapshot, plan.clinician_id, plan.organisation_id);
    plan.version += 1;
  };
  try {
    await timed(serviceStep, 500);
    await timed(floorStep, 500);
    const serviceRates: number[] = [];
    const floorRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      serviceRates.push(await timed(serviceStep));
      floorRates.push(await timed(floorStep));
    }
    const result = { service: median(serviceRates), floor: median(floorRates) };
    return { ...result, ratio: result.service / result.floor };
  } finally {
    await floor.close();
    await db.destroy();
  }
}

interface Floor {
  write(planId: string, version: number, snapshot: string, actorId: string, organisationId: string): Promise<void>;
  close(): Promise<void>;
}

async function rawFloor(url: string, payload: string): Promise<Floor> {
  const at = () => new Date().toISOString();
  if (url.startsWith('sqlite:')) {
    const raw = new BetterSqlite3(url.slice('sqlite:'.length));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('busy_timeout = 10000');
    const update = raw.prepare('update plans set snapshot = ?, version = version + 1, updated_at = ? where id = ? and version = ?');
    const insert = raw.prepare(`insert into plan_events (plan_id, seq, type, actor_id, actor_role, actor_organisation_id, at, payload, state_before, state_after, prev_hash, hash)
      values (?, ?, 'COMMENT', ?, 'clinician', ?, ?, ?, 'a', 'a', ?, ?)`);
    return {
      async write(planId, version, snapshot, actorId, organisationId) {
        raw.exec('begin immediate');
        update.run(snapshot, at(), planId, version);
        insert.run(planId, version + 1, actorId, organisationId, at(), payload, 'p'.repeat(64), 'h'.repeat(64));
        raw.exec('commit');
      },
      close: async () => { raw.close(); },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async write(planId, version, snapshot, actorId, organisationId) {
      await client.query('begin');
      await client.query('update plans set snapshot = $1, version = version + 1, updated_at = $2 where id = $3 and version = $4', [snapshot, at(), planId, version]);
      await client.query(`insert into plan_events (plan_id, seq, type, actor_id, actor_role, actor_organisation_id, at, payload, state_before, state_after, prev_hash, hash)
        values ($1, $2, 'COMMENT', $3, 'clinician', $4, $5, $6, 'a', 'a', $7, $8)`, [planId, version + 1, actorId, organisationId, at(), payload, 'p'.repeat(64), 'h'.repeat(64)]);
      await client.query('commit');
    },
    close: () => client.end(),
  };
}
