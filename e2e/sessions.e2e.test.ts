import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Audit, SCREENS } from './support/axe.js';
import { banner, click, heading, launchBrowser, openContext, signIn, visit } from './support/browser.js';
import { startServer, type E2eServer } from './support/server.js';

// A clinician signed in on two computers finds where they are signed in from
// the header, and signs out everywhere; Back after signing out shows nothing
// of what they saw (every signed-in page is Cache-Control: no-store).

let server: E2eServer;
let browser: Browser;
const audit = new Audit('sessions', 801);

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 30_000);

afterAll(async () => {
  audit.report();
  await browser?.close();
  await server?.close();
});

describe('signing out everywhere', () => {
  it('from "Your sign-ins" in the header: both computers are signed out, and Back shows no page of the service', async () => {
    const [desk, laptop] = [await openContext(browser, server.base, server.people.clinician), await openContext(browser, server.base, server.people.clinician)];
    await signIn(desk);
    await signIn(laptop);
    const { page } = desk;
    await click(page, page.getByRole('link', { name: 'Your sign-ins' }));
    expect(await heading(page)).toBe('Where you are signed in');
    expect(await page.getByText('You are signed in to this service in 2 browsers or devices, this one included').count()).toBe(1);
    await audit.check(page, 'sessions-two-browsers');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SCREENS, '801-sessions-two-browsers-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    await click(page, page.getByRole('button', { name: 'Sign out everywhere' }));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await banner(page)).toContain('You have signed out everywhere');
    await audit.check(page, 'signed-out-everywhere');

    // Back: the browser asks the service again (nothing was kept), and the service asks for a sign-in.
    await page.goBack({ waitUntil: 'load' });
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.content()).not.toContain('Where you are signed in');

    const other = await visit(laptop.page, '/');
    expect(other.url()).toContain('/sign-in');
    audit.expectClean();
  });
});
