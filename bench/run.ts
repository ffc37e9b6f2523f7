import { benchHttp } from './http.js';
import { benchTransitions } from './transitions.js';
import { benchCosting, printCosting } from './costing.js';

// npm run bench: each benchmark prints its figures and its ratios to the
// floor measured beside it in this one run, one `ratio <name> <value>` line each.

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const ms = (n: number) => `${n.toFixed(1)} ms`;

const t = await benchTransitions();
console.log('Persisted transitions (SQLite file, WAL, synchronous=FULL)');
console.log(`  plan service as deployed  ${fmt(t.deployed)} /s   (documents, notifications, audit signature)`);
console.log(`  plan service, bare        ${fmt(t.service)} /s`);
console.log(`  floor (raw better-sqlite3) ${fmt(t.floor)} /s`);
console.log(`  target: deployed >= 0.50 x floor`);
console.log(`ratio transitions ${t.ratio.toFixed(2)}`);

const h = await benchHttp();
console.log(`\nHTTP at ${h.rate} requests a second offered, ${h.seconds} s a route, ${h.plans.toLocaleString('en-GB')} plans in SQLite for ${h.people} (seeded in ${h.seedSeconds.toFixed(0)} s)`);
console.log(h.pinned ? '  server on core 0, load generator on core 1 (taskset); the server runs dist/ (compiled)' : '  NOT pinned (taskset or a second core missing): the generator shares the server\'s cores');
console.log(`  ${'route'.padEnd(46)} ${'CPU/req'.padStart(9)} ${'x floor'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'answered/s'.padStart(10)} errors`);
const row = (label: string, r: (typeof h.results)[number]) => console.log(`  ${label.padEnd(46)} ${`${fmt(r.cpuMicros)} µs`.padStart(9)} ${(r.cpuMicros / h.floorMicros).toFixed(2).padStart(8)} ${ms(r.p50).padStart(9)} ${ms(r.p99).padStart(9)} ${fmt(r.achieved).padStart(10)} ${r.errors}`);
row(`${h.floors[0].route.label}, before`, h.floors[0]);
for (const r of h.results) row(r.route.label, r);
row(`${h.floors[1].route.label}, after`, h.floors[1]);
console.log(`  server RSS after the run: ${h.rss.toFixed(0)} MB`);
console.log('  targets: each page <= 3 x floor CPU and p99 <= 15 ms; stored PDF <= 2 x floor; RSS <= 200 MB (a write has no page target)');
for (const r of h.results) console.log(`ratio ${r.route.name} ${(r.cpuMicros / h.floorMicros).toFixed(2)}`);

console.log('');
printCosting(await benchCosting());
