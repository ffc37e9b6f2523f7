import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';
import { PASSWORD, type Person } from './people.js';

// Chromium through playwright-core, one browser context per person (their own
// cookies, as on their own computer), and the few moves every test makes.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // The tests talk only to servers on the loopback. The NHS.UK stylesheet asks for its typeface from
      // assets.nhs.uk; on a machine without internet that name took five seconds to fail, page after page,
      // which pushed loads under a busy CI past the tests' waits. Unresolvable at once, as offline.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
}

// Uncaught exceptions and console errors, per page, so a broken script (or a
// script the Content-Security-Policy blocks) fails the test like a violation.
const scriptErrors = new WeakMap<Page, string[]>();

/**
 * Known and reported, not failed on: nhsuk-frontend's CSS asks for the Frutiger
 * web fonts at https://assets.nhs.uk. The CSP allows that host; this machine
 * has no internet, so the request fails and pages fall back to Arial. Each
 * distinct font is kept once and reported.
 */
export const blockedFonts = new Set<string>();
const FONT_BLOCKED = /^Loading the font '([^']+)' violates the following Content Security Policy directive/;

const FONT_HOST = 'https://assets.nhs.uk/fonts/';

/** A font the NHS asset host would serve, failing only because there is no network here. */
function unreachableFont(url: string, text: string): string | null {
  return url.startsWith(FONT_HOST) && /net::ERR_(NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|CONNECTION_REFUSED|ADDRESS_UNREACHABLE|TIMED_OUT)/.test(text) ? url : null;
}

function watch(page: Page): Page {
  const errors: string[] = [];
  scriptErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`uncaught ${error.name}: ${error.message}`));
  page.on('console', (message) => {
    // An error page is meant to answer 4xx, and Chromium logs that as a failed resource.
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    const font = FONT_BLOCKED.exec(text)?.[1] ?? unreachableFont(message.location().url, text);
    if (font) blockedFonts.add(font);
    else errors.push(`console error: ${text}`);
  });
  return page;
}

export function takeScriptErrors(page: Page): string[] {
  const errors = scriptErrors.get(page) ?? [];
  return errors.splice(0, errors.length);
}

export interface Session {
  person: Person;
  context: BrowserContext;
  page: Page;
}

/**
 * How long a test waits for an element or a page before failing. Generous: on a CI machine of two cores,
 * with two browsers, two servers and axe running, a page that takes 0.3 s alone has taken several seconds.
 */
export function limitWaits(context: BrowserContext): void {
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
}

/** A new browser context for one person, not yet signed in. */
export async function openContext(browser: Browser, base: string, person: Person, options: { javaScriptEnabled?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext({ baseURL: base, locale: 'en-GB', timezoneId: 'Europe/London', ...options });
  limitWaits(context);
  return { person, context, page: watch(await context.newPage()) };
}

/** Another tab in the same context (the same person, signed in). */
export async function newTab(session: Session): Promise<Page> {
  return watch(await session.context.newPage());
}

/**
 * Do something that loads a new page (a link, a form) and wait until that page
 * has loaded; returns the response of the page shown, after any redirect.
 */
export async function follow(page: Page, act: () => Promise<unknown>): Promise<Response> {
  const shown = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400));
  const loaded = page.waitForEvent('load');
  // All three together, so when `act` fails the two waits are not left to reject unhandled.
  const [response] = await Promise.all([shown, loaded, act()]);
  return response;
}

/** Open a path and wait for it to load; returns its response. */
export async function visit(page: Page, path: string): Promise<Response> {
  const response = await page.goto(path, { waitUntil: 'load' });
  if (!response) throw new Error(`No response for ${path}`);
  return response;
}

export const click = (page: Page, target: Locator) => follow(page, () => target.click());

/** Sign in through the sign-in page, as a person would. */
export async function signIn(session: Session, onSignInPage?: (page: Page) => Promise<void>): Promise<void> {
  const { page, person } = session;
  await visit(page, '/sign-in');
  await onSignInPage?.(page);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  const response = await click(page, page.getByRole('button', { name: 'Sign in' }));
  if (response.status() !== 200 || new URL(page.url()).pathname !== '/') {
    throw new Error(`${person.email} could not sign in: ${response.status()} at ${page.url()}`);
  }
}

/** The element that has focus now, as "tag#id" plus its text, for messages and checks. */
export function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      text: (el?.textContent ?? '').trim().replace(/\s+/g, ' '),
      inErrorSummary: Boolean(el?.closest('.nhsuk-error-summary')),
    };
  });
}

/** Press Tab until `matches` says the focused element is the one wanted; fails after `max` presses. */
export async function tabTo(page: Page, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (matches(now)) return now;
  }
  throw new Error(`Tab did not reach ${what} in ${max} presses`);
}

/** Fill a day-month-year date input, found by its legend. */
export async function fillDate(page: Page, legend: string, [day, month, year]: [number, number, number]): Promise<void> {
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day', { exact: true }).fill(String(day));
  await group.getByLabel('Month', { exact: true }).fill(String(month));
  await group.getByLabel('Year', { exact: true }).fill(String(year));
}

/** Choose a radio or tick a checkbox, by the legend of its group and its own label. */
export async function choose(page: Page, legend: string, option: string): Promise<void> {
  await page.getByRole('group', { name: legend, exact: true }).getByLabel(option, { exact: true }).check();
}

/** The text of the page's h1 (with its caption), on one line. */
export async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).replace(/\s+/g, ' ').trim();
}

/** The success banner's message, or '' when there is none. */
export async function banner(page: Page): Promise<string> {
  const alert = page.locator('.nhsuk-notification-banner');
  return (await alert.count()) ? (await alert.innerText()).replace(/\s+/g, ' ').trim() : '';
}
