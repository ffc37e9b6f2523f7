import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/accounts.service.js';
import type { User } from '../../src/accounts/accounts.repository.js';
import type { UserEventType } from '../../src/domain/events.js';
import { availableEvents } from '../../workflows/plan.decide.js';
import { BASE, buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { agendaSteps, counterTerms, examples } from '../support/examples.js';
import { actionsIn, between, tasksIn, text, visible } from '../support/plan-page.js';
import { actorOf, PASSWORD, type World } from '../support/world.js';

// The pages people use every day: the dashboard, starting a plan, signing in
// and out, the plan page with its buttons, steps and terms, the history, and
// what they see when something is not there or goes wrong.

type Person = Exclude<keyof World, 'trust' | 'university' | 'otherTrust'>;
type Step = [Person, UserEventType, object?];

/** The "Waiting for you" cards: plan id and how long it has waited. */
const waitingIn = (page: string) => [...between(page, '<h2>Waiting for you</h2>', '<h2>').matchAll(/href="\/plans\/([^"]+)">[\s\S]*?Waiting ([^.<]+)\.<\/p>/g)].map((m) => [m[1], m[2]]);
/** The plans in the table under the waiting list. */
const listedIn = (page: string) => [...between(page, '<table', '</table>').matchAll(/<a href="\/plans\/([^"]+)">/g)].map((m) => m[1]);
const hrefOf = (id: string, type: UserEventType) =>
  ({ UPDATE_IDEA: `/plans/${id}/idea`, SUBMIT_FOR_AGREEMENT: `/plans/${id}/idea/check`, PROPOSE_TERMS: `/plans/${id}/terms` } as Record<string, string>)[type] ?? `/plans/${id}/events/${type}`;

const toAgreement: Step[] = [['clinician', 'UPDATE_IDEA'], ['clinician', 'SUBMIT_FOR_AGREEMENT']];
const toAccept: Step[] = [...toAgreement, ['manager', 'AGREE_IN_PRINCIPLE'], ...agendaSteps, ['clinician', 'PROPOSE_TERMS']];
const toSignOff: Step[] = [...toAccept, ['manager', 'ACCEPT_TERMS']];
const toRecord: Step[] = [...toSignOff, ['rdLead', 'SIGN_OFF'], ['clinician', 'SCHEDULE_MEETING']];
const STEPS = ['Research idea', 'Manager agreement', 'Backfill plan and time split', 'R&D sign-off', 'Supervisor meeting', 'Funding application', 'Starting the award'];
/** What R&D and administrators may do at any step before a document is issued (then they may also reissue it). */
const housekeeping = ['Hand the plan to someone else'];

describe('the pages', () => {
  let t: TestApp;
  const as = {} as Record<Person, Agent>;
  let southvale: { clinician: User; manager: User };
  const request = (path: string, init?: RequestInit) => t.app.request(`${BASE}${path}`, init);

  async function planAt(steps: Step[], title = 'Mobilisation after hip fracture', clinician: User = t.world.clinician, manager: User = t.world.manager) {
    const { id } = await t.services.plans.create(actorOf(clinician), { title, managerId: manager.id });
    const people = { ...t.world, clinician, manager } as Record<Person, User>;
    for (const [index, [who, type, payload]] of steps.entries()) {
      await t.services.plans.send(id, actorOf(people[who]), { type, version: index + 1, payload: payload ?? examples[type](1) });
    }
    return id;
  }
  const page = async (who: Person, path: string, status = 200) => {
    const res = await as[who].get(path);
    expect(res.status, `${who} GET ${path}`).toBe(status);
    return res.text();
  };
  /** The sign-in form as a visitor fills it in. */
  async function signInForm(email: string, password: string, next = '/') {
    const form = await request('/sign-in');
    const cookie = /plans_visitor_csrf=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
    return request('/sign-in', {
      method: 'POST', headers: { cookie: `plans_visitor_csrf=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: cookie, email, password, next }),
    });
  }

  beforeAll(async () => {
    t = await buildTestApp('sqlite', { SESSION_HOURS: '720' });
    for (const who of ['clinician', 'manager', 'rdLead', 'supervisor', 'admin', 'otherClinician', 'otherManager', 'outsiderRdLead'] as const) as[who] = await t.signIn(t.world[who]);
    const user = (name: string, role: string) => createUser(t.services.db, { name, role, email: `${name.replace(' ', '.').toLowerCase()}@southvale.nhs.uk`, organisation: t.world.otherTrust.id, password: PASSWORD });
    southvale = { clinician: await user('Dee Nash', 'clinician'), manager: await user('Max Webb', 'manager') };
  }, 60_000);
  afterAll(() => t.cleanup());

  describe('the dashboard', () => {
    it("lists in \"Waiting for you\" the plans waiting on the manager, oldest wait first, with how long they waited", async () => {
      const [clinician, manager] = [t.world.otherClinician, t.world.otherManager];
      const [a, b, draft] = await Promise.all(['Plan A', 'Plan B', 'Plan C'].map((title) => planAt([], title, clinician, manager)));
      expect(waitingIn(await page('otherManager', '/'))).toEqual([]);
      expect(await page('otherManager', '/')).toContain('Nothing is waiting for you.');
      // Drafts never sent are their clinician's alone: not listed for the manager until sent.
      expect(listedIn(await page('otherManager', '/'))).toEqual(expect.not.arrayContaining([a, b, draft]));
      expect(listedIn(await page('otherClinician', '/'))).toEqual(expect.arrayContaining([a, b, draft]));

      const submit = async (id: string) => {
        for (const [version, type] of [[1, 'UPDATE_IDEA'], [2, 'SUBMIT_FOR_AGREEMENT']] as const) await t.services.plans.send(id, actorOf(clinician), { type, version, payload: examples[type](1) });
      };
      await submit(b!);
      t.clock.advance(2 * 86_400_000);
      await submit(a!);
      t.clock.advance(3 * 3_600_000);
      expect(waitingIn(await page('otherManager', '/'))).toEqual([[b, '2 days'], [a, '3 hours']]);
      expect(waitingIn(await page('otherClinician', '/')).map(([id]) => id)).toEqual([draft]);

      await t.services.plans.send(b!, actorOf(manager), { type: 'AGREE_IN_PRINCIPLE', version: 3, payload: examples.AGREE_IN_PRINCIPLE(1) });
      // Agreed in principle, the terms are to be proposed by either of them: still waiting on the manager, as a new wait.
      expect(waitingIn(await page('otherManager', '/'))).toEqual([[a, '3 hours'], [b, 'less than a minute']]);
    });

    it("shows the R&D lead every plan of the trust, filtered by step, and nothing from another trust", async () => {
      const idea = await planAt([['clinician', 'UPDATE_IDEA'], ['clinician', 'SUBMIT_FOR_AGREEMENT'], ['manager', 'REQUEST_CHANGES']], 'Idea-step plan');
      const draft = await planAt([], 'Private draft');
      const signOff = await planAt(toSignOff, 'Sign-off-step plan');
      const elsewhere = await planAt(toSignOff, 'Southvale plan', southvale.clinician, southvale.manager);

      const all = await page('rdLead', '/');
      expect(all).toContain('<h1>Plans in your trust</h1>');
      expect(listedIn(all)).toEqual(expect.arrayContaining([idea, signOff]));
      expect(listedIn(all)).not.toContain(draft);
      expect(waitingIn(all).map(([id]) => id)).toContain(signOff);
      expect(waitingIn(all).map(([id]) => id)).not.toContain(idea);

      const filtered = await page('rdLead', '/?step=signOff');
      expect(filtered).toContain('<option value="signOff" selected>');
      expect(listedIn(filtered)).toContain(signOff);
      expect(listedIn(filtered)).not.toContain(idea);
      for (const body of [all, filtered]) expect(body).not.toContain(elsewhere);
      expect(listedIn(await page('outsiderRdLead', '/?step=signOff'))).toEqual([elsewhere]);
    });
  });

  describe('starting a plan', () => {
    it("offers the clinician only their own organisation's managers", async () => {
      const form = await page('clinician', '/plans/new');
      const options = [...between(form, 'name="managerId"', '</select>').matchAll(/<option value="([^"]*)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2]]);
      expect(options).toEqual([['', 'Choose your line manager'], [t.world.otherManager.id, 'Kim Ford'], [t.world.manager.id, 'Sam Patel']]);
    });

    it.each([
      ['nothing', { title: '', managerId: '' }, ['title', 'managerId'], ''],
      ['a manager of another trust', { title: 'Kept title', managerId: 'SOUTHVALE' }, ['managerId'], 'value="Kept title"'],
      ['someone who is not a manager', { title: 'Kept title', managerId: 'RDLEAD' }, ['managerId'], 'value="Kept title"'],
    ])('shows what is wrong (422) when given %s, keeping what was typed', async (_name, form, fields, kept) => {
      const managerId = form.managerId.replace('SOUTHVALE', southvale.manager.id).replace('RDLEAD', t.world.rdLead.id);
      const res = await as.clinician.post('/plans', { ...form, managerId });
      expect(res.status).toBe(422);
      const body = await res.text();
      expect(body.indexOf('nhsuk-error-summary'), 'summary above the heading').toBeLessThan(body.indexOf('<h1'));
      expect(body).toContain('There is a problem');
      for (const field of fields) expect(body).toMatch(new RegExp(`<a href="#${field}">[^<]+</a>`));
      expect(body).toContain(kept);
    });

    it('starts the plan and opens it with a confirmation', async () => {
      const res = await as.clinician.post('/plans', { title: 'Falls after discharge', managerId: t.world.manager.id });
      expect(res.status).toBe(303);
      const [, id] = /^\/plans\/([^?]+)\?done=PLAN_CREATED$/.exec(res.headers.get('location') ?? '')!;
      const body = await page('clinician', `/plans/${id}?done=PLAN_CREATED`);
      expect(body).toContain('Your plan has been started');
      expect(body).toContain('<h1>Falls after discharge</h1>');
    });
  });

  describe('signing in and out', () => {
    it('shows the error summary (401) for a wrong password and keeps the email', async () => {
      const res = await signInForm(t.world.clinician.email, 'not-the-password');
      expect(res.status).toBe(401);
      const body = await res.text();
      expect(body).toContain('There is a problem');
      expect(body).toContain('Enter a correct email address and password');
      expect(body).toContain(`value="${t.world.clinician.email}"`);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('plans_session='))).toBe(false);
    });

    it('locks the account after 5 failures, even with the right password, with the same answer as a wrong password', async () => {
      const locked = await createUser(t.services.db, { name: 'Lou Locke', email: 'lou.locke@northshire.nhs.uk', role: 'clinician', organisation: t.world.trust.id, password: PASSWORD });
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push(await signInForm(locked.email, `wrong-${i}`));
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
      const wrongPage = visible(await answers[4]!.text());
      const res = await signInForm(locked.email, PASSWORD);
      expect(res.status).toBe(401);
      expect(visible(await res.text())).toBe(wrongPage);
      expect(wrongPage).toContain('Enter a correct email address and password');
      expect(res.headers.getSetCookie().some((c) => c.startsWith('plans_session='))).toBe(false);
      const api = await request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: locked.email, password: PASSWORD }) });
      expect(api.status).toBe(401);
    });

    it('ends the session on sign-out: the old cookie opens nothing', async () => {
      const agent = await t.signIn(t.world.admin);
      const res = await agent.post('/sign-out', {});
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/sign-in?signedOut=1');
      expect(res.headers.getSetCookie().find((c) => c.startsWith('plans_session='))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
      const home = await agent.get('/');
      expect([home.status, home.headers.get('location')]).toEqual([303, '/sign-in?next=%2F']);
      expect((await agent.api('GET', '/api/v1/me')).status).toBe(401);
    });

    it.each([
      ['/plans/new', '/plans/new'], ['/?step=signOff', '/?step=signOff'], ['//evil.example', '/'], ['https://evil.example/', '/'],
      ['/\\evil.example', '/'], ['evil.example', '/'], ['javascript:alert(1)', '/'],
    ])('after signing in with next=%s, goes to %s', async (next, location) => {
      const res = await signInForm(t.world.supervisor.email, PASSWORD, next);
      expect([res.status, res.headers.get('location')]).toEqual([303, location]);
      expect(await (await request(`/sign-in?next=${encodeURIComponent(next)}`)).text(), 'the form carries it').toContain(`name="next" value="${location.replace(/=/g, '&#x3D;')}"`);
    });
  });

  describe('the plan page', () => {
    // [primary, secondary, stopping, housekeeping], each by its words.
    type Offer = [string | null, string[], string[], string[]];
    const housekeepingAfterSignOff = [...housekeeping, 'Issue a new version of a document'];
    it.each([
      ['a new plan', 'clinician', [], ['Continue your research idea', ['Send to your manager'], ['Withdraw the plan'], []]],
      ['manager agreement', 'manager', toAgreement, ['Agree in principle', ['Ask for changes'], ['Decline the plan'], []]],
      ['manager agreement', 'clinician', toAgreement, [null, [], ['Withdraw the plan'], []]],
      ['terms waiting for the manager', 'manager', toAccept, ['Accept these terms', ['Propose terms'], [], []]],
      ['terms waiting for the manager', 'clinician', toAccept, [null, ['Propose terms'], ['Withdraw the plan'], []]],
      ['R&D sign-off', 'rdLead', toSignOff, ['Sign off', ['Return for changes'], ['Decline the plan'], housekeeping]],
      ['R&D sign-off', 'admin', toSignOff, [null, [], [], housekeeping]],
      ['a meeting arranged', 'supervisor', toRecord, ['Record the meeting', [], [], []]],
      ['a meeting arranged', 'manager', toRecord, ['Authorise the training agreement', ['Record the meeting', 'Rearrange the supervisor meeting'], [], []]],
      ['a meeting arranged', 'rdLead', toRecord, ['Authorise the training agreement', [], [], housekeepingAfterSignOff]],
      ['declined', 'clinician', [...toAgreement, ['manager', 'DECLINE']], ['Reopen the plan', [], ['Withdraw the plan'], []]],
      ['withdrawn', 'clinician', [['clinician', 'WITHDRAW']], [null, [], [], []]],
    ] as Array<[string, Person, Step[], Offer]>)('at %s, offers the %s what the machine allows, the main action first', async (_state, who, steps, offer) => {
      const id = await planAt(steps);
      const { snapshot } = await t.services.plans.load(id, actorOf(t.world[who]));
      const allowed = availableEvents(snapshot, actorOf(t.world[who]));
      const body = await page(who, `/plans/${id}`);
      const { primary, secondary, stopping, housekeeping: kept } = actionsIn(body);
      expect([primary?.[0] ?? null, secondary.map(([label]) => label), stopping.map(([label]) => label), kept.map(([label]) => label)]).toEqual(offer);
      // Every action offered is one the machine allows now…
      const offered = [...(primary ? [primary] : []), ...secondary, ...stopping, ...kept].map(([, href]) => href);
      for (const href of offered) expect(allowed.map((type) => hrefOf(id, type)).concat(`/plans/${id}/documents/latest/training-agreement`), href).toContain(href);
      // …and every one it allows is offered somewhere: here, on the agenda's pages, in a document, or as the comment form.
      const elsewhere = ['COMMENT', 'PROPOSE_POINT', 'AGREE_POINT', 'DISPUTE_POINT', 'AUTHORISE_DOCUMENT'];
      for (const type of allowed.filter((x) => !elsewhere.includes(x))) expect(offered, type).toContain(hrefOf(id, type));
      expect(body.includes(`action="/plans/${id}/events/COMMENT"`)).toBe(allowed.includes('COMMENT'));
      if (allowed.includes('PROPOSE_POINT')) expect(body).toContain(`href="/plans/${id}/agenda"`);
      // Nothing that stops the plan is a button.
      expect(body).not.toContain('nhsuk-button--warning');
    });

    it('keeps a plan never sent to the manager as the clinician\'s private draft: nobody else can open it', async () => {
      const id = await planAt([['clinician', 'UPDATE_IDEA']]);
      await page('clinician', `/plans/${id}`);
      for (const who of ['manager', 'rdLead', 'admin', 'supervisor'] as const) await page(who, `/plans/${id}`, 404);
    });

    it.each([
      ['rdLead', ['Completed', 'Completed', 'Completed', 'Waiting for you', 'Cannot start yet', 'Cannot start yet', 'Cannot start yet']],
      ['clinician', ['Completed', 'Completed', 'Completed', 'Waiting for R&D', 'Cannot start yet', 'Cannot start yet', 'Cannot start yet']],
    ] as const)('shows the seven steps as a task list with where the plan is, to the %s', async (who, statuses) => {
      const id = await planAt(toSignOff);
      expect(tasksIn(await page(who, `/plans/${id}`)).map(([step, status]) => [step, status])).toEqual(STEPS.map((step, i) => [step, statuses[i]]));
    });

    it('shows each terms version on the step\'s page, who proposed it and what changed; the history says the same in plain words', async () => {
      const id = await planAt([...toAccept, ['manager', 'PROPOSE_TERMS', counterTerms], ['clinician', 'ACCEPT_TERMS', { termsVersion: 2 }]]);
      const body = visible(await page('rdLead', `/plans/${id}/steps/terms`));
      const [v2, v1] = [body.indexOf('Terms, version 2 Accepted'), body.indexOf('Terms, version 1')];
      expect(v2).toBeGreaterThan(-1);
      expect(v1).toBeGreaterThan(v2);
      expect(body.slice(v2, v1)).toContain('Proposed by Sam Patel (manager)');
      expect(body.slice(v2, v1)).toContain('Half and half keeps the ward safe in winter.');
      expect(body.slice(v2, v1)).toMatch(/(Academic share|Time split): 50% academic, 50% clinical \(was 60% academic, 40% clinical\)/);
      expect(body.slice(v1)).toContain('Proposed by Alex Morgan (clinician)');

      const history = visible(await page('rdLead', `/plans/${id}/history`));
      expect(history).toMatch(/Sam Patel \(manager\) proposed terms ?, [^.]+ (Academic share|Time split): 50% academic, 50% clinical \(was 60% academic, 40% clinical\)/);
      expect(history).toMatch(/Alex Morgan \(clinician\) accepted the terms ?, [^.]+ Accepted version 2/);
    });

    it('lists the history newest first, in plain words', async () => {
      const id = await planAt([...toAgreement, ['manager', 'REQUEST_CHANGES'], ['rdLead', 'COMMENT', { text: 'R&D can help with the costing.' }]]);
      const body = await page('clinician', `/plans/${id}/history`);
      expect([...body.matchAll(/<strong>([^<]+)<\/strong>, (\d{1,2} \w+ \d{4} \d{2}:\d{2})/g)].map((m) => text(m[1]!))).toEqual([
        'Priya Shah (R&D lead) commented', 'Sam Patel (manager) asked for changes', 'You sent the research idea to Sam Patel (manager)',
        'You updated the research idea: profession, level of opportunity, scheme or funder in mind, why this opportunity is right now, career goal, in the personal development plan, research ideas, research question, how it matters to the service, supervisor, mentor and collaborators',
        'You started the plan',
      ]);
      expect(visible(body)).toContain('Please say more about how this helps the ward. The plan is now: Research idea being revised');
      expect(visible(body)).toContain('R&D can help with the costing.');
    });
  });

  describe('when something is not there or goes wrong', () => {
    it.each([
      [null, '/no-such-page'], ['clinician', '/no-such-page'], ['clinician', '/plans/no-such-plan'], ['clinician', '/plans/no-such-plan/history'],
      ['clinician', '/plans/ID/events/NOT_AN_EVENT'], ['clinician', '/plans/ID/idea/no-such-page'], ['clinician', '/plans/%E0%A4%A'],
    ] as const)('shows the page-not-found page (404) to %s at %s', async (who, path) => {
      const url = path.replace('ID', await planAt([]));
      const res = who ? await as[who].get(url) : await request(url);
      expect([res.status, res.headers.get('content-type')]).toEqual([404, 'text/html; charset=UTF-8']);
      expect(visible(await res.text())).toMatch(/Page not found .+ Go to your plans/);
    });

    it('never shows a stack trace or a file path in an error response', async () => {
      const id = await planAt(toAgreement);
      const json = (method: string, path: string, body: string, type = 'application/json') => request(path, {
        method, headers: { cookie: `plans_session=${as.clinician.cookie}`, 'x-csrf-token': as.clinician.csrfToken, 'content-type': type }, body,
      });
      // [what, response, its status]
      const responses: Array<[string, Response, number]> = [
        ['page not found', await as.clinician.get('/nope'), 404], ['API not found', await as.clinician.api('GET', '/api/v1/plans/nope'), 404],
        ['refused page', await as.manager.get(`/plans/${id}/idea`), 403],
        ['refused API call', await as.manager.api('POST', `/api/v1/plans/${id}/events`, { type: 'UPDATE_IDEA', version: 3 }), 403],
        ['stale version', await as.clinician.api('POST', `/api/v1/plans/${id}/events`, { type: 'COMMENT', version: 99, text: 'Hi' }), 409],
        ['unknown field', await as.clinician.api('POST', `/api/v1/plans/${id}/events`, { type: 'COMMENT', version: 3, text: 'Hi', extra: true }), 422],
        ['broken JSON', await json('POST', `/api/v1/plans/${id}/events`, '{"type": '), 400],
        ['not JSON', await json('POST', `/api/v1/plans/${id}/events`, 'type=COMMENT', 'text/plain'), 415],
        ['too large', await as.clinician.post(`/plans/${id}/events/COMMENT`, { text: 'x'.repeat(300_000), version: '3' }), 413],
        ['signed out API', await request('/api/v1/plans'), 401],
        ['unreadable form body', await json('POST', `/plans/${id}/events/COMMENT`, 'not multipart', 'multipart/form-data; boundary=x'), 400],
      ];
      for (const [name, res, status] of responses) {
        expect(res.status, name).toBe(status);
        expect(await res.text(), name).not.toMatch(/\n\s+at |\/work\/|node_modules|file:\/\/|\.[jt]s:\d+|(Type|Syntax|Reference)Error/);
      }
    });
  });
});
