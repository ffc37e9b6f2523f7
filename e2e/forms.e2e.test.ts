import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreement, planWithManager, sendEvent } from './support/arrange.js';
import { Audit } from './support/axe.js';
import {
  banner, click, fillDate, focused, follow, heading, launchBrowser, newTab, openContext, signIn, tabTo, visit, type Session,
} from './support/browser.js';
import { PASSWORD, type Person } from './support/people.js';
import { startServer, type E2eServer } from './support/server.js';

// What happens around a form rather than along the journey: the error summary
// after an invalid form (focus, and a link to each field), a form used by
// keyboard alone, two people sending on the same version (409), and error
// pages. The scene is set through the JSON API; the test acts through pages.

const YEAR = new Date().getFullYear() + 1;

let server: E2eServer;
let browser: Browser;
const audit = new Audit('forms', 501);

const look = (page: Page, name: string) => audit.check(page, name);

async function signedIn(person: Person): Promise<Session> {
  const session = await openContext(browser, server.base, person);
  await signIn(session);
  return session;
}

/**
 * After a 422, nhsuk-frontend moves focus into the error summary. Every link
 * in it must point at one element id on the page, a form field, and clicking
 * the link must move focus to that field. Returns the links' texts.
 */
async function checkErrorSummary(page: Page): Promise<string[]> {
  const now = await focused(page);
  expect(now.inErrorSummary, `focus after an invalid form is on <${now.tag} id="${now.id}">, not in the error summary`).toBe(true);
  const links = page.locator('.nhsuk-error-summary a');
  const all = await links.evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() })));
  expect(all.length, 'links in the error summary').toBeGreaterThan(0);
  for (const [i, { href, text }] of all.entries()) {
    expect(href, `"${text}" links to a field on this page`).toMatch(/^#./);
    const id = decodeURIComponent(href.slice(1));
    const target = await page.evaluate((wanted) => {
      const found = document.querySelectorAll(`[id="${CSS.escape(wanted)}"]`);
      const el = found[0];
      return { count: found.length, field: Boolean(el?.matches('input:not([type=hidden]), select, textarea')) };
    }, id);
    expect(target, `"${text}" → ${href}`).toEqual({ count: 1, field: true });
    await links.nth(i).click();
    expect((await focused(page)).id, `clicking "${text}" focuses #${id}`).toBe(id);
  }
  return all.map((l) => l.text);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 30_000);

afterAll(async () => {
  audit.report();
  await browser?.close();
  await server?.close();
});

describe('forms', () => {
  it('an invalid form shows an error summary that takes focus and links to each field', async () => {
    const { people } = server;
    const clinician = await openContext(browser, server.base, people.clinician);
    const { page } = clinician;

    await visit(page, '/sign-in');
    await look(page, 'sign-in');
    let response = await click(page, page.getByRole('button', { name: 'Sign in' }));
    expect(response.status()).toBe(422);
    await look(page, 'sign-in-empty-422');
    expect(await checkErrorSummary(page)).toEqual(['Enter your email address', 'Enter your password']);

    await page.getByLabel('Email address').fill(people.clinician.email);
    await page.getByLabel('Password').fill('not-the-password');
    response = await click(page, page.getByRole('button', { name: 'Sign in' }));
    expect(response.status()).toBe(401);
    await look(page, 'sign-in-wrong-password-401');
    expect(await checkErrorSummary(page)).toEqual(['Enter a correct email address and password']);
    expect(await page.getByLabel('Email address').inputValue(), 'the email is kept').toBe(people.clinician.email);

    await signIn(clinician);
    await click(page, page.getByRole('button', { name: /^Start a (new )?plan$/ }));
    response = await click(page, page.getByRole('button', { name: 'Start the plan' }));
    expect(response.status()).toBe(422);
    expect(await page.title()).toMatch(/^Error: /);
    await look(page, 'new-plan-422');
    expect((await checkErrorSummary(page)).length).toBe(2);

    // The terms form has every kind of field: a date, text, radios and checkboxes.
    const manager = await signedIn(people.manager);
    const planId = await planWithManager(clinician, people.manager.email, 'Terms with mistakes');
    await sendEvent(manager, planId, 'AGREE_IN_PRINCIPLE', agreement);
    await visit(page, `/plans/${planId}`);
    await click(page, page.getByRole('button', { name: 'Propose terms', exact: true }));
    await fillDate(page, 'When will the training start?', [31, 2, YEAR]);
    await page.getByLabel('What share of your working week will be research?').fill('150');
    await page.getByLabel('Comment (optional)').fill('Kept after the errors');
    response = await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
    expect(response.status()).toBe(422);
    await look(page, 'terms-422');
    const messages = await checkErrorSummary(page);
    expect(messages.length, messages.join('; ')).toBeGreaterThanOrEqual(8);
    expect(await page.getByLabel('Comment (optional)').inputValue(), 'answers are kept').toBe('Kept after the errors');

    await Promise.all([clinician.context.close(), manager.context.close()]);
  }, 45_000);

  it('signing in and asking for changes work by keyboard alone', async () => {
    const { people } = server;
    const manager = await openContext(browser, server.base, people.manager);
    const { page } = manager;
    const { keyboard } = page;

    // Sign in: Tab to each field, type, Tab to the button, Enter.
    await visit(page, '/sign-in');
    await keyboard.press('Tab');
    expect((await focused(page)).text, 'the first Tab reaches the skip link').toBe('Skip to main content');
    await tabTo(page, (f) => f.id === 'email', 'the email address');
    await keyboard.type(people.manager.email);
    await keyboard.press('Tab');
    expect((await focused(page)).id).toBe('password');
    await keyboard.type(PASSWORD);
    await keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Sign in' });
    await follow(page, () => keyboard.press('Enter'));
    expect(new URL(page.url()).pathname).toBe('/');
    await look(page, 'keyboard-manager-dashboard');

    const clinician = await signedIn(people.clinician);
    const title = 'Asked for changes by keyboard';
    await planWithManager(clinician, people.manager.email, title);
    await follow(page, () => page.reload());

    // The plan from "Waiting for you", then "Ask for changes".
    await tabTo(page, (f) => f.tag === 'a' && f.text === title, `the link to "${title}"`);
    await follow(page, () => keyboard.press('Enter'));
    await look(page, 'keyboard-plan');
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Ask for changes', 'Ask for changes');
    await follow(page, () => keyboard.press('Enter'));
    expect(await heading(page)).toContain('Ask for changes to the research idea');
    await look(page, 'keyboard-request-changes');

    // Sending it empty: the error summary has focus; its link leads to the field.
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Ask for changes', 'the Ask for changes button');
    const invalid = await follow(page, () => keyboard.press('Enter'));
    expect(invalid.status()).toBe(422);
    expect((await focused(page)).inErrorSummary).toBe(true);
    await look(page, 'keyboard-request-changes-422');
    await keyboard.press('Tab');
    const link = await focused(page);
    expect(link.tag).toBe('a');
    await keyboard.press('Enter');
    expect((await focused(page)).id, `Enter on "${link.text}"`).toBe('comment');

    await keyboard.type('Please say which ward the study would run on.');
    await keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Ask for changes' });
    const sent = await follow(page, () => keyboard.press('Enter'));
    expect(sent.status()).toBe(200);
    expect(await banner(page)).toContain('Your request for changes has been sent');
    expect(await page.locator('.nhsuk-inset-text', { hasText: 'which ward' }).count()).toBe(1);
    await look(page, 'keyboard-changes-asked');

    await Promise.all([clinician.context.close(), manager.context.close()]);
  }, 45_000);

  it('the same form sent from two tabs: the second gets the conflict page (409)', async () => {
    const { people } = server;
    const [clinician, manager] = await Promise.all([signedIn(people.clinician), signedIn(people.manager)]);
    const planId = await planWithManager(clinician, people.manager.email, 'Agreed in two tabs');
    const first = manager.page;
    const second = await newTab(manager);
    const form = `/plans/${planId}/events/AGREE_IN_PRINCIPLE`;
    await Promise.all([visit(first, form), visit(second, form)]);

    const fill = async (page: Page, words: string) => {
      await page.getByLabel('Is this the right opportunity, and why?').fill(`${words}: the right opportunity.`);
      await page.getByLabel('Do you know the proposed supervisor, mentor and collaborators, and are they the right people?').fill('Yes.');
      await page.getByLabel('What is the mid-term plan?').fill('Mentoring.');
      await page.getByLabel('What is the long-term plan?').fill('A clinical academic post.');
    };
    await fill(first, 'First tab');
    await fill(second, 'Second tab');

    const ok = await click(first, first.getByRole('button', { name: 'Agree in principle', exact: true }));
    expect(ok.status()).toBe(200);
    expect(await banner(first)).toContain('You have agreed in principle');

    const conflict = await click(second, second.getByRole('button', { name: 'Agree in principle', exact: true }));
    expect(conflict.status()).toBe(409);
    expect(await heading(second)).toContain('Someone else changed this plan');
    expect(await second.locator('main').innerText()).toContain('Second tab: the right opportunity.');
    await look(second, 'conflict-409');
    await click(second, second.getByRole('link', { name: 'Go to the plan' }));
    expect(new URL(second.url()).pathname).toBe(`/plans/${planId}`);

    await Promise.all([clinician.context.close(), manager.context.close()]);
  }, 30_000);

  it('a comment sent on a version someone else changed comes back with a banner (409) and the text kept', async () => {
    const { people } = server;
    const [clinician, manager] = await Promise.all([signedIn(people.clinician), signedIn(people.manager)]);
    const planId = await planWithManager(clinician, people.manager.email, 'Commented at once');
    await Promise.all([visit(clinician.page, `/plans/${planId}`), visit(manager.page, `/plans/${planId}`)]);

    await manager.page.getByLabel('Add a comment').fill('I will read it this week.');
    const first = await click(manager.page, manager.page.getByRole('button', { name: 'Add comment' }));
    expect(first.status()).toBe(200);
    expect(await banner(manager.page)).toContain('Your comment has been added');

    const { page } = clinician;
    await page.getByLabel('Add a comment').fill('Thank you, no rush.');
    const stale = await click(page, page.getByRole('button', { name: 'Add comment' }));
    expect(stale.status()).toBe(409);
    expect(await banner(page)).toContain('Someone else changed this plan while you were working on it');
    expect(await page.getByLabel('Your comment').inputValue()).toBe('Thank you, no rush.');
    await look(page, 'comment-conflict-409');

    const again = await click(page, page.getByRole('button', { name: 'Add comment' }));
    expect(again.status()).toBe(200);
    expect(await banner(page)).toContain('Your comment has been added');

    await Promise.all([clinician.context.close(), manager.context.close()]);
  }, 30_000);

  it('signed out in another tab while writing: sign in again, check the answers, send them', async () => {
    const { people } = server;
    const [clinician, manager] = await Promise.all([signedIn(people.clinician), signedIn(people.manager)]);
    const planId = await planWithManager(clinician, people.manager.email, 'Agreed after signing in again');
    const { page } = manager;
    await visit(page, `/plans/${planId}/events/AGREE_IN_PRINCIPLE`);
    await page.getByLabel('Is this the right opportunity, and why?').fill('Written before the session ended.');
    await page.getByLabel('Do you know the proposed supervisor, mentor and collaborators, and are they the right people?').fill('Yes.');
    await page.getByLabel('What is the mid-term plan?').fill('Mentoring.');
    await page.getByLabel('What is the long-term plan?').fill('A clinical academic post.');

    // The session ends elsewhere: signing out in another tab.
    const other = await newTab(manager);
    await visit(other, '/');
    await click(other, other.getByRole('button', { name: 'Sign out' }));
    await other.close();

    const signIn = await click(page, page.getByRole('button', { name: 'Agree in principle', exact: true }));
    expect(signIn.status()).toBe(401);
    expect(await page.locator('main').innerText()).toContain('You have been signed out, so your answers have not been sent yet.');
    await look(page, 'signed-out-while-writing');
    await page.getByLabel('Email address').fill(people.manager.email);
    await page.getByLabel('Password').fill(PASSWORD);
    const check = await click(page, page.getByRole('button', { name: 'Sign in' }));
    expect(check.status()).toBe(200);
    expect(await heading(page)).toBe('Send your answers');
    expect(await page.locator('main').innerText()).toContain('Written before the session ended.');
    await look(page, 'send-your-answers');

    const sent = await click(page, page.getByRole('button', { name: 'Send your answers' }));
    expect(sent.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/plans/${planId}`);
    expect(await banner(page)).toContain('You have agreed in principle');

    await Promise.all([clinician.context.close(), manager.context.close()]);
  }, 30_000);

  it('error pages: 404 for an unknown address or plan, 403 for a form that is not yours', async () => {
    const { people } = server;
    const clinician = await signedIn(people.clinician);
    const { page } = clinician;

    let response = await visit(page, '/no-such-page');
    expect(response.status()).toBe(404);
    expect(await heading(page)).toBe('Page not found');
    await look(page, 'not-found-404');

    response = await visit(page, '/plans/00000000-0000-4000-8000-000000000000');
    expect(response.status()).toBe(404);
    await look(page, 'plan-not-found-404');

    const planId = await planWithManager(clinician, people.manager.email, 'Not for the clinician to sign off');
    response = await visit(page, `/plans/${planId}/events/SIGN_OFF`);
    expect(response.status()).toBe(403);
    await look(page, 'not-allowed-403');

    await clinician.context.close();
  }, 30_000);

  it('every page passes axe at WCAG 2.0, 2.1 and 2.2 A and AA', () => {
    expect(audit.checked).toBeGreaterThan(0);
    audit.expectClean();
  });
});
