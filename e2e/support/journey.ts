import { expect } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Audit } from './axe.js';
import { banner, choose, click, fillDate, heading, openContext, signIn, type Session } from './browser.js';
import type { E2eServer } from './server.js';

// The moves of the whole journey, one plan from research idea to a completed
// award, made through the pages by the four people who agree it, each in their
// own browser context. The journey tests run these in order, with JavaScript
// (screenshots and axe on every page) and without it.

export type Role = 'clinician' | 'manager' | 'rdLead' | 'supervisor';

export const TITLE = 'Early mobilisation after hip fracture';
// The server runs on the real clock: a meeting to arrange is next year's, and what has happened is today's.
export const YEAR = new Date().getFullYear() + 1;
const now = new Date();
export const TODAY: [number, number, number] = [now.getDate(), now.getMonth() + 1, now.getFullYear()];

const short: Record<Role, string> = { clinician: 'clinician', manager: 'manager', rdLead: 'rd', supervisor: 'supervisor' };

export class Journey {
  planId = '';
  /** Pages each person loaded (every navigation of their tab, redirects followed). */
  readonly loads: Record<Role, number> = { clinician: 0, manager: 0, rdLead: 0, supervisor: 0 };
  private readonly sessions: Partial<Record<Role, Session>> = {};

  constructor(private readonly browser: Browser, private readonly server: E2eServer,
    private readonly options: { js: boolean; audit?: Audit }) {}

  /** Screenshot and axe (in the run with JavaScript) for what this person sees now. */
  async look(s: Session, name: string): Promise<void> {
    await this.options.audit?.check(s.page, `${short[s.person.role as Role]}-${name}`);
  }

  person(role: Role): Session {
    const session = this.sessions[role];
    if (!session) throw new Error(`${role} has not signed in`);
    return session;
  }

  async signInAs(role: Role): Promise<Session> {
    const session = await openContext(this.browser, this.server.base, this.server.people[role], { javaScriptEnabled: this.options.js });
    session.page.on('load', () => { this.loads[role] += 1; });
    await signIn(session, (page) => this.look({ ...session, page }, 'sign-in'));
    this.sessions[role] = session;
    await this.look(session, 'dashboard');
    return session;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.sessions).map((s) => s.context.close()));
  }

  /** From the dashboard (the header's home link), open the plan listed under "Waiting for you". */
  async openWaitingPlan(s: Session): Promise<void> {
    const { page } = s;
    // Always from a fresh dashboard: a page left open since earlier shows the plan as it was then.
    await click(page, page.getByRole('link', { name: 'NHS Clinical academic plans homepage' }));
    await this.look(s, 'dashboard');
    // The plan's own entry under "Waiting for you" (not the table of all plans further down).
    const waiting = page.locator(`xpath=//h2[normalize-space()="Waiting for you"]/following::a[normalize-space()="${TITLE}" and not(ancestor::table)][1]`);
    expect(await waiting.count(), `${s.person.role}'s dashboard should list the plan as waiting for them`).toBe(1);
    await click(page, waiting);
    expect(new URL(page.url()).pathname).toBe(`/plans/${this.planId}`);
    await this.look(s, 'plan');
  }

  /** On the plan page, an action under "What you can do now" (a link styled as a button, or a plain link). */
  async startAction(s: Session, action: string | RegExp, name: string): Promise<void> {
    const target = s.page.getByRole('button', { name: action, exact: true }).or(s.page.getByRole('link', { name: action, exact: true }));
    await click(s.page, target.first());
    await this.look(s, name);
  }

  /** Press the form's button; the plan page (or `back`) comes back with the confirmation banner. */
  async send(s: Session, button: string, confirmation: string, name: string, back = `/plans/${this.planId}`): Promise<void> {
    const response = await click(s.page, s.page.getByRole('button', { name: button, exact: true }));
    expect(response.status(), `${button} should lead back to the page it came from, not ${s.page.url()}`).toBe(200);
    expect(new URL(s.page.url()).pathname).toBe(back);
    expect(await banner(s.page)).toContain(confirmation);
    await this.look(s, name);
  }

  async openAgenda(s: Session, name: string): Promise<void> {
    await click(s.page, s.page.getByRole('link', { name: /points agreed/ }).first());
    expect(new URL(s.page.url()).pathname).toBe(`/plans/${this.planId}/agenda`);
    await this.look(s, name);
  }

  /** The terms form: the first proposal fills every answer; a counter-proposal changes only some. */
  async proposeTerms(s: Session, answers: { academicPercent?: string; cost?: string; comment: string }, first: boolean): Promise<void> {
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
    if (answers.academicPercent) await page.getByLabel(/What share of .+ working week will be research\?/).fill(answers.academicPercent);
    if (answers.cost) await page.getByLabel('What is the estimated cost of the cover a year?').fill(answers.cost);
    await page.getByLabel('Comment (optional)').fill(answers.comment);
    await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
    expect(await heading(page)).toContain('Check the terms before you send them');
    await this.look(s, 'terms-check');
    await this.send(s, 'Send these terms', 'Your proposed terms have been sent', 'terms-sent');
  }

  /** The party that did not propose the latest terms accepts them. */
  async acceptTerms(s: Session): Promise<void> {
    await this.startAction(s, 'Accept these terms', 'accept-terms');
    await this.send(s, 'Accept these terms', 'You have accepted the terms; the plan goes to R&D', 'terms-accepted');
  }

  /**
   * Sign every document waiting for this person, one after the other: the next one is linked from the page
   * they are on (the plan page, or the document just signed) or else from their dashboard. Each document's
   * page states what the signature commits them to; they tick it and authorise.
   */
  async signDocuments(s: Session, expected: string[]): Promise<void> {
    const { page } = s;
    const signed: string[] = [];
    const nextLink = () => page.getByRole('link', { name: /^Authorise the / }).or(page.getByRole('button', { name: /^Authorise the / })).first();
    for (let i = 0; i < expected.length; i += 1) {
      if (!(await nextLink().count())) {
        await click(page, page.getByRole('link', { name: 'NHS Clinical academic plans homepage' }));
        await this.look(s, 'dashboard');
      }
      expect(await nextLink().count(), `${s.person.role} should be asked to authorise ${expected.slice(i).join(', ')}`).toBeGreaterThan(0);
      await click(page, nextLink());
      await this.look(s, `document-${i + 1}`);
      signed.push((await page.locator('h1').first().innerText()).toLowerCase());
      await page.getByLabel('I confirm the statement above', { exact: true }).check();
      const response = await click(page, page.getByRole('button', { name: 'Authorise this document', exact: true }));
      expect(response.status()).toBe(200);
      expect(await banner(page)).toContain('You have authorised');
      await this.look(s, `document-${i + 1}-signed`);
    }
    for (const kind of expected) expect(signed.join(' | ')).toContain(kind);
    await click(page, page.getByRole('link', { name: 'NHS Clinical academic plans homepage' }));
    expect(await nextLink().count(), `${s.person.role} has nothing left to sign`).toBe(0);
  }
}
