import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { createServices } from '../src/services.js';
import { signedOff } from '../test/documents/journey.js';
import { TEST_AUDIT_KEY } from '../test/support/audit-key.js';
import { ROOT } from '../test/support/processes.js';
import { createWorld, PASSWORD } from '../test/support/world.js';
import { signInHttp, type HttpSession } from '../reliability/support/client.js';
import type { Job, Result } from './load-generator.js';
import { floor, routes, type BenchRoute, type BenchWorld, type Who } from './routes.js';
import { seedCrowd } from './seed-many.js';

// Pages at a fixed offered rate over 100,000 plans, measured honestly: the
// server (compiled, as in production) pinned to one core and the load
// generator to another, so the generator's work is not counted as the
// server's. For each route: the server's CPU time per request, latency p50
// and p99 at the offered rate, and the ratio of its CPU to the signed-in
// floor measured in the same run.

const PLANS = Number(process.env.BENCH_PLANS ?? 100_000);
const RATE = Number(process.env.BENCH_RATE ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 2;

export interface Measured extends Result {
  route: BenchRoute;
  /** Server CPU (user + system, all threads) per request, in microseconds. */
  cpuMicros: number;
}

/** User and system CPU time of a process so far, in microseconds (Linux /proc; clock ticks of 10 ms). */
const cpuOf = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** `taskset -c <core>` when this machine has the cores for it. */
const pinned = os.availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;
const onCore = (core: number, command: string[]) => (pinned ? ['taskset', '-c', String(core), ...command] : command);

function startServer(url: string): Promise<{ base: string; pid: number; child: ChildProcess }> {
  const [command, ...args] = onCore(0, [process.execPath, path.join(ROOT, 'scripts/launch.mjs'), 'server']);
  const child = spawn(command!, args, {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', DEMO_SEED: 'off', AUDIT_KEY: TEST_AUDIT_KEY, SESSION_HOURS: '2',
      // Only the requests are measured: the scheduler and the sender are left to other instances.
      REMINDER_INTERVAL_SECONDS: '0', MAIL_POLL_SECONDS: '0',
    },
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const listen = (d: Buffer) => {
      seen += d;
      const port = /\(port (\d+),/.exec(seen)?.[1];
      if (!port) return;
      // From here on the log (one line a request) is read and dropped, as a log shipper would.
      child.stdout!.off('data', listen);
      child.stdout!.resume();
      resolve({ base: `http://127.0.0.1:${port}`, pid: child.pid!, child });
    };
    child.stdout!.on('data', listen);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${seen}`)));
  });
}

function generate(job: Job): Promise<Result> {
  const [command, ...args] = onCore(1, [process.execPath, '--import', 'tsx', path.join(ROOT, 'bench/load-generator.ts')]);
  const child = spawn(command!, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stdin!.end(JSON.stringify(job));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Result) : reject(new Error(`load generator exited ${code}`)))));
}

async function setUp(dir: string) {
  const url = `sqlite:${path.join(dir, 'app.db')}`;
  const db = connect(url);
  await migrate(db);
  const seeded = performance.now();
  // A very large trust: 10,000 clinicians and 2,000 managers, 50 plans each, all waiting for them.
  const crowd = await seedCrowd(db, PLANS, 10_000, 2_000);
  // The people of the tests, with one plan signed off by R&D: its training agreement is the PDF.
  const people = await createWorld(db);
  const services = createServices(db, loadConfig({ DATABASE_URL: url, DEMO_SEED: 'off', LOG_LEVEL: 'warn', AUDIT_KEY: TEST_AUDIT_KEY }));
  const plan = await signedOff(services.plans, people);
  const document = await db.kysely.selectFrom('documents').select('id').where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
  const seedSeconds = (performance.now() - seeded) / 1000;
  await db.destroy();
  const world: BenchWorld = {
    clinicianPlans: crowd.plansOf.get(crowd.clinicians[0]!.id)!, anyPlans: [...crowd.plansOf.values()].flat(), documentedPlan: plan.id, documentId: document.id,
  };
  const emails: Record<Who, string> = { clinician: crowd.clinicians[0]!.email, manager: crowd.managers[0]!.email, rdLead: crowd.rdLead.email, signatory: people.manager.email };
  const passwords: Record<Who, string> = { clinician: crowd.password, manager: crowd.password, rdLead: crowd.password, signatory: PASSWORD };
  return { url, world, emails, passwords, seedSeconds, people: `${crowd.clinicians.length.toLocaleString('en-GB')} clinicians, ${crowd.managers.length.toLocaleString('en-GB')} managers` };
}

export async function benchHttp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-http-'));
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const setup = await setUp(dir);
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/launch.mjs'), '--build'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer(setup.url);
    const sessions = {} as Record<Who, HttpSession>;
    for (const who of Object.keys(setup.emails) as Who[]) sessions[who] = await signInHttp(server.base, setup.emails[who], setup.passwords[who]);

    let offset = 0;
    const measure = async (route: BenchRoute, seconds: number): Promise<Measured> => {
      const count = Math.round(RATE * seconds);
      const requests = Array.from({ length: count }, (_, i) => route.request(setup.world, offset + i));
      offset += count;
      const session = sessions[route.who];
      const job: Job = { base: server!.base, rate: RATE, seconds, expected: route.expected, cookie: session.cookie, csrfToken: session.csrfToken, requests };
      const before = cpuOf(server!.pid);
      const result = await generate(job);
      return { ...result, route, cpuMicros: (cpuOf(server!.pid) - before) / result.sent };
    };
    // Every path once first, so no route pays for compiling code or filling caches the others then use.
    for (const route of [floor, ...routes]) await measure(route, WARM_UP_SECONDS);
    // The floor before and after the routes: their mean is what each route is compared with.
    const floorBefore = await measure(floor, SECONDS);
    const results: Measured[] = [];
    for (const route of routes) results.push(await measure(route, SECONDS));
    const floorAfter = await measure(floor, SECONDS);
    return {
      plans: PLANS, rate: RATE, seconds: SECONDS, pinned, people: setup.people, seedSeconds: setup.seedSeconds,
      floors: [floorBefore, floorAfter] as const, floorMicros: (floorBefore.cpuMicros + floorAfter.cpuMicros) / 2, results, rss: rssMb(server.pid),
    };
  } finally {
    server?.child.kill('SIGTERM');
    if (server) await new Promise((resolve) => server!.child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
