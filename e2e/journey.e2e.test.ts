import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Audit } from './support/axe.js';
import {
  banner, choose, click, fillDate, heading, launchBrowser, openContext, signIn, type Session,
} from './support/browser.js';
import { startServer, type E2eServer } from './support/server.js';

// One plan from start to award, through the pages, by the four people who
// agree it, each in their own browser context. Every page on the way is
// screenshotted and checked with axe; the last test fails on any violation.

const TITLE = 'Early mobilisation after hip fracture';
// The server runs on the real clock, so dates that must be in the future are next year's.
const YEAR = new Date().getFullYear() + 1;

let server: E2eServer;
let browser: Browser;
const audit = new Audit('journey', 1);
const as: Partial<Record<'clinician' | 'manager' | 'rdLead' | 'supervisor', Session>> = {};
let planId = '';

/** The session of someone already signed in. */
const person = (role: keyof typeof as): Session => {
  const session = as[role];
  if (!session) throw new Error(`${role} has not signed in`);
  return session;
};

const short = { clinician: 'clinician', manager: 'manager', rdLead: 'rd', supervisor: 'supervisor' } as const;
/** Screenshot and axe for what this person sees now. */
const look = (s: Session, name: string) => audit.check(s.page, `${short[s.person.role as keyof typeof short]}-${name}`);

async function signInAs(role: keyof typeof as): Promise<Session> {
  const session = await openContext(browser, server.base, server.people[role]);
  await signIn(session, (page) => audit.check(page, `${short[role]}-sign-in`));
  as[role] = session;
  await look(session, 'dashboard');
  return session;
}

/** From the dashboard (the header's home link), open the plan listed under "Waiting for you". */
async function openWaitingPlan(s: Session): Promise<void> {
  const { page } = s;
  if (new URL(page.url()).pathname !== '/') {
    await click(page, page.getByRole('link', { name: 'NHS Clinical academic plans homepage' }));
    await look(s, 'dashboard');
  }
  const waiting = page.locator('h2:text-is("Waiting for you") + ul');
  await click(page, waiting.getByRole('link', { name: TITLE }));
  expect(new URL(page.url()).pathname).toBe(`/plans/${planId}`);
  await look(s, 'plan');
}

/** On the plan page, the action under "What you can do now" (a link styled as a button). */
async function startAction(s: Session, action: string, name: string): Promise<void> {
  await click(s.page, s.page.getByRole('button', { name: action, exact: true }));
  await look(s, name);
}

/** Press the form's button; the plan page should come back with the confirmation banner. */
async function send(s: Session, button: string, confirmation: string, name: string): Promise<void> {
  const response = await click(s.page, s.page.getByRole('button', { name: button, exact: true }));
  expect(response.status(), `${button} should lead back to the plan`).toBe(200);
  expect(new URL(s.page.url()).pathname).toBe(`/plans/${planId}`);
  expect(await banner(s.page)).toContain(confirmation);
  await look(s, name);
}

/** The terms form: the first proposal fills every answer; a counter-proposal changes only some. */
async function proposeTerms(s: Session, answers: { academicPercent?: string; cost?: string; comment: string }, first: boolean) {
  const { page } = s;
  if (first) {
    await fillDate(page, 'When will the training start?', [1, 10, YEAR]);
    await page.getByLabel('How long will it last?').fill('24');
    await page.getByLabel('How many protected hours a week will you have to write the funding application?').fill('4');
    await choose(page, 'What will your role be during the training?', 'Same role, part time');
    await choose(page, 'How will the clinical work be covered?', 'Recruit to a fixed-term post');
    await page.getByLabel('What post will be recruited, and for how long?').fill('A band 6 fixed-term post for 2 days a week, for the length of the award.');
    await choose(page, 'Is your post a specialist one?', 'No');
    await page.getByLabel('Where will your clinical time be focused?').fill('The orthopaedic ward, Monday to Wednesday.');
    await page.getByLabel('How will you keep clinical skills up to date?').fill('Monthly competency reviews with the ward sister.');
    await choose(page, 'What will you offer the team in return?', 'Run a journal club');
    await choose(page, 'What will you offer the team in return?', 'Support clinical audit');
  }
  // The question names the clinician as the reader knows them: "your working week", or "Alex Morgan's".
  if (answers.academicPercent) await page.getByLabel(/What share of .+ working week will be research\?/).fill(answers.academicPercent);
  if (answers.cost) await page.getByLabel('What is the estimated cost of the cover a year?').fill(answers.cost);
  await page.getByLabel('Comment (optional)').fill(answers.comment);
  await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
  expect(await heading(page)).toContain('Check the terms before you send them');
  await look(s, 'terms-check');
  await send(s, 'Send these terms', 'Your proposed terms have been sent', 'terms-sent');
}

/** The party that did not propose the latest terms accepts them. */
async function acceptTerms(s: Session): Promise<void> {
  await startAction(s, 'Accept these terms', 'accept-terms');
  await send(s, 'Accept these terms', 'You have accepted the terms; the plan goes to R&D', 'terms-accepted');
}

// A failed step leaves the plan where the next step cannot use it: skip the
// rest of the journey rather than pile up failures that say nothing new. The
// accessibility verdict (the last test) still runs on the pages seen so far.
let broken = false;
beforeEach(({ task, skip, onTestFailed }) => {
  if (broken && !task.name.startsWith('every page')) skip();
  onTestFailed(() => { broken = true; });
});

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 30_000);

afterAll(async () => {
  audit.report();
  await browser?.close();
  await server?.close();
});

describe('a plan from research idea to award', () => {
  it('the clinician signs in, starts a plan and writes the research idea over its pages', async () => {
    const s = await signInAs('clinician');
    const { page } = s;
    expect(await page.locator('h2:text-is("Waiting for you") + p').innerText()).toBe('Nothing is waiting for you.');

    await click(page, page.getByRole('button', { name: 'Start a new plan' }));
    await look(s, 'new-plan');
    await page.getByLabel('Give your plan a short title').fill(TITLE);
    await page.getByLabel('Your line manager').selectOption({ label: server.people.manager.name });
    await click(page, page.getByRole('button', { name: 'Start the plan' }));
    planId = /^\/plans\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
    expect(planId, `the plan page, not ${page.url()}`).not.toBe('');
    expect(await banner(page)).toContain('Your plan has been started');
    expect(await heading(page)).toBe(TITLE);
    await look(s, 'plan-started');

    await startAction(s, 'Edit your research idea', 'idea');
    await click(page, page.getByRole('link', { name: 'About you and the opportunity' }));
    await look(s, 'idea-about');
    expect(await page.getByLabel('Plan title').inputValue()).toBe(TITLE);
    await choose(page, 'What is your profession?', 'Nurse');
    await choose(page, 'What level of research training are you aiming for?', 'Doctoral fellowship (PhD)');
    await page.getByLabel('Which scheme are you aiming for? (optional)').selectOption({ label: 'NIHR Doctoral Clinical and Practitioner Academic Fellowship (DCAF)' });
    await click(page, page.getByRole('button', { name: 'Save and continue' }));

    expect(await heading(page)).toContain('Why now');
    await look(s, 'idea-why-now');
    await page.getByLabel('Why is this opportunity right for you now?').fill('Our falls audit showed a gap, and the trust has just joined a regional research network.');
    await page.getByLabel('What is your career goal?').fill('To lead nursing research on the orthopaedic wards while keeping clinical practice.');
    await choose(page, 'Is this in your personal development plan?', 'Yes');
    await click(page, page.getByRole('button', { name: 'Save and continue' }));

    expect(await heading(page)).toContain('Your research');
    await look(s, 'idea-research');
    await page.getByLabel('What would you like to research?').fill('Whether mobilising patients within 24 hours of hip fracture surgery reduces delirium.');
    await page.getByLabel('What is your research question? (optional)').fill('Does early mobilisation reduce delirium after hip fracture surgery?');
    await page.getByLabel('How would it help your service or patients?').fill('Delirium lengthens stays on our ward; the trust lists it as a priority.');
    await click(page, page.getByRole('button', { name: 'Save and continue' }));

    expect(await heading(page)).toContain('People');
    await look(s, 'idea-people');
    const first = page.getByRole('group', { name: 'Person 1', exact: true });
    await first.getByLabel('Full name').fill(server.people.supervisor.name);
    await first.getByLabel('Organisation').fill(server.people.university);
    await first.getByLabel('Email address').fill(server.people.supervisor.email);
    await first.getByLabel('Their role in your plan').selectOption({ label: 'Academic supervisor' });
    const second = page.getByRole('group', { name: 'Person 2', exact: true });
    await second.getByLabel('Full name').fill('Chris Wood');
    await second.getByLabel('Organisation').fill(server.people.trust);
    await second.getByLabel('Email address').fill('chris.wood@northshire.nhs.uk');
    await second.getByLabel('Their role in your plan').selectOption({ label: 'Mentor' });
    await click(page, page.getByRole('button', { name: 'Save and continue' }));

    expect(await heading(page)).toContain('Check your research idea before you send it');
    await look(s, 'idea-check');
    await send(s, 'Send to your manager', 'Your research idea has been sent to your manager', 'idea-sent');
  }, 30_000);

  it('the manager asks for changes, with a comment', async () => {
    const s = await signInAs('manager');
    await openWaitingPlan(s);
    await startAction(s, 'Ask for changes', 'request-changes');
    await s.page.getByLabel('What needs to change?').fill('Please add the numbers from the falls audit, so R&D can see the size of the problem.');
    await send(s, 'Ask for changes', 'Your request for changes has been sent', 'changes-asked');
  }, 30_000);

  it('the clinician revises the idea and sends it again', async () => {
    const s = person('clinician');
    const { page } = s;
    await openWaitingPlan(s);
    await startAction(s, 'Edit your research idea', 'idea-to-revise');
    expect(await page.locator('.nhsuk-card--warning').innerText()).toContain('Please add the numbers from the falls audit');
    await click(page, page.getByRole('link', { name: 'Your research' }));
    await look(s, 'idea-research-revise');
    await page.getByLabel('How would it help your service or patients?')
      .fill('Our 2025 falls audit found 38 falls in 412 admissions after hip fracture; delirium preceded most of them.');
    await click(page, page.getByRole('button', { name: 'Save and continue' }));
    expect(await heading(page)).toContain('People');
    await look(s, 'idea-people-revise');
    await click(page, page.getByRole('button', { name: 'Save and continue' }));
    expect(await heading(page)).toContain('Check your research idea before you send it');
    expect(await page.locator('.nhsuk-summary-list').innerText()).toContain('38 falls in 412 admissions');
    await look(s, 'idea-check-revise');
    await send(s, 'Send to your manager', 'Your research idea has been sent to your manager', 'idea-resent');
  }, 30_000);

  it('the manager agrees in principle', async () => {
    const s = person('manager');
    const { page } = s;
    await openWaitingPlan(s);
    await startAction(s, 'Agree in principle', 'agree-in-principle');
    await page.getByLabel('Is this the right opportunity, and why?').fill('Yes: a doctoral fellowship fits Alex\'s experience and our service needs.');
    await page.getByLabel('Do you know the proposed supervisor, mentor and collaborators, and are they the right people?').fill('I know Dr Evans; the right supervisor for this question.');
    await page.getByLabel('What is the mid-term plan?').fill('Alex mentors two junior nurses and shares findings at the monthly team meeting.');
    await page.getByLabel('What is the long-term plan?').fill('A clinical academic post on the ward at the end of the award.');
    await send(s, 'Agree in principle', 'You have agreed in principle', 'agreed');
  }, 30_000);

  it('the clinician proposes terms, the manager counter-proposes the academic share, and the clinician accepts', async () => {
    const clinician = person('clinician');
    await openWaitingPlan(clinician);
    await startAction(clinician, 'Propose terms', 'terms');
    await proposeTerms(clinician, { academicPercent: '50', cost: '21000', comment: 'Half of my week academic, as the fellowship expects.' }, true);

    const manager = person('manager');
    await openWaitingPlan(manager);
    await startAction(manager, 'Propose terms', 'terms-counter');
    expect(await manager.page.getByLabel(`What share of ${server.people.clinician.name}'s working week will be research?`).inputValue()).toBe('50');
    await proposeTerms(manager, { academicPercent: '40', comment: 'Two days academic fits the ward rota better.' }, false);
    const latest = manager.page.locator('.nhsuk-card', { hasText: 'Version 2' });
    expect(await latest.innerText()).toMatch(/What changed from version 1:[\s\S]*40%/);

    await openWaitingPlan(clinician);
    await acceptTerms(clinician);
  }, 45_000);

  it('R&D returns the terms for changes once', async () => {
    const s = await signInAs('rdLead');
    await openWaitingPlan(s);
    await startAction(s, 'Return for changes', 'return-for-changes');
    await s.page.getByLabel('What needs to change?').fill('The backfill cost must include employer on-costs.');
    await send(s, 'Return for changes', 'The plan has been returned for changes', 'returned');
  }, 45_000);

  it('the terms are proposed and accepted again, and R&D signs off', async () => {
    const clinician = person('clinician');
    await openWaitingPlan(clinician);
    await startAction(clinician, 'Propose terms', 'terms-after-return');
    expect(await clinician.page.locator('.nhsuk-card--warning').innerText()).toContain('employer on-costs');
    await proposeTerms(clinician, { cost: '26500', comment: 'The cost now includes employer on-costs.' }, false);

    const manager = person('manager');
    await openWaitingPlan(manager);
    await acceptTerms(manager);

    const rd = person('rdLead');
    await openWaitingPlan(rd);
    await startAction(rd, 'Sign off', 'sign-off');
    await choose(rd.page, 'Who will hold the budget?', 'The NHS trust');
    await choose(rd.page, 'Capacity and capability', 'I confirm the trust has the capacity and capability to support this plan');
    await rd.page.getByLabel('Conditions (optional)').fill('A review with R&D at 12 months.');
    await send(rd, 'Sign off', 'The plan has been signed off', 'signed-off');
  }, 45_000);

  it('the meeting is arranged with the supervisor, who finds it under "Waiting for you" and records it', async () => {
    const clinician = person('clinician');
    const { page } = clinician;
    await openWaitingPlan(clinician);
    await startAction(clinician, 'Arrange the supervisor meeting', 'schedule-meeting');
    // The supervisor named in the idea is the starting point.
    expect(await page.getByLabel('Full name').inputValue()).toBe(server.people.supervisor.name);
    await page.getByLabel('University or organisation').fill(server.people.university);
    await page.getByLabel('Email address').fill(server.people.supervisor.email);
    await fillDate(page, 'Date', [15, 3, YEAR]);
    await page.getByLabel('Start time (UK time)').fill('10:00');
    await page.getByLabel('How long will it last?').fill('60');
    await page.getByLabel('Where is it, or what is the video link?').fill('Research office, Northshire General Hospital');
    // The email is the supervisor's account: the form comes back saying whose it is, to confirm.
    await click(page, page.getByRole('button', { name: 'Arrange the meeting', exact: true }));
    expect(await page.locator('#supervisor-account').innerText()).toContain(`${server.people.supervisor.name}, ${server.people.university}, has an account in this service`);
    await look(clinician, 'schedule-meeting-confirm');
    await send(clinician, 'Confirm and arrange the meeting', 'The meeting has been arranged', 'meeting-arranged');

    const supervisor = await signInAs('supervisor');
    await openWaitingPlan(supervisor);
    await startAction(supervisor, 'Record the meeting', 'record-meeting');
    const sp = supervisor.page;
    expect(await sp.getByLabel('What research question did you agree?').inputValue()).toContain('Does early mobilisation reduce delirium');
    await sp.getByLabel('What research question did you agree?').fill('Does mobilisation within 24 hours of hip fracture surgery reduce post-operative delirium?');
    await sp.getByLabel('How is the project relevant to the local service?').fill('Delirium after hip fracture is a trust quality priority.');
    await sp.getByLabel('How will your team and the service keep working together?').fill('A joint journal club each quarter and a shared MSc student project.');
    await sp.getByLabel('Actions', { exact: true }).fill('Alex: draft the application by May\nDr Evans: review the draft in June');
    await send(supervisor, 'Record the meeting', 'The meeting has been recorded', 'meeting-recorded');
  }, 45_000);

  it('the application is submitted and the award recorded', async () => {
    const s = person('clinician');
    const { page } = s;
    await openWaitingPlan(s);
    await startAction(s, 'Record the submitted application', 'submit-application');
    await page.getByLabel('Funder', { exact: true }).fill('NIHR');
    await page.getByLabel('Scheme', { exact: true }).fill('Doctoral Clinical and Practitioner Academic Fellowship');
    await page.getByLabel('Name of the funding call').fill('Round 12');
    await fillDate(page, 'Call deadline', [1, 5, YEAR]);
    await fillDate(page, 'Date you submitted', [20, 4, YEAR]);
    await page.getByLabel('Application reference').fill('NIHR-DCAPAF-0042');
    await send(s, 'Record the application', 'Your application has been recorded', 'application-recorded');

    await startAction(s, 'Record the outcome', 'record-outcome');
    await choose(page, 'What did the funder decide?', 'Awarded');
    await fillDate(page, 'Date of the decision', [1, 8, YEAR]);
    await page.getByLabel('Feedback from the funder (optional)').fill('A strong application with clear patient benefit.');
    await fillDate(page, 'When does the award start?', [1, 10, YEAR]);
    await page.getByLabel('What is the plan for the end of the award?').fill('Alex returns to the ward with one research day a week.');
    await send(s, 'Record the outcome', 'The outcome has been recorded', 'awarded');
    expect(await page.locator('.nhsuk-inset-text').first().innerText()).toContain('Awarded');

    await click(page, page.getByRole('link', { name: 'See the full history of this plan' }));
    expect(await heading(page)).toBe('History');
    await look(s, 'history');

    await click(page, page.getByRole('button', { name: 'Sign out' }));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await look(s, 'signed-out');
  }, 30_000);

  it('every page of the journey passes axe at WCAG 2.0, 2.1 and 2.2 A and AA', () => {
    expect(audit.checked).toBeGreaterThan(0);
    audit.expectClean();
  });
});
