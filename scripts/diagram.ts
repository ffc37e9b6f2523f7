// Writes the process diagram and its text from the statechart: npm run diagram.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processDot, processMarkdown, processSvg } from '../src/process/diagram.js';

const docs = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs');
fs.mkdirSync(docs, { recursive: true });
const dot = processDot();
fs.writeFileSync(path.join(docs, 'process.dot'), dot);
fs.writeFileSync(path.join(docs, 'process.svg'), await processSvg(dot));
fs.writeFileSync(path.join(docs, 'process.md'), processMarkdown());
console.log('wrote docs/process.dot, docs/process.svg and docs/process.md');
