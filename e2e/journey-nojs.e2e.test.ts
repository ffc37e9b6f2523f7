import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { Journey } from './support/journey.js';
import { journeySteps } from './support/journey-steps.js';
import { startServer, type E2eServer } from './support/server.js';

// The same journey with JavaScript turned off in every browser: each form,
// reveal and confirmation works as plain HTML (NHS.UK progressive enhancement).

let server: E2eServer;
let browser: Browser;
let journey: Journey;

let broken = false;
beforeEach(({ skip, onTestFailed }) => {
  if (broken) skip();
  onTestFailed(() => { broken = true; });
});

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  journey = new Journey(browser, server, { js: false });
}, 30_000);

afterAll(async () => {
  await journey?.close();
  await browser?.close();
  await server?.close();
});

describe('the whole journey without JavaScript', () => {
  const names = journeySteps(null as never, null as never).map(([name]) => name);
  for (const [index, name] of names.entries()) {
    it(name, async () => {
      await journeySteps(journey, server)[index]![1]();
    }, 120_000);
  }
});
