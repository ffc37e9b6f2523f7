import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Audit } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { Journey } from './support/journey.js';
import { journeySteps } from './support/journey-steps.js';
import { startServer, type E2eServer } from './support/server.js';

// One plan from research idea to a completed award, through the pages, by the
// four people who agree it, each in their own browser context. Every page on
// the way is screenshotted (test-results/screens/) and checked with axe and
// for reflow at 320 px; the last test fails on any finding.

let server: E2eServer;
let browser: Browser;
let journey: Journey;
const audit = new Audit('journey', 1);

// A failed step leaves the plan where the next step cannot use it: stop there
// rather than pile up failures that say nothing new. The accessibility verdict
// (the last test) still runs on the pages seen so far.
let broken = false;
beforeEach(({ task, skip, onTestFailed }) => {
  if (broken && !task.name.startsWith('every page')) skip();
  onTestFailed(() => { broken = true; });
});

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  journey = new Journey(browser, server, { js: true, audit });
}, 30_000);

afterAll(async () => {
  audit.report();
  if (journey) console.log(`journey: page loads per person ${JSON.stringify(journey.loads)}, ${Object.values(journey.loads).reduce((a, b) => a + b, 0)} in all`);
  await journey?.close();
  await browser?.close();
  await server?.close();
});

describe('a plan from research idea to a completed award', () => {
  // The steps are made once the server exists; each runs as its own test, in order.
  const names = journeySteps(null as never, null as never).map(([name]) => name);
  for (const [index, name] of names.entries()) {
    it(name, async () => {
      await journeySteps(journey, server)[index]![1]();
    }, 120_000);
  }

  it('every page of the journey passes axe at WCAG 2.0, 2.1 and 2.2 A and AA, and reflows at 320 px', () => {
    expect(audit.checked).toBeGreaterThan(40);
    audit.expectClean();
  });
});
