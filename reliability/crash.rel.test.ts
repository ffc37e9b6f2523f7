import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanService } from '../src/plans/plan.service.js';
import { openTestDb, type TestDb } from '../test/support/databases.js';
import { runTs } from '../test/support/processes.js';
import { actorOf, createWorld, PASSWORD, type World } from '../test/support/world.js';
import { callApi, full, signInHttp, type HttpSession } from './support/client.js';
import { startServer, type ServerProcess } from './support/server.js';

// Clients keep taking plans forward while the server is killed with SIGKILL at
// random moments and started again. Whatever the server acknowledged must be
// in the database afterwards, nothing may be half-written, and the file and
// the audit trail must check out.

const KILLS = full ? 40 : 8;
const CLIENTS = 6;
const PLANS = 4;

interface Ack { planId: string; version: number; text: string }

describe('crash: kill -9 under load', () => {
  let t: TestDb;
  let world: World;
  let server: ServerProcess | null = null;
  const planIds: string[] = [];

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    world = await createWorld(t.db);
    const service = new PlanService(t.db);
    for (let i = 0; i < PLANS; i++) planIds.push((await service.create(actorOf(world.clinician), { title: `Plan ${i}`, managerId: world.manager.id })).id);
    // The test's own connection must not hold the file while servers write to it.
    await t.db.destroy();
  }, 60_000);

  afterAll(async () => {
    await server?.kill('SIGKILL');
    await t.cleanup().catch(() => undefined);
  });

  /** One client: comment on plans as fast as it can until the server goes away. */
  async function client(base: string, session: HttpSession, id: number, acks: Ack[]): Promise<void> {
    for (let n = 0; ; n++) {
      const planId = planIds[(id + n) % PLANS]!;
      try {
        const plan = await (await callApi(base, session, 'GET', `/api/v1/plans/${planId}`)).json() as { version: number };
        const text = `client ${id} comment ${n} ${Math.random()}`;
        const res = await callApi(base, session, 'POST', `/api/v1/plans/${planId}/events`, { type: 'COMMENT', version: plan.version, text });
        if (res.status === 200) acks.push({ planId, version: ((await res.json()) as { version: number }).version, text });
        else await res.arrayBuffer();
      } catch {
        return; // the server was killed: an unacknowledged request may or may not have committed
      }
    }
  }

  it(`every acknowledged transition survives ${KILLS} kills; the file and the trail verify`, async () => {
    const acks: Ack[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      server = await startServer(t.url);
      const session = await signInHttp(server.base, world.clinician.email, PASSWORD);
      const clients = Array.from({ length: CLIENTS }, (_, i) => client(server!.base, session, i, acks));
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
      await server.kill('SIGKILL');
      await Promise.all(clients);
      server = null;
    }
    const db = new BetterSqlite3(t.url.slice('sqlite:'.length), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const find = db.prepare('select payload from plan_events where plan_id = ? and seq = ?');
      const lost = acks.filter((a) => !(find.get(a.planId, a.version) as { payload: string } | undefined)?.payload.includes(a.text));
      expect(lost).toEqual([]);
      const versions = db.prepare('select p.id, p.version, count(e.seq) as events from plans p join plan_events e on e.plan_id = p.id group by p.id').all() as Array<{ version: number; events: number }>;
      for (const v of versions) expect(v.events).toBe(v.version);
    } finally {
      db.close();
    }
    const verify = await runTs('src/cli.ts', ['verify'], { DATABASE_URL: t.url });
    expect(verify.code, verify.stderr).toBe(0);
    expect(acks.length).toBeGreaterThan(KILLS * 5);
    console.log(`[reliability] crash: ${KILLS} SIGKILLs under ${CLIENTS} clients, ${acks.length} acknowledged transitions, 0 lost, integrity ok, ${verify.stdout.trim()}`);
  }, 600_000);
});
