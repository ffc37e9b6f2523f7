import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts.service.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connect, type Db } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { createServices } from '../src/services.js';
import { completeIdea } from './support/arrange.js';
import { Audit, SCREENS } from './support/axe.js';
import { click, fillDate, focused, heading, launchBrowser, openContext, signIn, visit, type Session } from './support/browser.js';
import { createPeople, PASSWORD, type People, type Person } from './support/people.js';

// An R&D lead reads the trust's reports, and an administrator connects another
// system (an API token, a webhook), in a real browser: every page checked by
// axe at WCAG 2.2 AA and at 320 CSS pixels, and photographed at 1280 and 390.

let browser: Browser;
let db: Db;
let dir: string;
let base: string;
let people: People & { admin: Person };
let close: () => Promise<void>;
const audit = new Audit('reports', 701);

async function look(page: Page, name: string) {
  await audit.check(page, name);
  // The same page as a phone shows it, for people to look at (the audit's own shot is 1280 wide).
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SCREENS, `phone-${name}.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

async function signedIn(person: Person): Promise<Session> {
  const session = await openContext(browser, base, person);
  await session.page.setViewportSize({ width: 1280, height: 900 });
  await signIn(session);
  return session;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-e2e-reports-'));
  const url = `sqlite:${path.join(dir, 'e2e.db')}`;
  db = connect(url);
  await migrate(db);
  const created = await createPeople(db);
  const admin = { name: 'Chris Lee', email: 'chris.lee@northshire.nhs.uk', role: 'admin' } as const;
  await createUser(db, { ...admin, organisation: created.trust, password: PASSWORD });
  people = { ...created, admin };
  // The full set of services, as the server builds them: the report summaries are kept with every event.
  const services = createServices(db, loadConfig({ DATABASE_URL: url, DEMO_SEED: 'off' }));
  const clinician = await db.kysely.selectFrom('users').selectAll().where('email', '=', people.clinician.email).executeTakeFirstOrThrow();
  const manager = await db.kysely.selectFrom('users').select('id').where('email', '=', people.manager.email).executeTakeFirstOrThrow();
  const actor = { userId: clinician.id, role: 'clinician' as const, organisationId: clinician.organisation_id };
  const kinds: Array<[string, string, string]> = [['nurse', 'predoctoral', 'HEE/NIHR ICA Internship'], ['midwife', 'masters', "HEE/NIHR Master's in Clinical Research"],
    ['nurse', 'doctoral', 'NIHR Doctoral Clinical and Practitioner Academic Fellowship'], ['pharmacist', 'internship', 'Local internship']];
  for (const [i, [profession, opportunityLevel, scheme]] of kinds.entries()) {
    const { id } = await services.plans.create(actor, { title: `Plan ${i + 1}`, managerId: manager.id });
    await services.plans.send(id, actor, { type: 'UPDATE_IDEA', version: 1, payload: { ...completeIdea, profession, opportunityLevel, scheme } });
    await services.plans.send(id, actor, { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
  }
  const server = serve({ fetch: createApp(services).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  await db?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  audit.report();
});

describe('an R&D lead reads the reports', () => {
  it('sees every chart with its table, corrects a date range the wrong way round, and finds the CSV', async () => {
    const { page } = await signedIn(people.rdLead);
    expect((await visit(page, '/reports')).status()).toBe(200);
    expect(await heading(page)).toBe('Reports');
    await look(page, 'rd-reports');
    await expect(page.getByRole('img', { name: 'Where plans are now' }).count()).resolves.toBe(1);
    const nurses = page.getByRole('table', { name: 'Plans by profession' }).getByRole('row', { name: /Nurse/ });
    await expect(nurses.innerText()).resolves.toMatch(/Nurse\s+2/);

    await fillDate(page, 'From', [1, 12, 2030]);
    await fillDate(page, 'To (this day included)', [1, 1, 2030]);
    expect((await click(page, page.getByRole('button', { name: 'Show the report' }))).status()).toBe(422);
    expect((await focused(page)).inErrorSummary).toBe(true);
    await look(page, 'rd-reports-error');
    await page.getByRole('link', { name: 'The start date must be the same as or before the end date' }).click();
    expect((await focused(page)).id).toBe('from');

    await fillDate(page, 'From', [1, 1, 2020]);
    await click(page, page.getByRole('button', { name: 'Show the report' }));
    await expect(page.getByRole('heading', { name: /^Plans created from 1 January 2020 to 1 January 2030$/ }).count()).resolves.toBe(1);
    const download = page.getByRole('link', { name: /Download every plan of your trust/ });
    await expect(download.getAttribute('href')).resolves.toBe('/reports/plans.csv');
    audit.expectClean();
  }, 60_000);
});

describe('an administrator connects another system', () => {
  it('creates an API token, is shown it once, and revokes it', async () => {
    const { page } = await signedIn(people.admin);
    await visit(page, '/admin/tokens');
    await look(page, 'admin-tokens-empty');
    await click(page, page.getByRole('button', { name: 'Create an API token' }));
    await page.getByLabel('Name').fill('EDGE research management');
    expect((await click(page, page.getByRole('button', { name: 'Create token' }))).status()).toBe(422);
    await look(page, 'admin-token-error');
    await page.getByLabel('plans:read').check();
    await click(page, page.getByRole('button', { name: 'Create token' }));
    await look(page, 'admin-token-created');
    const token = await page.getByLabel('Your token').inputValue();
    expect(token).toMatch(/^cap_/);
    const api = await page.context().request.get(`${base}/api/v1/plans`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status()).toBe(200);
    await visit(page, '/admin/tokens');
    await look(page, 'admin-tokens');
    await click(page, page.getByRole('link', { name: 'Revoke EDGE research management' }));
    await look(page, 'admin-token-revoke');
    await click(page, page.getByRole('button', { name: 'Revoke token' }));
    expect(await page.locator('.nhsuk-notification-banner').innerText()).toContain('The token has been revoked');
    expect((await page.context().request.get(`${base}/api/v1/plans`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
    audit.expectClean();
  }, 60_000);

  it('adds a webhook after correcting its address, and removes it', async () => {
    const { page } = await signedIn(people.admin);
    await visit(page, '/admin/webhooks');
    await look(page, 'admin-webhooks-empty');
    await click(page, page.getByRole('button', { name: 'Add a webhook' }));
    await page.getByLabel('Address').fill('http://rm.northshire.nhs.uk/hooks/plans');
    await page.getByLabel('Shared secret').fill('a-long-shared-secret-for-the-receiver');
    expect((await click(page, page.getByRole('button', { name: 'Add webhook' }))).status()).toBe(422);
    await look(page, 'admin-webhook-error');
    await page.getByLabel('Address').fill('https://rm.northshire.nhs.uk/hooks/plans/a-rather-long-path-that-must-wrap-on-a-phone');
    await page.getByLabel('Shared secret').fill('a-long-shared-secret-for-the-receiver');
    await click(page, page.getByRole('button', { name: 'Add webhook' }));
    expect(await page.locator('.nhsuk-notification-banner').innerText()).toContain('The webhook has been added');
    await look(page, 'admin-webhooks');
    await click(page, page.getByRole('link', { name: /^Remove/ }));
    await look(page, 'admin-webhook-remove');
    await click(page, page.getByRole('button', { name: 'Remove webhook' }));
    expect(await page.locator('.nhsuk-notification-banner').innerText()).toContain('The webhook has been removed');
    audit.expectClean();
  }, 60_000);
});
