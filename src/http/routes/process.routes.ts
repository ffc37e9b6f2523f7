import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { ROOT } from '../../paths.js';
import { processStates } from '../../process/diagram.js';
import type { AppEnv } from '../context.js';
import { renderPage } from '../render.js';

// /process: the statechart as a diagram, generated from workflows/plan.machine.ts
// into docs/process.svg by `npm run diagram`, with the same process as text.

/** Read when asked (after the app module, which knows where the repository is, has loaded). */
const svg = () => fs.readFileSync(path.join(ROOT, 'docs', 'process.svg'), 'utf8');

export const processRoutes = new Hono<AppEnv>()
  .get('/process', (c) => renderPage(c, 'process', {
    title: 'How a plan works', states: processStates().map((s) => ({
      ...s, transitions: s.transitions.filter((t) => !['WITHDRAW', 'COMMENT', 'AUTHORISE_DOCUMENT', 'SEND_REMINDER', 'REMIND_SIGNATORY'].includes(t.event)),
    })),
    statusOf: Object.fromEntries(processStates().map((s) => [s.name, s.status])),
  }))
  .get('/process.svg', (c) => c.body(svg(), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
