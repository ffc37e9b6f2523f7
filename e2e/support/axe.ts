import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as AxeCore from 'axe-core';
import type { Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { blockedFonts, takeScriptErrors } from './browser.js';

// Every page a test visits goes through Audit.check: a full-page screenshot to
// test-results/screens/NNN-name.png, then axe-core at the WCAG 2.0, 2.1 and
// 2.2 A and AA tags, then the page again at 320 CSS pixels wide, which must
// not scroll sideways (WCAG 1.4.10 Reflow, which axe cannot check). Violations
// (and script errors) are printed as they are found and the test fails on them
// at the end, so one bad page does not hide the rest of the journey.

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let source: string | undefined;
const axeSource = () => (source ??= fs.readFileSync(AXE_SCRIPT, 'utf8'));
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
export const SCREENS = path.join(RESULTS, 'screens');
/** Each test file writes how many pages it checked here; the global teardown adds them up. */
export const COUNTS = path.join(RESULTS, 'axe-counts');

export interface Violation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string; html: string; summary: string }>;
}

export interface Finding {
  page: string;
  url: string;
  violation?: Violation;
  scriptError?: string;
  /** What sticks out at 320 CSS pixels wide, innermost first. */
  reflow?: string;
}

/** WCAG 1.4.10: content at 320 CSS pixels wide (1280 at 400% zoom) without scrolling sideways. */
const REFLOW_WIDTH = 320;

/** At 320 pixels wide, the elements that make the page scroll sideways (none when it reflows). */
async function tooWide(page: Page): Promise<string | undefined> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
  try {
    return await page.evaluate(() => {
      const root = document.documentElement;
      if (root.scrollWidth <= root.clientWidth) return undefined;
      const sticksOut = (e: Element) => e.getBoundingClientRect().right > root.clientWidth + 0.5;
      const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')}`;
      const innermost = [...document.body.querySelectorAll('*')].filter((e) => sticksOut(e) && ![...e.children].some(sticksOut));
      return `the page is ${root.scrollWidth}px wide: ${innermost.slice(0, 5).map(describe).join(', ')}`;
    });
  } finally {
    if (size) await page.setViewportSize(size);
  }
}

/** axe-core's run, in the page, reduced to what the report needs (DOM nodes do not cross to Node). */
async function runAxe(page: Page): Promise<Violation[]> {
  // The app's Content-Security-Policy (script-src 'self') blocks the inline
  // <script> that page.addScriptTag adds. Evaluating the source through the
  // DevTools protocol is not subject to it, so the page keeps its real CSP
  // (no bypassCSP) while it is checked.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof AxeCore }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' '),
        html: n.html.length > 200 ? `${n.html.slice(0, 200)}…` : n.html,
        summary: n.failureSummary ?? '',
      })),
    }));
  }, WCAG_TAGS);
}

/**
 * NHS.UK frontend (like GOV.UK's: alphagov/govuk-frontend#979, #2823) sets
 * aria-expanded on a radio that reveals a follow-up question, which ARIA 1.2
 * does not list for radios; both design systems keep it on purpose because
 * screen readers announce it. That finding, and only it, is not counted.
 */
export const isRevealRadioExpanded = (v: Violation) => v.id === 'aria-allowed-attr' && v.nodes.every((n) =>
  /^<input class="nhsuk-radios__input"[^>]* type="radio"[^>]* aria-controls="conditional-/.test(n.html)
  && n.summary.trim().split('\n').slice(1).every((line) => /^\s*ARIA attribute is not allowed: aria-expanded="(true|false)"$/.test(line)));

export function describeFinding(f: Finding): string {
  if (f.scriptError) return `[script] ${f.page} (${f.url}): ${f.scriptError}`;
  if (f.reflow) return `[reflow] ${f.page} (${f.url}): at ${REFLOW_WIDTH}px ${f.reflow}`;
  const v = f.violation!;
  const nodes = v.nodes.map((n) => `      target: ${n.target}\n        html: ${n.html}\n        ${n.summary.replace(/\n/g, '\n        ')}`).join('\n');
  return `[axe] ${f.page} (${f.url}): ${v.id} (${v.impact}) ${v.help}\n      ${v.helpUrl}\n${nodes}`;
}

export class Audit {
  /** Pages checked by axe in this file. */
  checked = 0;
  readonly findings: Finding[] = [];
  private number: number;

  /** `suite` names this file's count; screenshots are numbered from `firstNumber`. */
  constructor(readonly suite: string, firstNumber: number) {
    this.number = firstNumber - 1;
    fs.mkdirSync(SCREENS, { recursive: true });
  }

  /** Screenshot and axe for the page as it is now. `name` is a short slug: "clinician-plan-created". */
  async check(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('load');
    this.number += 1;
    const file = `${String(this.number).padStart(3, '0')}-${name}.png`;
    await page.screenshot({ path: path.join(SCREENS, file), fullPage: true });
    const url = new URL(page.url()).pathname + new URL(page.url()).search;
    const found: Finding[] = [
      ...(await runAxe(page)).filter((v) => !isRevealRadioExpanded(v)).map((violation) => ({ page: file, url, violation })),
      ...takeScriptErrors(page).map((scriptError) => ({ page: file, url, scriptError })),
    ];
    const reflow = await tooWide(page);
    if (reflow) found.push({ page: file, url, reflow });
    this.checked += 1;
    for (const f of found) console.error(describeFinding(f));
    this.findings.push(...found);
  }

  /** Fails the test with every finding so far, each with its page, rule, impact and targets. */
  expectClean(): void {
    if (this.findings.length === 0) return;
    const report = this.findings.map(describeFinding).join('\n');
    throw new Error(`${this.findings.length} accessibility violation(s) or script error(s) on ${this.suite} pages:\n${report}`);
  }

  /** Prints and records how many pages this file checked. */
  report(): void {
    fs.mkdirSync(COUNTS, { recursive: true });
    fs.writeFileSync(path.join(COUNTS, `${this.suite}.json`), JSON.stringify({ checked: this.checked, findings: this.findings.length }));
    console.log(`axe: ${this.suite} checked ${this.checked} pages, ${this.findings.length} violation(s) or script error(s)`);
    if (blockedFonts.size) {
      console.log(`note: the Content-Security-Policy (font-src 'self') blocked ${blockedFonts.size} NHS font file(s) the nhsuk-frontend CSS asks for, so pages use Arial: ${[...blockedFonts].join(', ')}`);
    }
  }
}
