import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planWithManager } from './support/arrange.js';
import { Audit, SCREENS } from './support/axe.js';
import { click, heading, launchBrowser, openContext, signIn, visit, type Session } from './support/browser.js';
import { PASSWORD } from './support/people.js';
import { startServer, type E2eServer } from './support/server.js';

// The pages of the dashboard stream in a real browser, at 1280 and 390 CSS
// pixels wide (and at 320 for reflow, in Audit.check), with zero axe
// violations: the start page and the four service pages for a visitor, the
// sign-in and 404 pages, each role's first-time dashboard, a dashboard with
// a plan waiting, and the refusal page. Screenshots are saved as
// test-results/screens/<page>-<role>-<width>.png.

let server: E2eServer;
let browser: Browser;
const audit = new Audit('service-pages', 901);
const WIDTHS = [1280, 390] as const;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ HELP_EMAIL: 'rd.office@northshire.nhs.uk' }), launchBrowser()]);
}, 30_000);

afterAll(async () => {
  audit.report();
  await browser?.close();
  await server?.close();
});

/** The page as it is now, at each width: a named screenshot, then axe and the 320-pixel reflow check. */
async function look(page: Page, name: string, role: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.screenshot({ path: path.join(SCREENS, `${name}-${role}-${width}.png`), fullPage: true });
    await audit.check(page, `${name}-${role}-${width}`);
  }
}

describe('the service pages in a browser', () => {
  it('for a visitor: the start page, help, accessibility, privacy, cookies, sign-in and a missing page', async () => {
    const visitor = await openContext(browser, server.base, server.people.clinician);
    const { page } = visitor;
    const pages = [
      ['/', 'start', 'Plan research training alongside your clinical work', 200],
      ['/help', 'help', 'Help with this service', 200],
      ['/accessibility', 'accessibility', 'Accessibility statement for Clinical academic plans', 200],
      ['/privacy', 'privacy', 'Privacy notice', 200],
      ['/cookies', 'cookies', 'Cookies', 200],
      ['/sign-in', 'sign-in', 'Sign in', 200],
      ['/no-such-page', 'not-found', 'Page not found', 404],
    ] as const;
    for (const [url, name, title, status] of pages) {
      expect((await visit(page, url)).status(), url).toBe(status);
      expect(await heading(page)).toContain(title);
      expect(await page.locator('footer a').allInnerTexts()).toEqual(expect.arrayContaining(['Help', 'Accessibility statement', 'Privacy', 'Cookies']));
      await look(page, name, 'visitor');
    }
    // The start button leads to sign-in.
    await visit(page, '/');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/sign-in');
    await visitor.context.close();
    audit.expectClean();
  }, 240_000);

  it("each role's first-time dashboard, then a dashboard with a plan waiting and the refusal page", async () => {
    const sessions: Record<string, Session> = {};
    for (const role of ['clinician', 'manager', 'rdLead', 'supervisor'] as const) {
      const session = await openContext(browser, server.base, server.people[role]);
      await signIn(session);
      await look(session.page, 'dashboard-first-time', role);
      sessions[role] = session;
    }
    const clinician = sessions.clinician!;
    const planId = await planWithManager(clinician, server.people.manager.email, 'Early mobilisation after hip fracture');

    const manager = sessions.manager!.page;
    await visit(manager, '/');
    expect(await manager.getByRole('link', { name: 'Early mobilisation after hip fracture' }).count()).toBeGreaterThan(0);
    await look(manager, 'dashboard', 'manager');
    await visit(clinician.page, '/');
    await look(clinician.page, 'dashboard', 'clinician');

    expect((await visit(clinician.page, `/plans/${planId}/events/AGREE_IN_PRINCIPLE`)).status()).toBe(403);
    expect(await heading(clinician.page)).toContain('You cannot do this now');
    await look(clinician.page, 'refusal', 'clinician');
    for (const session of Object.values(sessions)) await session.context.close();
    audit.expectClean();
  }, 240_000);

  it('works with JavaScript turned off: the start page, signing in, the dashboard and the four service pages', async () => {
    // As the accessibility statement says: no page needs JavaScript.
    const context = await browser.newContext({ baseURL: server.base, locale: 'en-GB', timezoneId: 'Europe/London', javaScriptEnabled: false });
    const page = await context.newPage();
    await visit(page, '/');
    await click(page, page.getByRole('button', { name: 'Sign in' }));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Email address').fill(server.people.manager.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await click(page, page.getByRole('button', { name: 'Sign in' }));
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await heading(page)).toBe('Your plans');
    for (const [link, title] of [['Help', 'Help with this service'], ['Accessibility statement', 'Accessibility statement'], ['Privacy', 'Privacy notice'], ['Cookies', 'Cookies']]) {
      await click(page, page.locator('footer').getByRole('link', { name: link, exact: true }));
      expect(await heading(page)).toContain(title);
    }
    await context.close();
  }, 120_000);
});
