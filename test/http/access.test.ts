import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserEventType } from '../../src/domain/events.js';
import { BASE, buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { agendaSteps, examples } from '../support/examples.js';
import { actorOf, type World } from '../support/world.js';

// Who may open what (DESIGN section 7): the people of a plan reach the pages the
// machine allows them now and get 403 for the rest; everyone else gets 404, as
// if the plan did not exist, on the pages, in the lists and on the API.

type Person = Exclude<keyof World, 'trust' | 'university' | 'otherTrust'>;
type Step = [Person, UserEventType, object?];

/** The plan's own people, in the column order of the tables below. */
const insiders = ['clinician', 'manager', 'rdLead', 'admin', 'supervisor'] as const;
/** Same trust but not on the plan, and a second trust. */
const outsiders = ['otherClinician', 'otherManager', 'outsiderRdLead', 'outsiderAdmin'] as const;

const toAgreement: Step[] = [['clinician', 'UPDATE_IDEA'], ['clinician', 'SUBMIT_FOR_AGREEMENT']];
const toAccept: Step[] = [...toAgreement, ['manager', 'AGREE_IN_PRINCIPLE'], ...agendaSteps, ['clinician', 'PROPOSE_TERMS']];
const toSignOff: Step[] = [...toAccept, ['manager', 'ACCEPT_TERMS']];
const toRecord: Step[] = [...toSignOff, ['rdLead', 'SIGN_OFF'], ['clinician', 'SCHEDULE_MEETING']];

// Status for: clinician, manager, rdLead, admin, supervisor. The supervisor sees the plan once a meeting is arranged with them;
// everyone but the clinician, once the clinician first sends the idea (until then it is their private draft).
const states: Array<{ state: string; steps: Step[]; routes: Array<[string, string]> }> = [
  {
    state: 'researchIdea.drafting', steps: [], routes: [
      ['', '200 404 404 404 404'], ['/history', '200 404 404 404 404'],
      ['/idea', '200 404 404 404 404'], ['/idea/about', '200 404 404 404 404'], ['/idea/people', '200 404 404 404 404'],
      ['/idea/check', '200 404 404 404 404'], ['/terms', '403 404 404 404 404'], ['/agenda', '200 404 404 404 404'],
      ['/events/AGREE_IN_PRINCIPLE', '403 404 404 404 404'], ['/events/WITHDRAW', '200 404 404 404 404'],
      ['/events/COMMENT', '200 404 404 404 404'],
    ],
  },
  {
    state: 'researchIdea.revising', steps: [...toAgreement, ['manager', 'REQUEST_CHANGES']], routes: [
      ['', '200 200 200 200 404'], ['/idea', '200 403 403 403 404'], ['/events/COMMENT', '200 200 200 200 404'],
    ],
  },
  {
    state: 'managerAgreement', steps: toAgreement, routes: [
      ['', '200 200 200 200 404'], ['/history', '200 200 200 200 404'],
      ['/idea', '403 403 403 403 404'], ['/idea/why-now', '403 403 403 403 404'], ['/idea/check', '403 403 403 403 404'],
      ['/events/AGREE_IN_PRINCIPLE', '403 200 403 403 404'], ['/events/REQUEST_CHANGES', '403 200 403 403 404'],
      ['/events/DECLINE', '403 200 403 403 404'], ['/events/SIGN_OFF', '403 403 403 403 404'],
      ['/events/WITHDRAW', '200 403 403 403 404'], ['/events/COMMENT', '200 200 200 200 404'],
    ],
  },
  {
    state: 'backfillPlan.awaitingManager', steps: toAccept, routes: [
      ['', '200 200 200 200 404'], ['/terms', '200 200 403 403 404'],
      ['/events/ACCEPT_TERMS', '403 200 403 403 404'], ['/events/AGREE_IN_PRINCIPLE', '403 403 403 403 404'],
      ['/agenda', '200 200 200 200 404'], ['/agenda/propose', '200 200 403 403 404'], ['/agenda/people', '200 200 200 200 404'],
    ],
  },
  {
    state: 'rdSignOff', steps: toSignOff, routes: [
      ['', '200 200 200 200 404'], ['/terms', '403 403 403 403 404'],
      ['/events/SIGN_OFF', '403 403 200 403 404'], ['/events/RETURN_FOR_CHANGES', '403 403 200 403 404'],
      ['/events/DECLINE', '403 403 200 403 404'], ['/events/ACCEPT_TERMS', '403 403 403 403 404'],
      ['/agenda', '200 200 200 200 404'], ['/agenda/propose', '403 403 403 403 404'], ['/agenda/respond', '403 403 403 403 404'],
    ],
  },
  {
    state: 'supervisorMeeting.scheduled', steps: toRecord, routes: [
      ['', '200 200 200 200 200'], ['/history', '200 200 200 200 200'], ['/idea', '403 403 403 403 403'],
      ['/events/SCHEDULE_MEETING', '200 200 403 403 403'], ['/events/RECORD_MEETING', '200 200 403 403 200'],
      ['/events/SUBMIT_APPLICATION', '403 403 403 403 403'], ['/events/COMMENT', '200 200 200 200 200'],
    ],
  },
];

describe('who may open a plan', () => {
  let t: TestApp;
  const as = {} as Record<Person, Agent>;
  const request = (path: string, init?: RequestInit) => t.app.request(`${BASE}${path}`, init);

  /** A plan of the trust, taken through these steps by the service. */
  async function planAt(steps: Step[], title = 'Mobilisation after hip fracture'): Promise<string> {
    const { id } = await t.services.plans.create(actorOf(t.world.clinician), { title, managerId: t.world.manager.id });
    for (const [index, [who, type, payload]] of steps.entries()) {
      await t.services.plans.send(id, actorOf(t.world[who]), { type, version: index + 1, payload: payload ?? examples[type](1) });
    }
    return id;
  }
  const versionOf = (id: string) => t.versionOf(id);

  beforeAll(async () => {
    t = await buildTestApp();
    for (const who of [...insiders, ...outsiders]) as[who] = await t.signIn(t.world[who]);
  }, 60_000);
  afterAll(() => t.cleanup());

  describe.each(states)('at $state', ({ state, steps, routes }) => {
    let id: string;
    beforeAll(async () => {
      id = await planAt(steps);
      expect((await t.services.plans.load(id, actorOf(t.world.clinician))).row.state).toBe(state);
    });

    it.each(routes)('GET /plans/:id%s answers each of the plan\'s people as allowed now', async (route, expected) => {
      const statuses = await Promise.all(insiders.map(async (who) => (await as[who].get(`/plans/${id}${route}`)).status));
      expect(Object.fromEntries(insiders.map((who, i) => [who, statuses[i]])))
        .toEqual(Object.fromEntries(insiders.map((who, i) => [who, Number(expected.split(' ')[i])])));
    });

    it('is 404 for people outside the plan on every page and API route', async () => {
      for (const who of outsiders) {
        for (const [route] of routes) expect((await as[who].get(`/plans/${id}${route}`)).status, `${who} ${route}`).toBe(404);
        expect((await as[who].api('GET', `/api/v1/plans/${id}`)).status, who).toBe(404);
        expect((await as[who].api('GET', `/api/v1/plans/${id}/history`)).status, who).toBe(404);
        const comment = await as[who].api('POST', `/api/v1/plans/${id}/events`, { type: 'COMMENT', version: steps.length + 1, text: 'Hello' });
        expect(comment.status, who).toBe(404);
      }
      expect(await versionOf(id)).toBe(steps.length + 1);
    });
  });

  it('refuses a form sent by a participant the step is not for (403) and hides the plan from outsiders (404), changing nothing', async () => {
    const id = await planAt(toSignOff);
    const at = toSignOff.length + 1;
    const form = { budgetHolder: 'nhs-trust', capacityConfirmed: 'yes', conditions: '', version: String(at) };
    for (const who of ['clinician', 'manager', 'admin'] as const) expect((await as[who].post(`/plans/${id}/events/SIGN_OFF`, form)).status, who).toBe(403);
    expect((await as.manager.api('POST', `/api/v1/plans/${id}/events`, { type: 'SIGN_OFF', version: at, ...examples.SIGN_OFF(1) })).status).toBe(403);
    for (const who of outsiders) expect((await as[who].post(`/plans/${id}/events/SIGN_OFF`, form)).status, who).toBe(404);
    expect((await as.outsiderRdLead.api('POST', `/api/v1/plans/${id}/events`, { type: 'SIGN_OFF', version: at, ...examples.SIGN_OFF(1) })).status).toBe(404);
    expect(await versionOf(id)).toBe(at);
    const signed = await as.rdLead.post(`/plans/${id}/events/SIGN_OFF`, form);
    expect(signed.status).toBe(303);
    expect(await versionOf(id)).toBe(at + 1);
  });

  it('answers an invisible plan exactly as a plan that does not exist', async () => {
    const id = await planAt([]);
    const [hidden, missing] = await Promise.all([as.outsiderRdLead.get(`/plans/${id}`), as.outsiderRdLead.get('/plans/no-such-plan')]);
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(await hidden.text()).toBe(await missing.text());
    const [apiHidden, apiMissing] = await Promise.all([as.otherClinician.api('GET', `/api/v1/plans/${id}`), as.otherClinician.api('GET', '/api/v1/plans/no-such-plan')]);
    expect(await apiHidden.json()).toEqual(await apiMissing.json());
  });

  it('never lists a plan to people of another trust, on the dashboard at any step or over the API', async () => {
    const ids = await Promise.all([planAt(toAgreement, 'Hidden idea'), planAt(toSignOff, 'Hidden sign-off'), planAt(toRecord, 'Hidden meeting')]);
    for (const who of outsiders) {
      for (const step of ['', 'idea', 'agreement', 'terms', 'signOff', 'meeting', 'application', 'closed']) {
        const page = await (await as[who].get(`/?step=${step}`)).text();
        for (const id of ids) expect(page, `${who} ?step=${step}`).not.toContain(id);
        expect(page).not.toContain('Hidden ');
      }
      const { plans } = await (await as[who].api('GET', '/api/v1/plans?perPage=100')).json() as { plans: unknown[] };
      expect(plans, who).toEqual([]);
    }
    // The trust's own R&D lead does see them, so the plans were there to find.
    const { plans } = await (await as.rdLead.api('GET', '/api/v1/plans?perPage=100')).json() as { plans: Array<{ id: string }> };
    expect(plans.map((p) => p.id)).toEqual(expect.arrayContaining(ids));
  });

  it('lists a plan to its supervisor only once a meeting with them is arranged', async () => {
    const id = await planAt(toSignOff, 'Supervised later');
    const listed = async () => ((await (await as.supervisor.api('GET', '/api/v1/plans?perPage=100')).json()) as { plans: Array<{ id: string }> }).plans.map((p) => p.id);
    expect(await listed()).not.toContain(id);
    expect(await (await as.supervisor.get('/')).text()).not.toContain(id);
    await t.services.plans.send(id, actorOf(t.world.rdLead), { type: 'SIGN_OFF', version: toSignOff.length + 1, payload: examples.SIGN_OFF(1) });
    await t.services.plans.send(id, actorOf(t.world.manager), { type: 'SCHEDULE_MEETING', version: toSignOff.length + 2, payload: examples.SCHEDULE_MEETING(1) });
    expect(await listed()).toContain(id);
    expect(await (await as.supervisor.get('/')).text()).toContain(`href="/plans/${id}"`);
  });

  describe('starting a plan', () => {
    it('refuses a new plan sent by anyone but a clinician (403), on the form and the API', async () => {
      for (const who of ['manager', 'rdLead', 'admin', 'supervisor'] as const) {
        expect((await as[who].post('/plans', { title: 'Not mine to start', managerId: t.world.manager.id })).status, `${who} POST /plans`).toBe(403);
        expect((await as[who].api('POST', '/api/v1/plans', { title: 'Not mine to start', managerId: t.world.manager.id })).status, `${who} API`).toBe(403);
      }
    });

    it('shows the new-plan form to a clinician only; other roles are refused (403)', async () => {
      expect((await as.clinician.get('/plans/new')).status).toBe(200);
      const statuses = await Promise.all((['manager', 'rdLead', 'admin', 'supervisor'] as const).map(async (who) => [who, (await as[who].get('/plans/new')).status]));
      expect(Object.fromEntries(statuses)).toEqual({ manager: 403, rdLead: 403, admin: 403, supervisor: 403 });
    });

    it('lists only the managers of the caller\'s own organisation over the API', async () => {
      const names = async (who: Person) =>
        ((await (await as[who].api('GET', '/api/v1/users?role=manager')).json()) as { users: Array<{ name: string }> }).users.map((u) => u.name).sort();
      expect(await names('clinician')).toEqual(['Kim Ford', 'Sam Patel']);
      expect(await names('outsiderRdLead')).toEqual([]);
    });
  });

  describe('when nobody is signed in', () => {
    // '/' itself is the start page for visitors (test/http/service-pages.test.ts); every other page asks them to sign in.
    const pages = (id: string) => ['/plans/new', `/plans/${id}`, `/plans/${id}/history`, `/plans/${id}/idea`, `/plans/${id}/idea/about`,
      `/plans/${id}/idea/check`, `/plans/${id}/terms`, `/plans/${id}/events/COMMENT`];

    it('sends every page to sign in (303) with the page to come back to', async () => {
      const id = await planAt([]);
      for (const path of pages(id)) {
        const res = await request(path);
        expect(res.status, path).toBe(303);
        expect(res.headers.get('location'), path).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      }
      const start = await request('/');
      expect(start.status).toBe(200);
      expect(await start.text()).toContain('href="/sign-in"');
    });

    it('answers a form posted with a valid visitor token with the sign-in page, keeping what was typed and changing nothing', async () => {
      const id = await planAt([]);
      const signIn = await request('/sign-in');
      const visitor = /plans_visitor_csrf=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')![1]!;
      const res = await request(`/plans/${id}/events/COMMENT`, {
        method: 'POST', headers: { cookie: `plans_visitor_csrf=${visitor}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: visitor, text: 'Anonymous', version: '1' }),
      });
      expect(res.status).toBe(401);
      const page = await res.text();
      expect(page).toContain('<h1>Sign in</h1>');
      expect(page).toContain('name="carriedTo" value="/plans/');
      expect(page).toContain('Anonymous');
      expect(await versionOf(id)).toBe(1);
    });

    it.each([
      ['GET', '/api/v1/me'], ['GET', '/api/v1/users?role=manager'], ['GET', '/api/v1/plans'], ['GET', '/api/v1/plans/ID'],
      ['GET', '/api/v1/plans/ID/history'], ['POST', '/api/v1/plans'], ['POST', '/api/v1/plans/ID/events'], ['DELETE', '/api/v1/session'],
    ])('answers %s %s with 401 problem+json', async (method, path) => {
      const id = await planAt([]);
      const body = method === 'POST' ? JSON.stringify({ type: 'COMMENT', version: 1, text: 'Hi', title: 'T', managerId: t.world.manager.id }) : undefined;
      const res = await request(path.replace('ID', id), { method, headers: { 'content-type': 'application/json' }, ...(body ? { body } : {}) });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 401 });
      expect(await versionOf(id)).toBe(1);
    });
  });
});
