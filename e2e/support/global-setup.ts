import fs from 'node:fs';
import path from 'node:path';
import { COUNTS, SCREENS } from './axe.js';

// Once per `npm run test:e2e`: start with empty screenshot and count folders,
// and at the end print how many pages axe checked across every test file.

export function setup(): void {
  fs.rmSync(SCREENS, { recursive: true, force: true });
  fs.rmSync(COUNTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENS, { recursive: true });
}

export function teardown(): void {
  const files = fs.existsSync(COUNTS) ? fs.readdirSync(COUNTS).filter((f) => f.endsWith('.json')) : [];
  let checked = 0;
  let findings = 0;
  const parts: string[] = [];
  for (const file of files.sort()) {
    const count = JSON.parse(fs.readFileSync(path.join(COUNTS, file), 'utf8')) as { checked: number; findings: number };
    checked += count.checked;
    findings += count.findings;
    parts.push(`${path.basename(file, '.json')} ${count.checked}`);
  }
  const screens = fs.existsSync(SCREENS) ? fs.readdirSync(SCREENS).filter((f) => f.endsWith('.png')).length : 0;
  console.log(`\naxe checked ${checked} pages in all (${parts.join(', ') || 'no test file finished'}): ${findings} violation(s) or script error(s).`);
  console.log(`${screens} screenshots in ${path.relative(process.cwd(), SCREENS)}/\n`);
}
