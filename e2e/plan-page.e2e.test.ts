import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../src/accounts/accounts.repository.js';
import { buildTestApp, type TestApp } from '../test/support/app.js';
import {
  planAt, toAgreement, toAccept, toApplication, toAward, toAwardTheLongWay, toCompleted, toRecord, toSignOff, toTerms, type Person, type Step,
} from '../test/support/plan-states.js';
import { PASSWORD } from '../test/support/world.js';
import { Audit, SCREENS } from './support/axe.js';
import { click, launchBrowser, openContext, visit, type Session } from './support/browser.js';

// The plan page (issue 17) as each person reads it at several points of the
// process: at 1280, 390 and 320 pixels wide, screenshotted as
// test-results/screens/plan-<state>-<role>-<width>.png, checked with axe at
// WCAG 2.2 AA and for reflow at 320 pixels. The plans are built through the
// plan service with every extension (documents, due dates), as the server runs.

let t: TestApp;
let server: ReturnType<typeof serve>;
let base = '';
let browser: Browser;
const audit = new Audit('plan-page', 1701);
const sessions = new Map<Person, Session>();

const WIDTHS = [1280, 390, 320] as const;

async function signedIn(who: Person): Promise<Session> {
  const known = sessions.get(who);
  if (known) return known;
  const user: User = t.world[who];
  const session = await openContext(browser, base, { name: user.name, email: user.email, role: user.role });
  const { page } = session;
  await visit(page, '/sign-in');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await click(page, page.getByRole('button', { name: 'Sign in' }));
  expect(new URL(page.url()).pathname, `${who} signed in`).toBe('/');
  sessions.set(who, session);
  return session;
}

/** The page's height in CSS pixels at a width. */
async function heightAt(page: Page, width: number): Promise<number> {
  await page.setViewportSize({ width, height: 800 });
  return page.evaluate(() => document.documentElement.scrollHeight);
}

/** Open the plan as this person, screenshot it at each width, and check it with axe (at 1280 and 390) and at 320. */
async function look(who: Person, planId: string, state: string, query = ''): Promise<Page> {
  const { page } = await signedIn(who);
  const response = await visit(page, `/plans/${planId}${query}`);
  expect(response.status(), `${who} opens the plan at ${state}`).toBe(200);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: path.join(SCREENS, `plan-${state}-${who}-${width}.png`), fullPage: true });
    if (width !== 320) await audit.check(page, `plan-${state}-${who}-axe-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return page;
}

const plan = (steps: Step[], title?: string) => planAt(t.services, t.world, steps, { title });

beforeAll(async () => {
  [t, browser] = await Promise.all([buildTestApp('sqlite', { SESSION_HOURS: '720' }), launchBrowser()]);
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => { server.once('listening', () => resolve()); server.once('error', reject); });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  audit.report();
  await browser?.close();
  if (server) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await t?.cleanup();
});

describe('the plan page, as each person reads it', () => {
  it('measures the page of a plan at the award, the long way round, at 1280 and 390 pixels', async () => {
    const id = await plan(toAwardTheLongWay, 'Early mobilisation after hip fracture');
    const heights: Record<string, Record<number, number>> = {};
    for (const who of ['clinician', 'manager', 'rdLead'] as const) {
      const page = await look(who, id, 'awarded-long', '');
      heights[who] = { 1280: await heightAt(page, 1280), 390: await heightAt(page, 390) };
    }
    fs.writeFileSync(path.join(SCREENS, '..', 'plan-page-heights.json'), JSON.stringify(heights, null, 2));
    console.log(`plan page heights at the award: ${JSON.stringify(heights)}`);
  }, 120_000);

  it.each([
    ['manager-agreement', toAgreement, ['manager', 'clinician']],
    ['terms-drafting', toTerms, ['clinician', 'manager']],
    ['terms-awaiting-manager', toAccept, ['manager', 'clinician']],
    ['rd-sign-off', toSignOff, ['rdLead', 'admin']],
    ['meeting-arranged', toRecord, ['supervisor', 'manager']],
    ['application-signatures', toApplication, ['manager', 'clinician']],
    ['awarded', toAward, ['manager', 'rdLead', 'clinician']],
    ['completed', toCompleted, ['clinician', 'supervisor']],
  ] as Array<[string, Step[], Person[]]>)('at %s', async (state, steps, people) => {
    const id = await plan(steps);
    for (const who of people) await look(who, id, state);
  }, 120_000);

  it('every plan page passes axe at WCAG 2.2 AA and reflows at 320 pixels', () => {
    expect(audit.checked).toBeGreaterThan(0);
    audit.expectClean();
  });
});
