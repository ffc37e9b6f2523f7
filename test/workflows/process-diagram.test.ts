import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processDot, processMarkdown, processStates, processSvg } from '../../src/process/diagram.js';
import { guardLabels } from '../../workflows/plan.labels.js';
import { planMachine } from '../../workflows/plan.machine.js';
import { buildTestApp } from '../support/app.js';

// The diagram in the repository is drawn from the machine: when the machine
// changes and `npm run diagram` was not run, this fails.

const docs = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
const committed = (name: string) => fs.readFileSync(path.join(docs, name), 'utf8');

describe('the process diagram', () => {
  it('committed in docs/ matches the statechart (run npm run diagram when it does not)', async () => {
    expect(committed('process.dot')).toBe(processDot());
    expect(committed('process.md')).toBe(processMarkdown());
    expect(committed('process.svg')).toBe(await processSvg(processDot()));
  }, 30_000);

  it('shows every state, and words every condition', () => {
    const states = processStates();
    expect(states.map((s) => s.name)).toContain('backfillPlan.awaitingManager');
    for (const s of states) for (const t of s.transitions) expect(t.when, `${s.name} ${t.event}`).not.toMatch(/^is[A-Z]|^may[A-Z]|^are[A-Z]/);
    const named = Object.keys(planMachine.implementations.guards);
    expect(named.filter((g) => !(g in guardLabels))).toEqual([]);
  });

  it('is served at /process, with the text, and the diagram at /process.svg', async () => {
    const t = await buildTestApp();
    try {
      const page = await (await t.app.request('http://localhost/process')).text();
      expect(page).toContain('How a plan works');
      expect(page).toContain('Accept these terms (the manager, the latest terms, every point of the agenda agreed): goes to “Waiting for R&amp;D sign-off”');
      const svg = await t.app.request('http://localhost/process.svg');
      expect(svg.headers.get('content-type')).toContain('image/svg+xml');
      expect(await svg.text()).toContain('<svg');
    } finally {
      await t.cleanup();
    }
  });
});
