import { performance } from 'node:perf_hooks';
import { calculateCosting } from '../src/costing/calculator.js';
import { toCostingInput } from '../src/costing/costing.schema.js';
import { ratesOn } from '../src/costing/rates.js';
import { buildTestApp, type Agent } from '../test/support/app.js';
import { examples, idea } from '../test/support/examples.js';

// The costing calculator's server time per call (target: at most 1 ms), over
// HTTP in-process (app.request: session, CSRF, zod, calculation, JSON) and the
// pure calculation alone; and the what-if page with three options against a
// signed-in page with little on it (target: within 3x). Run by npm run bench,
// or alone: npx tsx bench/costing.ts.

const CALLS = 2000;
const PAGES = 100;
const ROUNDS = 7;
const request = { clinicianBand: '6', backfillBand: '5', wte: 0.8, academicPercent: 40, durationMonths: 36, schemeId: 'ica-dcaf' } as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function perCall(run: () => Promise<unknown> | unknown, n: number): Promise<number> {
  for (let i = 0; i < Math.min(200, n); i++) await run(); // warm up
  const start = performance.now();
  for (let i = 0; i < n; i++) await run();
  return (performance.now() - start) / n;
}

export async function benchCosting() {
  const rates = ratesOn('2026-12-01');
  const input = toCostingInput(request);
  const pure = await perCall(() => calculateCosting(input, rates), CALLS * 10);

  const t = await buildTestApp('sqlite', { SESSION_HOURS: '720' });
  try {
    const [clinician, manager] = await Promise.all([t.signIn(t.world.clinician), t.signIn(t.world.manager)]) as [Agent, Agent];
    const calls: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      calls.push(await perCall(async () => {
        const res = await clinician.api('POST', '/api/v1/costing', request);
        if (res.status !== 200) throw new Error(`costing answered ${res.status}`);
        await res.arrayBuffer();
      }, CALLS / 4));
    }
    const http = median(calls);

    const { id } = await (await clinician.api('POST', '/api/v1/plans', { title: 'Bench plan', managerId: t.world.manager.id })).json() as { id: string };
    let version = 1;
    for (const [who, body] of [[clinician, { type: 'UPDATE_IDEA', ...idea, schemeId: 'ica-dcaf', expectedDeadline: '2027-03-01' }],
      [clinician, { type: 'SUBMIT_FOR_AGREEMENT' }], [manager, { type: 'AGREE_IN_PRINCIPLE', ...examples.AGREE_IN_PRINCIPLE(1) }]] as const) {
      version = (await (await who.api('POST', `/api/v1/plans/${id}/events`, { version, ...body })).json() as { version: number }).version;
    }
    const option = (key: string, share: number, band: string) => Object.fromEntries(Object.entries({
      academicPercent: share, durationMonths: 36, wte: 0.8, clinicianBand: '6', backfillBand: band, payPoint: 'top', schemeId: 'ica-dcaf',
    }).map(([k, v]) => [`${key}-${k}`, String(v)]));
    const whatIfUrl = `/plans/${id}/what-if?${new URLSearchParams({ ...option('a', 80, '6'), ...option('b', 50, '5'), ...option('c', 30, '7') })}`;
    const page = async (url: string) => {
      const res = await manager.get(url);
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      await res.arrayBuffer();
    };
    // The floor: a signed-in page that renders the layout and little else (the notifications page, empty here).
    // Rounds alternate so both see the same machine; the medians are reported.
    const floors: number[] = [];
    const whatIfs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      floors.push(await perCall(() => page('/notifications'), PAGES));
      whatIfs.push(await perCall(() => page(whatIfUrl), PAGES));
    }
    const floor = median(floors);
    const whatIf = median(whatIfs);
    return { pure, http, floor, whatIf, whatIfUrl: whatIfUrl.replace(id, ':id') };
  } finally {
    await t.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchCosting();
  printCosting(r);
}

export function printCosting(r: Awaited<ReturnType<typeof benchCosting>>) {
  console.log('Costing calculator and what-if page (in-process, app.request, SQLite file)');
  console.log(`  calculation alone       ${(r.pure * 1000).toFixed(1)} µs a call`);
  console.log(`  POST /api/v1/costing    ${r.http.toFixed(3)} ms a call (target <= 1 ms)`);
  console.log(`  signed-in floor page    ${r.floor.toFixed(3)} ms (/notifications)`);
  console.log(`  what-if, three options  ${r.whatIf.toFixed(3)} ms`);
  console.log(`  ratio costing/1ms = ${r.http.toFixed(2)} (target <= 1.00)`);
  console.log(`  ratio what-if/floor = ${(r.whatIf / r.floor).toFixed(2)} (target <= 3.00)`);
}
