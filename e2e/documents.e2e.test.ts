import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { connectionOptions, loadConfig } from '../src/config.js';
import type { User } from '../src/accounts/accounts.repository.js';
import { createServices } from '../src/services.js';
import { meetingRecorded } from '../test/documents/journey.js';
import { TEST_AUDIT_KEY } from '../test/support/audit-key.js';
import { openTestDb, type TestDb } from '../test/support/databases.js';
import { createWorld, PASSWORD, type World } from '../test/support/world.js';
import { Audit, SCREENS } from './support/axe.js';
import { click, launchBrowser, limitWaits, visit } from './support/browser.js';

// Issue 16 items 1, 2, 5 and 17 item 8 in a real browser: a manager reads the
// statement of what their signature commits them to, authorises, and is taken
// to the next document waiting for them until none is left; the print view
// opens as a page (not a download) with a print button, and without
// JavaScript it says how to print instead. Every page is checked with axe and
// at 320 pixels wide, and the print view is screenshotted at 1280 and 390.

let t: TestDb;
let world: World;
let server: ServerType;
let base: string;
let browser: Browser;
let planId: string;
const audit = new Audit('documents', 901);

beforeAll(async () => {
  const settings = { DEMO_SEED: 'off', LOG_LEVEL: 'warn', AUDIT_KEY: TEST_AUDIT_KEY };
  t = await openTestDb('sqlite', connectionOptions(loadConfig(settings)));
  world = await createWorld(t.db);
  const services = createServices(t.db, loadConfig({ ...settings, DATABASE_URL: t.url }));
  // Up to the recorded meeting (today), which issues the meeting record and both letters.
  planId = (await meetingRecorded(services.plans, world, { terms: { costing: { clinicianBand: '6', backfillBand: '6', wte: 0.8 } } })).id;
  server = serve({ fetch: createApp(services).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  audit.report();
  await browser?.close();
  if (server && 'closeAllConnections' in server) server.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.cleanup();
});

async function signedIn(user: User, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, locale: 'en-GB', timezoneId: 'Europe/London', ...options });
  limitWaits(context);
  const page = await context.newPage();
  await visit(page, '/sign-in');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await click(page, page.getByRole('button', { name: 'Sign in' }));
  return { context, page };
}

const documentId = async (kind: string) => (await t.db.kysely.selectFrom('documents').select('id')
  .where('plan_id', '=', planId).where('kind', '=', kind).executeTakeFirstOrThrow()).id;

describe('documents people can trust', () => {
  it('the manager reads what their signature commits them to, authorises, and goes on to each document still waiting', async () => {
    const { context, page } = await signedIn(world.manager);
    await visit(page, `/plans/${planId}/documents/${await documentId('letter-of-support')}`);
    await audit.check(page, 'manager-letter-of-support');
    const statement = page.locator('.app-statement');
    await expect(statement.textContent()).resolves.toMatch(/I will release Alex Morgan from clinical work for 60% of their working week \(2.4 days a week\)/);
    await expect(statement.textContent()).resolves.toMatch(/£\d{1,3},\d{3} a year and £\d{1,3},\d{3} over the 36 months/);

    const signed: string[] = [];
    for (let n = 0; n < 5; n++) {
      await page.getByLabel('I confirm the statement above').check();
      await click(page, page.getByRole('button', { name: 'Authorise this document' }));
      const banner = page.getByRole('alert');
      signed.push((await banner.locator('.nhsuk-notification-banner__heading').textContent())!.trim());
      await audit.check(page, `manager-authorised-${n + 1}`);
      const next = banner.getByRole('link', { name: /^authorise the / });
      if (await next.count() === 0) {
        await expect(banner.textContent()).resolves.toContain('No other document is waiting for your signature.');
        break;
      }
      await click(page, next);
    }
    expect(signed.sort()).toEqual([
      'You have authorised the letter of support', 'You have authorised the supervisor meeting record', 'You have authorised the training agreement',
    ]);
    await context.close();
    audit.expectClean();
  }, 180_000);

  it('opens a print view in the browser, with a print button, and instructions when JavaScript is off', async () => {
    const { context, page } = await signedIn(world.rdLead);
    await visit(page, `/plans/${planId}/documents/${await documentId('letter-of-support')}`);
    const response = await click(page, page.getByRole('link', { name: /^Print view/ }));
    expect(response.headers()['content-type']).toMatch(/^text\/html/);
    expect(response.headers()['content-disposition']).toBeUndefined();
    expect(new URL(page.url()).pathname).toMatch(/\/print$/);
    await expect(page.getByRole('button', { name: 'Print this page' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText("use your browser's print command").isVisible()).resolves.toBe(false);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Letter of support for the funding application');
    // Sam Patel authorised it in the first test: the print view shows it, and who is still to.
    await expect(page.locator('.doc-authorised').count()).resolves.toBe(1);
    await expect(page.getByText('Not yet authorised').count()).resolves.toBe(1);
    await audit.check(page, 'print-view-letter');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SCREENS, 'documents-390-print-view-letter.png'), fullPage: true });
    await context.close();

    const plain = await signedIn(world.clinician, { javaScriptEnabled: false });
    await visit(plain.page, `/plans/${planId}/documents/${await documentId('supervisor-letter')}/print`);
    await expect(plain.page.getByRole('button', { name: 'Print this page' }).isVisible()).resolves.toBe(false);
    await expect(plain.page.getByText("use your browser's print command").isVisible()).resolves.toBe(true);
    // axe needs JavaScript in the page, so this page is checked with it on, above, as the same template.
    await plain.context.close();
    expect(fs.existsSync(path.join(SCREENS, 'documents-390-print-view-letter.png'))).toBe(true);
    audit.expectClean();
  }, 180_000);
});
