import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts.service.js';
import { workingDaysAfter } from '../src/planning/working-dates.js';
import { agreement, completeIdea, managerIdOf, sendEvent } from './support/arrange.js';
import { Audit, SCREENS } from './support/axe.js';
import { banner, click, focused, follow, heading, launchBrowser, openContext, signIn, visit, type Session } from './support/browser.js';
import { PASSWORD, type Person } from './support/people.js';
import { startServer, type E2eServer } from './support/server.js';

// Issue 18 in a real browser: the plan planned back from its call deadline,
// the what-if page comparing options without JavaScript, "Use this option"
// filling the terms form, working out the cost there, and the lead-times
// settings. Every page is checked with axe and at 320 pixels wide, and
// screenshotted at 1280 and 390 pixels wide.

let server: E2eServer;
let browser: Browser;
const audit = new Audit('what-if', 801);

async function signedIn(person: Person): Promise<Session> {
  const session = await openContext(browser, server.base, person);
  await signIn(session);
  return session;
}

/** axe and the 320-pixel check, and a screenshot as a phone shows it (390 pixels wide). */
async function look(session: Session, name: string) {
  await audit.check(session.page, name);
  await session.page.setViewportSize({ width: 390, height: 844 });
  await session.page.screenshot({ path: path.join(SCREENS, `what-if-390-${name}.png`), fullPage: true });
  await session.page.setViewportSize({ width: 1280, height: 720 });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 30_000);

afterAll(async () => {
  audit.report();
  await browser?.close();
  await server?.close();
});

describe('terms that fit the scheme and the budget', () => {
  it('plans back from the deadline, compares options and fills the terms form with the one chosen', async () => {
    const { people } = server;
    const [clinician, manager] = await Promise.all([signedIn(people.clinician), signedIn(people.manager)]);
    const managerId = await managerIdOf(clinician, people.manager.email);
    const created = await clinician.context.request.post(`${server.base}/api/v1/plans`, {
      headers: { 'x-csrf-token': (await (await clinician.context.request.get(`${server.base}/api/v1/me`)).json()).csrfToken },
      data: { title: 'Falls prevention fellowship', managerId },
    });
    const { id } = (await created.json()) as { id: string };
    // A call closing in 45 working days: the terms can be agreed in time, but R&D's usual 15 days then run late.
    const deadline = workingDaysAfter(new Date().toISOString().slice(0, 10), 45);
    await sendEvent(clinician, id, 'UPDATE_IDEA', { ...completeIdea, schemeId: 'ica-pcaf', expectedDeadline: deadline });
    await sendEvent(clinician, id, 'SUBMIT_FOR_AGREEMENT');
    await sendEvent(manager, id, 'AGREE_IN_PRINCIPLE', agreement);

    const { page } = manager;
    await visit(page, `/plans/${id}`);
    expect(await page.getByRole('heading', { name: 'Planning back from the deadline' }).count()).toBe(1);
    expect(await page.getByText(/Steps are (at risk|late) for the funding call/).count()).toBe(1);
    await look(manager, 'plan-timeline');

    await click(page, page.getByRole('link', { name: 'Compare options for the time split and the cost' }));
    expect(await heading(page)).toContain('Compare options');
    await look(manager, 'what-if-empty');

    const fill = async (option: string, values: Record<string, string>) => {
      for (const [field, value] of Object.entries(values)) {
        const input = page.locator(`#${option}-${field}`);
        if (await input.evaluate((el) => el.tagName === 'SELECT')) await input.selectOption(value);
        else await input.fill(value);
      }
    };
    await fill('a', { academicPercent: '50', durationMonths: '24', wte: '0.8', clinicianBand: '6', backfillBand: '6' });
    await fill('b', { academicPercent: '20', durationMonths: '40', wte: '1', clinicianBand: '7', backfillBand: '5' });
    await click(page, page.getByRole('button', { name: 'Compare the options' }));
    expect(await page.getByRole('heading', { name: 'What each option means' }).count()).toBe(1);
    expect(await page.getByText('50% academic, 50% clinical, for 24 months').count()).toBe(1);
    expect(await page.getByText(/expects 50–100% of the week on research; this plan gives 20%/).count()).toBe(1);
    await look(manager, 'what-if-compared');

    await click(page, page.getByRole('button', { name: 'Use this option 1' }));
    expect(await heading(page)).toContain('Propose the terms');
    expect(await page.locator('#academicPercent').inputValue()).toBe('50');
    expect(await page.locator('#costing-wte').inputValue()).toBe('0.8');
    await click(page, page.getByRole('button', { name: 'Work out the cost' }));
    expect(await page.getByRole('heading', { name: 'The cost, worked out' }).count()).toBe(1);
    expect(await page.locator('#estimatedBackfillCostPerYear').inputValue()).toMatch(/^\d+$/);
    await look(manager, 'terms-costed');
    // Enter in a text box continues (here to the error summary for what is still missing), not "Work out the cost".
    await page.locator('#durationMonths').focus();
    const continued = await follow(page, () => page.keyboard.press('Enter'));
    expect(continued.status()).toBe(422);
    expect((await focused(page)).inErrorSummary).toBe(true);
    audit.expectClean();
  }, 120_000);

  it('names each wrong answer on the what-if page and takes focus to the error summary', async () => {
    const manager = await signedIn(server.people.manager);
    const { page } = manager;
    const plans = await (await manager.context.request.get(`${server.base}/api/v1/plans`)).json() as { plans: Array<{ id: string }> };
    const response = await visit(page, `/plans/${plans.plans[0]!.id}/what-if?a-academicPercent=150&a-durationMonths=24&a-wte=0&a-clinicianBand=6&a-backfillBand=6`);
    expect(response.status()).toBe(422);
    expect((await focused(page)).inErrorSummary).toBe(true);
    const links = await page.locator('.nhsuk-error-summary a').allInnerTexts();
    expect(links).toEqual(expect.arrayContaining(['The academic share of the week must be between 1 and 100%'.replace('The a', 'A'), 'The WTE must be between 0.1 and 1']));
    await look(manager, 'what-if-422');
    audit.expectClean();
  }, 60_000);

  it("lets the trust's administrator set the lead times", async () => {
    const admin = { name: 'Chris Lee', email: 'chris.lee@northshire.nhs.uk', role: 'admin' } as Person;
    await createUser(server.db, { ...admin, organisation: server.people.trust, password: PASSWORD });
    const session = await signedIn(admin);
    await visit(session.page, '/admin/lead-times');
    await look(session, 'lead-times');
    await session.page.getByLabel('Finance check of the costs').fill('12');
    await click(session.page, session.page.getByRole('button', { name: 'Save lead times' }));
    expect(await banner(session.page)).toContain('Lead times saved');
    await look(session, 'lead-times-saved');
    audit.expectClean();
  }, 60_000);
});
