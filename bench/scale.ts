import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/services.js';
import { ROOT } from '../test/support/processes.js';
import { SEED_PASSWORD, seedNation } from './scale-seed.js';
import { transitionsAgainstFloor } from './scale-floor.js';
import { streamWatchingMemory, timeRequests, type Timed } from './scale-measure.js';

// npm run bench:scale -- --db sqlite|postgres [--plans 1000000] [--trusts 200]
// All of England on one deployment: seeds a national database once (kept for
// the next run: .tmp/scale/ for SQLite; a database on SCALE_PG_URL for
// PostgreSQL), then measures the pages of the largest trust (10,000 plans),
// one request at a time through the whole application (middleware, session,
// queries, templates; only the socket left out) beside a signed-in floor page,
// the CSV export's memory, and transitions against the raw write floor.

const { values } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' }, plans: { type: 'string', default: '1000000' }, trusts: { type: 'string', default: '200' },
  largest: { type: 'string', default: '10000' }, requests: { type: 'string', default: '40' },
} });
const plans = Number(values.plans);
const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

async function database(): Promise<{ url: string; size: () => Promise<string> }> {
  if (values.db === 'sqlite') {
    const file = path.join(ROOT, '.tmp', 'scale', `national-${plans}.db`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return { url: `sqlite:${file}`, size: async () => `${fmt(fs.statSync(file).size / 1e9)} GB file` };
  }
  const admin = process.env.SCALE_PG_URL;
  if (!admin) throw new Error('Set SCALE_PG_URL to a PostgreSQL server (postgres://user@host:port/postgres) for --db postgres.');
  const name = `scale_${plans}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const found = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (found.rowCount === 0) await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    size: async () => {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      const { rows } = await c.query('select pg_size_pretty(pg_database_size(current_database())) as size');
      await c.end();
      return `${rows[0].size} database`;
    },
  };
}

const { url, size } = await database();
const db = connect(url);
await migrate(db);
const trust = await db.kysely.selectFrom('organisations').select('id').where('name', 'like', 'Bench Trust 001 %').executeTakeFirst();
const stored = Number((await db.kysely.selectFrom('plans').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
let seedLine = `reused (${fmt(stored)} plans already there)`;
if (!trust || stored < plans) {
  if (stored > 0) throw new Error(`${db.location} holds ${stored} plans but not a complete seed: remove it and run again.`);
  console.log(`Seeding ${fmt(plans)} plans in ${values.trusts} trusts on ${values.db} …`);
  const seeded = await seedNation(db, { plans, trusts: Number(values.trusts), largest: Number(values.largest), now: new Date(), log: console.log });
  seedLine = `seeded in ${fmt(seeded.seconds)} s`;
}
const benchTrust = (await db.kysely.selectFrom('organisations').select('id').where('name', 'like', 'Bench Trust 001 %').executeTakeFirstOrThrow()).id;
const trustPlans = Number((await db.kysely.selectFrom('plans').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', '=', benchTrust).executeTakeFirstOrThrow()).n);
const clinicianPlans = await db.kysely.selectFrom('plans').innerJoin('users', 'users.id', 'plans.clinician_id').select(['plans.id', 'plans.version'])
  .where('users.email', '=', 'c1@trust1.nhs.uk').where('plans.top_state', 'not in', ['awarded', 'withdrawn', 'completed']).execute();
if (clinicianPlans.length === 0) throw new Error('c1@trust1.nhs.uk has no open plan to comment on.');
console.log(`\nNational scale on ${values.db}: ${fmt(plans)} plans in ${values.trusts} trusts, ${seedLine}; ${await size()}`);

// The application as the server builds it, with its background loops left off.
const services = createServices(db, loadConfig({ DATABASE_URL: url, DEMO_SEED: 'off', SESSION_HOURS: '2' }));
const app = createApp(services);
const BASE = 'http://localhost';
async function signIn(email: string) {
  const res = await app.request(`${BASE}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: SEED_PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: /plans_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0], csrfToken };
}
const results: Timed[] = [];
const rd = await signIn('rd1@trust1.nhs.uk');
const clinician = await signIn('c1@trust1.nhs.uk');
const get = (p: string, cookie: string) => async () => app.request(`${BASE}${p}`, { headers: { cookie } });
const count = Number(values.requests);
const year = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
const today = new Date().toISOString().slice(0, 10);
results.push(await timeRequests('floor: a signed-in page (/notifications)', get('/notifications', rd.cookie), 200, count));
results.push(await timeRequests(`R&D dashboard (${fmt(trustPlans)}-plan trust)`, get('/', rd.cookie), 200, count));
results.push(await timeRequests('/reports, every plan', get('/reports', rd.cookie), 200, count));
results.push(await timeRequests('/reports, the last 12 months', get(`/reports?from=${year}&to=${today}`, rd.cookie), 200, count));
results.push(await timeRequests('GET /api/v1/reports/pipeline', get('/api/v1/reports/pipeline', rd.cookie), 200, count));
const versions = new Map(clinicianPlans.map((p) => [p.id, p.version]));
results.push(await timeRequests('transition (comment form POST)', async (n) => {
  const plan = clinicianPlans[Math.abs(n) % clinicianPlans.length]!;
  const res = await app.request(`${BASE}/plans/${plan.id}/events/COMMENT`, {
    method: 'POST', headers: { cookie: clinician.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: clinician.csrfToken, version: String(versions.get(plan.id)), text: 'Benchmark comment' }),
  });
  if (res.status === 303) versions.set(plan.id, versions.get(plan.id)! + 1);
  return res;
}, 303, count));
const runs = [];
for (let run = 0; run < 3; run++) runs.push(await streamWatchingMemory(get('/reports/plans.csv', rd.cookie)));
const growth = Math.max(...runs.map((r) => r.rssPeak - r.rssBefore));
const fastest = runs.reduce((a, b) => (a.seconds < b.seconds ? a : b));
const csvLine = `CSV export of the ${fmt(trustPlans)}-plan trust: ${fmt(fastest.rows)} rows, ${fmt(fastest.bytes / 1e6)} MB in ${fmt(fastest.seconds)} s (best of 3); `
  + `memory grew at most ${fmt(growth)} MB while streaming (from ${fmt(runs[0]!.rssBefore)} MB)`;
await db.destroy();

const floor = results[0]!;
console.log('  server time per request, one at a time (median, 95th percentile) and the CPU each took');
for (const r of results) {
  const ratio = r === floor ? '' : `  ${fmt(r.median / floor.median)} × floor`;
  console.log(`  ${r.name.padEnd(44)} median ${fmt(r.median).padStart(6)} ms  p95 ${fmt(r.p95).padStart(6)} ms  CPU ${fmt(r.cpu).padStart(5)} ms${r.errors ? `  ERRORS ${r.errors}` : ''}${ratio}`);
}
console.log(`  ${csvLine}`);
const t = await transitionsAgainstFloor(url, benchTrust);
console.log(`  transitions through the plan service ${fmt(t.service)}/s, raw write floor ${fmt(t.floor)}/s: ratio ${t.ratio.toFixed(2)}`);
console.log('  targets: reports ≤ 50 ms; CSV memory growth ≤ 50 MB; transitions ≥ 0.50 × the raw floor');
