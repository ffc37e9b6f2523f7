import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { ROOT } from '../test/support/processes.js';
import { postForm, signInHttp, type HttpSession } from '../reliability/support/client.js';
import { startServer } from '../reliability/support/server.js';
import { seedCrowd } from './seed-many.js';

// Requests per second and latency at 10 concurrent users, for the pages people
// use most and a transition, with 100,000 plans in the database; side by side
// with a baseline Hono route that renders a static 5 KB Handlebars page.

const PLANS = Number(process.env.BENCH_PLANS ?? 100_000);
const CONCURRENCY = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

export interface Measured {
  name: string; rps: number; p50: number; p99: number; errors: number;
  /** CPU time of the server process (all its threads) per request: steadier than req/s on a busy machine. */
  cpuMicros: number;
}

/** User and system CPU time of a process so far, in microseconds (Linux /proc; clock ticks of 10 ms). */
const cpuOf = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};

async function load(name: string, pid: number, request: (worker: number, n: number) => Promise<Response>, expected: number): Promise<Measured> {
  const latencies: number[] = [];
  const cpuBefore = cpuOf(pid);
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async (_, worker) => {
    for (let n = 0; performance.now() < end; n++) {
      const start = performance.now();
      const res = await request(worker, n);
      await res.arrayBuffer();
      latencies.push(performance.now() - start);
      if (res.status !== expected) errors += 1;
    }
  }));
  const cpuMicros = (cpuOf(pid) - cpuBefore) / latencies.length;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { name, rps: latencies.length / SECONDS, p50: at(0.5), p99: at(0.99), errors, cpuMicros };
}

function startBaseline(): Promise<{ base: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/baseline-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout!.on('data', (d) => {
    const port = /port (\d+)/.exec(String(d))?.[1];
    if (port) resolve({ base: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill() });
  }));
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

export async function benchHttp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-http-'));
  const url = `sqlite:${path.join(dir, 'app.db')}`;
  const db = connect(url);
  await migrate(db);
  const seeded = performance.now();
  // A very large trust: 10,000 clinicians and 2,000 managers, so each manager
  // has 50 plans, all waiting for them: busier than any real manager.
  const crowd = await seedCrowd(db, PLANS, 10_000, 2_000);
  const seedSeconds = (performance.now() - seeded) / 1000;
  await db.destroy();

  const server = await startServer(url, { SESSION_HOURS: '1' });
  const baseline = await startBaseline();
  try {
    const manager = await signInHttp(server.base, crowd.managers[0]!.email, crowd.password);
    const rdLead = await signInHttp(server.base, crowd.rdLead.email, crowd.password);
    const clinician = crowd.clinicians[0]!;
    const session: HttpSession = await signInHttp(server.base, clinician.email, crowd.password);
    const plans = crowd.plansOf.get(clinician.id)!;
    const versions = new Map(plans.map((id) => [id, 3]));
    const get = (base: string, p: string, s?: HttpSession) => fetch(`${base}${p}`, s ? { headers: { cookie: s.cookie } } : {});

    const results = [
      await load('baseline: static 5 KB page', baseline.pid, () => get(baseline.base, '/static'), 200),
      await load("dashboard (a manager's)", server.pid, () => get(server.base, '/', manager), 200),
      await load("dashboard (R&D lead's: whole trust)", server.pid, () => get(server.base, '/', rdLead), 200),
      await load('plan page', server.pid, (w, n) => get(server.base, `/plans/${plans[(w + n) % plans.length]}`, session), 200),
      await load('transition (comment form POST)', server.pid, async (w) => {
        // Each worker has its own plans, so the run measures work, not conflicts.
        const id = plans[w % plans.length]!;
        const res = await postForm(server.base, session, `/plans/${id}/events/COMMENT`, { version: String(versions.get(id)), text: 'Benchmark comment' });
        if (res.status === 303) versions.set(id, versions.get(id)! + 1);
        return res;
      }, 303),
    ];
    return { plans: PLANS, people: `${crowd.clinicians.length.toLocaleString('en-GB')} clinicians, ${crowd.managers.length.toLocaleString('en-GB')} managers`, seedSeconds, results, rss: rssMb(server.pid) };
  } finally {
    baseline.stop();
    await server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
