import { benchTransitions } from './transitions.js';

// npm run bench: each benchmark prints its figures and the ratio to its
// baseline, measured side by side in this one run.

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

const t = await benchTransitions();
console.log('Persisted transitions (SQLite file, WAL, synchronous=FULL)');
console.log(`  plan service   ${fmt(t.service)} /s`);
console.log(`  floor (raw)    ${fmt(t.floor)} /s`);
console.log(`  ratio service/floor = ${t.ratio.toFixed(2)} (target >= 0.50)`);
