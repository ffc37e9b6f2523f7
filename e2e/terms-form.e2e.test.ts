import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreement, planWithManager, sendEvent } from './support/arrange.js';
import { Audit, SCREENS } from './support/axe.js';
import { choose, click, fillDate, heading, launchBrowser, limitWaits, signIn, visit, type Session } from './support/browser.js';
import type { Person } from './support/people.js';
import { startServer, type E2eServer } from './support/server.js';

// The terms form as the clinician fills it in, with JavaScript off and on.
// Without JavaScript every follow-up question shows and the figures come back
// with the form; with it, a follow-up question opens under the answer it
// follows. Each page is looked at 1280, 390 and 320 pixels wide
// (test-results/screens/forms-<page>-<width>.png) and checked by axe.

const YEAR = new Date().getFullYear() + 1;
const WIDTHS = [1280, 390, 320] as const;
const DETAIL_QUESTIONS = [
  'What post will be recruited, and for how long?', 'Who will be trained to take on the work, and how?',
  'How will the work be shared across the team?', 'What bank or agency cover is needed?', 'Why is no cover needed?',
];
const SPECIALIST_QUESTION = 'How will another team member be trained to cover, and shadow you?';

let server: E2eServer;
let browser: Browser;
const audit = new Audit('terms-form', 701);

/**
 * A person's own browser, with the app's JavaScript on or off. "Off" serves the
 * app's scripts empty (the only scripts a page has: the CSP forbids inline
 * ones), so the page is exactly what a browser without JavaScript shows, and
 * axe, which must run in the page, can still check it (with Chromium's
 * JavaScript switched off, axe never returns).
 */
async function signedIn(person: Person, javaScript: boolean): Promise<Session> {
  const context = await browser.newContext({ baseURL: server.base, locale: 'en-GB', timezoneId: 'Europe/London' });
  limitWaits(context);
  if (!javaScript) await context.route('**/assets/*.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  const session = { person, context, page: await context.newPage() };
  await signIn(session);
  return session;
}

/** The page at each width: a screenshot named for it, and axe (with the 320 px reflow check). */
async function look(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SCREENS, `forms-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await audit.check(page, `forms-${name}`);
}

/** A plan whose terms are open: the manager has agreed in principle. */
async function planWithTermsOpen(clinician: Session, title: string): Promise<string> {
  const manager = await signedIn(server.people.manager, true);
  const id = await planWithManager(clinician, server.people.manager.email, title);
  await sendEvent(manager, id, 'AGREE_IN_PRINCIPLE', agreement);
  await manager.context.close();
  return id;
}

const visible = (page: Page, label: string) => page.getByLabel(label, { exact: true }).isVisible();

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 30_000);

afterAll(async () => {
  audit.report();
  await browser?.close();
  await server?.close();
});

describe('the terms form', () => {
  it('works without JavaScript: every follow-up question shows, the figures come back with the form, and each Change link comes back to the check', async () => {
    const clinician = await signedIn(server.people.clinician, false);
    const { page } = clinician;
    const id = await planWithTermsOpen(clinician, 'Terms without JavaScript');

    await visit(page, `/plans/${id}/terms`);
    expect(await heading(page)).toContain('Propose the terms');
    for (const question of [...DETAIL_QUESTIONS, SPECIALIST_QUESTION]) expect(await visible(page, question), question).toBe(true);
    await look(page, 'terms-nojs');

    await fillDate(page, 'When will the training start?', [1, 10, YEAR]);
    await page.getByLabel('How long will it last?').fill('36');
    await page.getByLabel('What share of your working week will be research?').fill('60');
    await page.getByLabel('How many protected hours a week will you have to write the funding application?').fill('4');
    await choose(page, 'What will your role be during the training?', 'Same role, part time');
    await choose(page, 'How will the clinical work be covered?', 'Recruit to a fixed-term post');
    await page.getByLabel(DETAIL_QUESTIONS[0]!).fill('A band 5 nurse, 22.5 hours a week, for 36 months.');
    await choose(page, 'Is your post a specialist one?', 'Yes');
    await page.getByLabel(SPECIALIST_QUESTION).fill('A band 5 colleague shadows the falls clinic for a month first.');
    await page.getByLabel('Your Agenda for Change band').selectOption('6');
    await page.getByLabel('Your whole-time equivalent (WTE)').fill('0.8');
    await page.getByLabel('Band of the person who covers').selectOption('5');

    // Working out the cost brings the form back with the figures: the end date, the week in days, the cost over the whole training.
    await click(page, page.getByRole('button', { name: 'Work out the cost' }));
    const figures = page.locator('#terms-figures');
    expect(await figures.innerText()).toContain(`30 September ${YEAR + 3}, 36 months from 1 October ${YEAR}`);
    expect(await figures.innerText()).toContain('2.4 days on research and 1.6 days on clinical work, in a 4-day week (0.8 WTE)');
    expect(await figures.innerText()).toMatch(/£[\d,]+ a year, £[\d,]+ over the 36 months/);
    expect(await page.getByLabel(DETAIL_QUESTIONS[0]!).inputValue()).toBe('A band 5 nurse, 22.5 hours a week, for 36 months.');
    await look(page, 'terms-costed-nojs');

    await page.getByLabel('Where will your clinical time be focused?').fill('The falls clinic, Mondays and Tuesdays.');
    await page.getByLabel('How will you keep clinical skills up to date?').fill('Two clinical days a week and the ward competencies.');
    await choose(page, 'What will you offer the team in return?', 'Run a journal club');
    await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
    expect(await heading(page)).toContain('Check the terms before you send them');
    expect(await page.getByText('60% academic, 40% clinical').count()).toBe(1);
    expect(await page.getByText('2.4 days on research and 1.6 days on clinical work, in a 4-day week (0.8 WTE)').count()).toBe(1);
    await look(page, 'terms-check');

    // "Change" opens the form at that question with these answers, and Continue comes back to the check.
    await click(page, page.getByRole('link', { name: 'Change time split' }));
    expect(new URL(page.url()).hash).toBe('#academicPercent');
    expect(await page.getByLabel('What share of your working week will be research?').inputValue()).toBe('60');
    expect(await page.getByLabel(SPECIALIST_QUESTION).inputValue()).toBe('A band 5 colleague shadows the falls clinic for a month first.');
    await page.getByLabel('What share of your working week will be research?').fill('50');
    await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
    expect(await heading(page)).toContain('Check the terms before you send them');
    expect(await page.getByText('50% academic, 50% clinical').count()).toBe(1);

    await click(page, page.getByRole('button', { name: 'Send these terms' }));
    expect(new URL(page.url()).pathname).toBe(`/plans/${id}`);
    await clinician.context.close();
    audit.expectClean();
  }, 120_000);

  it('with JavaScript, opens each follow-up question under the answer it follows, and keeps it open when the form comes back', async () => {
    const clinician = await signedIn(server.people.clinician, true);
    const { page } = clinician;
    const id = await planWithTermsOpen(clinician, 'Terms with JavaScript');

    await visit(page, `/plans/${id}/terms`);
    for (const question of [...DETAIL_QUESTIONS, SPECIALIST_QUESTION]) expect(await visible(page, question), question).toBe(false);
    await look(page, 'terms-js');

    await choose(page, 'How will the clinical work be covered?', 'Share the work across the team');
    expect(await visible(page, 'How will the work be shared across the team?')).toBe(true);
    expect(await visible(page, DETAIL_QUESTIONS[0]!)).toBe(false);
    expect(await page.getByLabel('Share the work across the team', { exact: true }).getAttribute('aria-expanded')).toBe('true');
    await choose(page, 'Is your post a specialist one?', 'Yes');
    expect(await visible(page, SPECIALIST_QUESTION)).toBe(true);
    await choose(page, 'Is your post a specialist one?', 'No');
    expect(await visible(page, SPECIALIST_QUESTION)).toBe(false);
    await choose(page, 'Is your post a specialist one?', 'Yes');
    await look(page, 'terms-revealed');

    // Sent with the follow-up questions unanswered: each error links to its question, which is open.
    const response = await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
    expect(response.status()).toBe(422);
    const summary = await page.locator('.nhsuk-error-summary a').allInnerTexts();
    expect(summary).toEqual(expect.arrayContaining(['Enter how the work will be shared across the team', 'Enter how another team member will be trained to cover your specialist post']));
    expect(await visible(page, 'How will the work be shared across the team?')).toBe(true);
    expect(await visible(page, SPECIALIST_QUESTION)).toBe(true);
    await look(page, 'terms-422');
    await clinician.context.close();
    audit.expectClean();
  }, 120_000);
});
