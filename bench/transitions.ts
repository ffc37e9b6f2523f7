import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { PlanService } from '../src/plans/plan.service.js';
import { createServices } from '../src/services.js';
import { TEST_AUDIT_KEY } from '../test/support/audit-key.js';
import { idea } from '../test/support/examples.js';
import { actorOf, createWorld } from '../test/support/world.js';

// Persisted transitions per second through the plan service on a SQLite file
// (as deployed, with its extensions: documents, notifications and the audit
// signature; and bare, without them), against the floor: the same write shape done directly with better-sqlite3
// (BEGIN IMMEDIATE; UPDATE … WHERE id AND version; INSERT a ~1 KB audit row;
// COMMIT) at the same synchronous=FULL. Rounds alternate so that both see the
// same machine conditions.

const PLANS = 100;
// Short rounds, many of them, each the three paths back to back: on a disk shared with other work the
// floor itself moved between 400 and 2,700 a second from one run to the next, so each round's ratio is
// taken between neighbours, and the median of those is the figure.
const ROUND_MS = 400;
const ROUNDS = 15;
const WARM_UP_MS = 500;

async function timed(run: () => Promise<void> | void, ms = ROUND_MS): Promise<number> {
  let count = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  while (performance.now() < end) { await run(); count += 1; }
  return count / ((performance.now() - start) / 1000);
}

export async function benchTransitions(): Promise<{ deployed: number; service: number; floor: number; ratio: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-transitions-'));
  try {
    const db = connect(`sqlite:${path.join(dir, 'service.db')}`);
    await migrate(db);
    const world = await createWorld(db);
    const service = new PlanService(db);
    const deployed = createServices(db, loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'service.db')}`, DEMO_SEED: 'off', AUDIT_KEY: TEST_AUDIT_KEY, LOG_LEVEL: 'warn' })).plans;
    const clinician = actorOf(world.clinician);
    const plans: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < PLANS; i++) {
      plans.push(await deployed.create(clinician, { title: `Plan ${i}`, managerId: world.manager.id }));
    }
    let turn = 0;
    const stepWith = (through: PlanService) => async () => {
      const plan = plans[turn++ % PLANS]!;
      const whyNow = `${idea.whyNow} (draft ${plan.version})`;
      await through.send(plan.id, clinician, { type: 'UPDATE_IDEA', version: plan.version, payload: { ...idea, whyNow } });
      plan.version += 1;
    };
    const serviceStep = stepWith(service);
    const deployedStep = stepWith(deployed);

    const raw = new BetterSqlite3(path.join(dir, 'service.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    const floorPlans = plans.map((p) => ({ id: p.id }));
    const versions = new Map<string, number>();
    const update = raw.prepare('update plans set snapshot = ?, version = version + 1, updated_at = ? where id = ? and version = ?');
    const insert = raw.prepare(`insert into plan_events (plan_id, seq, type, actor_id, actor_role, actor_organisation_id, at,
      payload, state_before, state_after, prev_hash, hash) values (?, ?, 'FLOOR', ?, 'clinician', ?, ?, ?, 'a', 'b', ?, ?)`);
    const payload = JSON.stringify({ ...idea, pad: 'x'.repeat(Math.max(0, 1024 - JSON.stringify(idea).length)) });
    const snapshotText = raw.prepare('select snapshot from plans limit 1').pluck().get() as string;
    const floorStep = () => {
      const plan = floorPlans[turn++ % PLANS]!;
      const version = versions.get(plan.id) ?? (raw.prepare('select version from plans where id = ?').pluck().get(plan.id) as number);
      raw.exec('begin immediate');
      const at = new Date().toISOString();
      update.run(snapshotText, at, plan.id, version);
      insert.run(plan.id, version + 1, clinician.userId, clinician.organisationId, at, payload, 'p'.repeat(64), 'h'.repeat(64));
      raw.exec('commit');
      versions.set(plan.id, version + 1);
    };

    const serviceRates: number[] = [];
    const deployedRates: number[] = [];
    const floorRates: number[] = [];
    // Every path runs once untimed first, so none pays for JIT compilation in a timed round.
    await timed(deployedStep, WARM_UP_MS);
    await timed(serviceStep, WARM_UP_MS);
    for (const p of plans) versions.set(p.id, p.version);
    await timed(floorStep, WARM_UP_MS);
    for (const p of plans) p.version = versions.get(p.id)!;
    for (let round = 0; round < ROUNDS; round++) {
      deployedRates.push(await timed(deployedStep));
      serviceRates.push(await timed(serviceStep));
      // The floor continues from the versions the service left.
      versions.clear();
      for (const p of plans) versions.set(p.id, p.version);
      floorRates.push(await timed(floorStep));
      for (const p of plans) p.version = versions.get(p.id)!;
    }
    raw.close();
    await db.destroy();
    const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratios = deployedRates.map((rate, i) => rate / floorRates[i]!);
    return { deployed: median(deployedRates), service: median(serviceRates), floor: median(floorRates), ratio: median(ratios) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
