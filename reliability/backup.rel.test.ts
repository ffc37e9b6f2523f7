import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONG_TEXT } from '../src/domain/fields.js';
import { PlanService } from '../src/plans/plan.service.js';
import { openTestDb, type TestDb } from '../test/support/databases.js';
import { runTs } from '../test/support/processes.js';
import { actorOf, createWorld, PASSWORD, type World } from '../test/support/world.js';
import { callApi, full, signInHttp, type HttpSession } from './support/client.js';
import { startServer, type ServerProcess } from './support/server.js';

// `npm run cli -- backup FILE` while clients keep writing through a server
// process: each copy must be whole (integrity, every plan's replay and hash
// chain) and hold every transition acknowledged before the backup began. Then
// `restore`: refused while the server runs, refused for a damaged copy, and a
// sound copy put in place with the database it replaces kept.
//
// Every plan's idea is written out at full length, so the database is over
// 100 MB: copied in SQLite's default small steps, a backup restarts each time
// another process writes, and under this load it never finished.

const BACKUPS = full ? 8 : 3;
const CLIENTS = 4;
const PLANS = full ? 4_000 : 2_500;
const BUSY = 8;

/** An idea with every long answer at its longest. */
const longIdea = (i: number) => Object.fromEntries(
  ['whyNow', 'researchIdeas', 'researchQuestion', 'serviceRelevance', 'careerGoal']
    .map((field) => [field, `Plan ${i}, ${field}: ${'A considered sentence about the work and why it matters. '.repeat(90)}`.slice(0, LONG_TEXT)]),
);

interface Ack { planId: string; version: number; text: string }

const eventsIn = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return Number((db.prepare('select count(*) as n from plan_events').get() as { n: number }).n);
  } finally {
    db.close();
  }
};

describe('backup under load, and restore', () => {
  let t: TestDb;
  let world: World;
  let server: ServerProcess | null = null;
  let dir: string;
  const busyPlans: string[] = [];
  const copies: Array<{ file: string; events: number }> = [];

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    world = await createWorld(t.db);
    const service = new PlanService(t.db);
    const clinician = actorOf(world.clinician);
    for (let i = 0; i < PLANS; i++) {
      const { id } = await service.create(clinician, { title: `Plan ${i}`, managerId: world.manager.id });
      await service.send(id, clinician, { type: 'UPDATE_IDEA', version: 1, payload: longIdea(i) });
      if (i < BUSY) busyPlans.push(id);
    }
    await t.db.destroy();
    dir = path.dirname(t.url.slice('sqlite:'.length));
  }, 300_000);

  afterAll(async () => {
    await server?.kill('SIGKILL');
    await t.cleanup().catch(() => undefined);
  });

  async function client(base: string, session: HttpSession, id: number, acks: Ack[], running: () => boolean): Promise<void> {
    for (let n = 0; running(); n++) {
      const planId = busyPlans[(id + n) % BUSY]!;
      const plan = await (await callApi(base, session, 'GET', `/api/v1/plans/${planId}`)).json() as { version: number };
      const text = `client ${id} comment ${n}`;
      const res = await callApi(base, session, 'POST', `/api/v1/plans/${planId}/events`, { type: 'COMMENT', version: plan.version, text });
      if (res.status === 200) acks.push({ planId, version: ((await res.json()) as { version: number }).version, text });
      else await res.arrayBuffer();
    }
  }

  it(`takes ${BACKUPS} whole copies while clients write, each holding every transition acknowledged before it began`, async () => {
    server = await startServer(t.url);
    const session = await signInHttp(server.base, world.clinician.email, PASSWORD);
    const acks: Ack[] = [];
    let running = true;
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(server!.base, session, i, acks, () => running));
    const during: number[] = [];
    try {
      for (let i = 0; i < BACKUPS; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const before = acks.slice();
        const file = path.join(dir, `copy-${i}.db`);
        const backup = await runTs('src/cli.ts', ['backup', file], { DATABASE_URL: t.url });
        during.push(acks.length - before.length);
        expect(backup.code, backup.stderr).toBe(0);
        expect(backup.stdout).toMatch(/integrity ok; \d+ plans, \d+ audit events and 0 issued documents verified/);
        const copy = new BetterSqlite3(file, { readonly: true });
        try {
          const find = copy.prepare('select payload from plan_events where plan_id = ? and seq = ?');
          const missing = before.filter((a) => !(find.get(a.planId, a.version) as { payload: string } | undefined)?.payload.includes(a.text));
          expect(missing).toEqual([]);
        } finally {
          copy.close();
        }
        copies.push({ file, events: eventsIn(file) });
      }
    } finally {
      running = false;
      await Promise.all(clients);
    }
    // The copies were taken while the database changed under them.
    expect(during.every((n) => n > 0), `acknowledged during each backup: ${during.join(', ')}`).toBe(true);
    const pages = Math.round(fs.statSync(copies[0]!.file).size / 4096);
    console.log(`[reliability] backup: ${BACKUPS} copies of ${PLANS} plans (${pages} pages) under ${CLIENTS} writing clients, ${during.join('/')} transitions acknowledged during them, each whole and complete`);
  }, 600_000);

  it('restore refuses while the server runs, refuses a damaged copy, and puts a sound one in place', async () => {
    const live = t.url.slice('sqlite:'.length);
    const env = { DATABASE_URL: t.url };
    const sound = copies[0]!;

    const refusedLive = await runTs('src/cli.ts', ['restore', sound.file], env);
    expect(refusedLive.code).not.toBe(0);
    expect(refusedLive.stderr).toMatch(/stop the server/i);
    await server!.kill();
    server = null;
    const eventsBefore = eventsIn(live);
    expect(eventsBefore).toBeGreaterThan(sound.events);

    // A copy with a page overwritten in its middle.
    const damaged = path.join(dir, 'damaged.db');
    fs.copyFileSync(sound.file, damaged);
    const bytes = fs.readFileSync(damaged);
    bytes.fill(0x5a, Math.floor(bytes.length / 2 / 4096) * 4096, Math.floor(bytes.length / 2 / 4096) * 4096 + 4096);
    fs.writeFileSync(damaged, bytes);
    const refused = await runTs('src/cli.ts', ['restore', damaged], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Not restored');
    expect(eventsIn(live)).toBe(eventsBefore);

    const restored = await runTs('src/cli.ts', ['restore', sound.file], env);
    expect(restored.code, restored.stderr).toBe(0);
    const kept = /kept as (\S+)$/m.exec(restored.stdout)?.[1];
    expect(kept && eventsIn(kept)).toBe(eventsBefore);
    expect(eventsIn(live)).toBe(sound.events);

    // The service runs on the restored database and verifies it.
    server = await startServer(t.url);
    const session = await signInHttp(server.base, world.clinician.email, PASSWORD);
    const res = await callApi(server.base, session, 'GET', `/api/v1/plans/${busyPlans[0]}`);
    expect(res.status).toBe(200);
    await server.kill();
    server = null;
    const verify = await runTs('src/cli.ts', ['verify'], env);
    expect(verify.code, verify.stderr).toBe(0);
    console.log(`[reliability] restore: refused while the server ran and for a damaged copy; restored ${sound.events} audit events, kept the ${eventsBefore} it replaced`);
  }, 300_000);
});
