import { benchHttp } from './http.js';
import { benchTransitions } from './transitions.js';
import { benchCosting, printCosting } from './costing.js';

// npm run bench: each benchmark prints its figures and the ratio to its
// baseline, measured side by side in this one run.

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

const t = await benchTransitions();
console.log('Persisted transitions (SQLite file, WAL, synchronous=FULL)');
console.log(`  plan service   ${fmt(t.service)} /s`);
console.log(`  floor (raw)    ${fmt(t.floor)} /s`);
console.log(`  ratio service/floor = ${t.ratio.toFixed(2)} (target >= 0.50)`);

const h = await benchHttp();
const [baseline] = h.results;
console.log(`\nHTTP at 10 concurrent users, ${h.plans.toLocaleString('en-GB')} plans in SQLite for ${h.people} (seeded in ${h.seedSeconds.toFixed(0)} s)`);
for (const r of h.results) {
  const ratio = r === baseline ? '' : `  ratio to baseline ${(r.rps / baseline!.rps).toFixed(2)}`;
  console.log(`  ${r.name.padEnd(36)} ${fmt(r.rps).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  server CPU ${fmt(r.cpuMicros).padStart(5)} µs/req  errors ${r.errors}${ratio}`);
}
console.log(`  targets: pages >= 0.50 x baseline, page p99 <= 10 ms; server memory after the run ${h.rss.toFixed(0)} MB`);

console.log('');
printCosting(await benchCosting());
