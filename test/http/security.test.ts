import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserEventType } from '../../src/domain/events.js';
import { BASE, buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { agendaSteps, examples, idea, terms } from '../support/examples.js';
import { actorOf, PASSWORD, type World } from '../support/world.js';

// The security model (DESIGN section 7) seen from outside: forged requests
// change nothing, typed text never becomes markup, and every page carries the
// headers and cookie flags that keep it from being framed, sniffed or stolen.

type Person = Exclude<keyof World, 'trust' | 'university' | 'otherTrust'>;
type Step = [Person, UserEventType, object?];

const SCRIPT = '<script>alert("x")</script>';
const IMG = '"><img src=x onerror=alert(1)>';
/** Script-like text, labelled so each field can be found on the page. */
const evil = (label: string) => `${label}: ${SCRIPT} ${IMG}`;
/** What Handlebars makes of text. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
const html = (text: string) => text.replace(/[&<>"'`=]/g, (ch) => ESCAPES[ch]!);

function expectNoMarkup(body: string, where: string) {
  expect(body, where).not.toContain('<script>alert');
  expect(body, where).not.toContain('<img src=x');
}

const evilIdea = {
  ...idea, scheme: evil('scheme'), whyNow: evil('whyNow'), researchIdeas: evil('researchIdeas'), researchQuestion: evil('researchQuestion'),
  serviceRelevance: evil('serviceRelevance'), careerGoal: evil('careerGoal'),
  collaborators: [{ name: evil('collaborator'), organisation: evil('collaborator organisation'), email: 'mentor@northshire.ac.uk', kind: 'mentor' }],
};
const evilTerms = {
  ...terms, backfillDetail: evil('backfillDetail'), coverTrainingPlan: evil('coverTrainingPlan'), clinicalFocus: evil('clinicalFocus'),
  skillsMaintenance: evil('skillsMaintenance'), comment: evil('terms comment'),
};
// An email with no account, so the plan keeps the name as typed (an account's own name would replace it).
const evilMeeting = { ...examples.SCHEDULE_MEETING(1), supervisorEmail: 'visiting.supervisor@example.ac.uk', supervisorName: evil('supervisor'), supervisorOrganisation: evil('university'), location: evil('location') };
const evilAgreement = { opportunityNotes: evil('opportunity'), peopleNotes: evil('people'), midTermPlan: evil('midTerm'), longTermPlan: evil('longTerm') };

const toAgreement: Step[] = [['clinician', 'UPDATE_IDEA', evilIdea], ['clinician', 'SUBMIT_FOR_AGREEMENT']];
/** The agenda agreed, each point the clinician proposes carrying script-like text. */
const evilAgenda: Step[] = agendaSteps.map(([who, type, payload]) => [who, type,
  type === 'PROPOSE_POINT' ? { ...payload, position: evil(`point ${(payload as { point: string }).point}`) } : payload]);
const toTerms: Step[] = [...toAgreement, ['manager', 'AGREE_IN_PRINCIPLE', evilAgreement], ...evilAgenda, ['clinician', 'PROPOSE_TERMS', evilTerms]];
const toMeeting: Step[] = [
  ...toTerms, ['manager', 'ACCEPT_TERMS'], ['rdLead', 'RETURN_FOR_CHANGES', { comment: evil('returned') }],
  ['manager', 'PROPOSE_TERMS', { ...terms, comment: evil('counter') }], ['clinician', 'ACCEPT_TERMS', { termsVersion: 2 }],
  ['rdLead', 'SIGN_OFF', { budgetHolder: 'university', capacityConfirmed: true, conditions: evil('conditions') }],
  ['manager', 'SCHEDULE_MEETING', evilMeeting], ['rdLead', 'COMMENT', { text: evil('comment') }],
];
const ideaFieldLabels = ['scheme', 'whyNow', 'researchIdeas', 'researchQuestion', 'serviceRelevance', 'careerGoal', 'collaborator', 'collaborator organisation'];

/** Each stage: how the plan got there, what its plan page and history must show (escaped), and its form pages. */
const stages: Array<{ name: string; steps: Step[]; plan: string[]; history: string[]; forms: Array<[Person, string, string[]]> }> = [
  {
    name: 'an idea sent back for changes',
    steps: [...toAgreement, ['manager', 'REQUEST_CHANGES', { comment: evil('changes') }], ['manager', 'COMMENT', { text: evil('comment') }]],
    plan: [...ideaFieldLabels, 'changes', 'comment'], history: ['changes', 'comment'],
    forms: [
      ['clinician', 'idea', ['title', 'changes']], ['clinician', 'idea/about', ['title', 'scheme']], ['clinician', 'idea/why-now', ['whyNow', 'careerGoal']],
      ['clinician', 'idea/research', ['researchIdeas', 'researchQuestion']], ['clinician', 'idea/people', ['collaborator', 'collaborator organisation']],
      ['clinician', 'idea/check', ['title', ...ideaFieldLabels]], ['manager', 'events/COMMENT', ['title']],
    ],
  },
  {
    name: 'terms waiting for the manager', steps: toTerms,
    plan: ['opportunity', 'people', 'midTerm', 'longTerm', 'backfillDetail', 'coverTrainingPlan', 'clinicalFocus', 'skillsMaintenance', 'terms comment'],
    history: ['terms comment'],
    forms: [
      ['manager', 'terms', ['title', 'backfillDetail', 'clinicalFocus']], ['manager', 'events/ACCEPT_TERMS', ['title', 'backfillDetail', 'terms comment']],
      ['clinician', 'events/WITHDRAW', ['title']], ['manager', 'agenda/teamDevelopment', ['title', 'point teamDevelopment']],
      ['clinician', 'agenda/propose', ['title', 'opportunity', 'point support']], ['clinician', 'agenda', ['title']],
    ],
  },
  {
    name: 'a supervisor meeting arranged', steps: toMeeting,
    plan: ['counter', 'conditions', 'supervisor', 'university', 'location', 'comment'], history: ['returned', 'counter', 'comment'],
    forms: [
      ['clinician', 'events/SCHEDULE_MEETING', ['title', 'location', 'supervisor']], ['manager', 'events/RECORD_MEETING', ['title', 'researchQuestion']],
      ['rdLead', 'events/COMMENT', ['title']],
    ],
  },
  {
    name: 'a declined plan', steps: [...toAgreement, ['manager', 'DECLINE', { reason: evil('declined') }]],
    plan: ['declined'], history: ['declined'], forms: [['clinician', 'events/REOPEN', ['title', 'declined']]],
  },
  { name: 'a withdrawn plan', steps: [...toAgreement, ['clinician', 'WITHDRAW', { reason: evil('withdrawn') }]], plan: ['withdrawn'], history: ['withdrawn'], forms: [] },
];

describe('security', () => {
  let t: TestApp;
  const as = {} as Record<Person, Agent>;
  const request = (path: string, init?: RequestInit) => t.app.request(`${BASE}${path}`, init);

  async function planAt(steps: Step[], title = 'Mobilisation after hip fracture'): Promise<string> {
    const { id } = await t.services.plans.create(actorOf(t.world.clinician), { title, managerId: t.world.manager.id });
    for (const [index, [who, type, payload]] of steps.entries()) {
      await t.services.plans.send(id, actorOf(t.world[who]), { type, version: index + 1, payload: payload ?? examples[type](1) });
    }
    return id;
  }

  /** The plan's version, how many audit events it has and how many plans there are: what a forged request must not change. */
  async function footprint(id: string) {
    const { kysely } = t.services.db;
    const { version } = await kysely.selectFrom('plans').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    const events = await kysely.selectFrom('plan_events').select((eb) => eb.fn.countAll().as('n')).where('plan_id', '=', id).executeTakeFirstOrThrow();
    const plans = await kysely.selectFrom('plans').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { version: Number(version), events: Number(events.n), plans: Number(plans.n) };
  }

  /** A fresh sign-in page: the visitor cookie and the token in its form. */
  async function visitor(base = BASE) {
    const page = await t.app.request(`${base}/sign-in`);
    const cookie = /plans_visitor_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]!;
    return { cookie, token: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!, setCookie: page.headers.get('set-cookie') ?? '' };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    for (const who of ['clinician', 'manager', 'rdLead', 'supervisor'] as const) as[who] = await t.signIn(t.world[who]);
  });
  afterAll(() => t.cleanup());

  describe('forged requests', () => {
    const forgeries: Array<[string, (own: string, other: string) => { token?: string; headers?: Record<string, string> }]> = [
      ['without a token', () => ({})],
      ['with an empty token', () => ({ token: '' })],
      ['with a wrong token', (own) => ({ token: `${own.slice(0, -1)}${own.endsWith('A') ? 'B' : 'A'}` })],
      ["with another person's token", (_own, other) => ({ token: other })],
      ['from another origin (Origin: https://evil.example)', (own) => ({ token: own, headers: { origin: 'https://evil.example' } })],
      ['from a cross-site page (Sec-Fetch-Site: cross-site)', (own) => ({ token: own, headers: { 'sec-fetch-site': 'cross-site' } })],
      ['from an opaque origin (Origin: null)', (own) => ({ token: own, headers: { origin: 'null' } })],
    ];

    it.each(forgeries)('refuses every form %s (403) and changes nothing', async (_name, forge) => {
      const id = await planAt([]);
      const before = await footprint(id);
      const { token, headers = {} } = forge(as.clinician.csrfToken, as.manager.csrfToken);
      const forms: Array<[string, Record<string, string>]> = [
        [`/plans/${id}/events/COMMENT`, { text: 'Forged comment', version: '1' }], [`/plans/${id}/idea/about`, { title: 'Forged title', version: '1' }],
        [`/plans/${id}/events/WITHDRAW`, { reason: 'Forged', version: '1' }], ['/plans', { title: 'Forged plan', managerId: t.world.manager.id }],
      ];
      for (const [path, form] of forms) {
        const res = await request(path, {
          method: 'POST', headers: { cookie: `plans_session=${as.clinician.cookie}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams({ ...form, ...(token === undefined ? {} : { _csrf: token }) }),
        });
        expect(res.status, path).toBe(403);
        expect(await res.text()).toContain('Your form could not be sent');
      }
      expect(await footprint(id)).toEqual(before);
    });

    it.each(forgeries)('refuses an API call %s (403 problem+json) and changes nothing', async (_name, forge) => {
      const id = await planAt([]);
      const before = await footprint(id);
      const { token, headers = {} } = forge(as.clinician.csrfToken, as.manager.csrfToken);
      const calls: Array<[string, string, object?]> = [
        ['POST', `/api/v1/plans/${id}/events`, { type: 'COMMENT', version: 1, text: 'Forged' }],
        ['POST', '/api/v1/plans', { title: 'Forged plan', managerId: t.world.manager.id }], ['DELETE', '/api/v1/session'],
      ];
      for (const [method, path, body] of calls) {
        const res = await request(path, {
          method, headers: { cookie: `plans_session=${as.clinician.cookie}`, 'content-type': 'application/json', ...(token === undefined ? {} : { 'x-csrf-token': token }), ...headers },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
      expect(await footprint(id)).toEqual(before);
      expect((await as.clinician.api('GET', '/api/v1/me')).status).toBe(200);
    });

    it('accepts the same form from this site with the right token, so the refusals are about the forgery', async () => {
      const id = await planAt([]);
      const res = await request(`/plans/${id}/events/COMMENT`, {
        method: 'POST',
        headers: { cookie: `plans_session=${as.clinician.cookie}`, 'content-type': 'application/x-www-form-urlencoded', origin: BASE, 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ _csrf: as.clinician.csrfToken, text: 'A real comment', version: '1' }),
      });
      expect(res.status).toBe(303);
      expect(await footprint(id)).toMatchObject({ version: 2, events: 2 });
    });

    it('keeps a person signed in when sign-out is forged', async () => {
      const res = await request('/sign-out', { method: 'POST', headers: { cookie: `plans_session=${as.manager.cookie}`, origin: 'https://evil.example' } });
      expect(res.status).toBe(403);
      expect((await as.manager.get('/')).status).toBe(200);
    });

    it.each([
      ['without its visitor token or cookie', () => ({ cookie: '', token: '' })],
      ['with the cookie but no token', (v: { cookie: string }) => ({ cookie: v.cookie, token: '' })],
      ['with a token but no cookie', (v: { token: string }) => ({ cookie: '', token: v.token })],
      ["with another visitor's cookie", (v: { token: string }, other: { cookie: string }) => ({ cookie: other.cookie, token: v.token })],
      ['from another origin', (v: { cookie: string; token: string }) => ({ ...v, origin: 'https://evil.example' })],
    ] as const)('refuses the sign-in form %s (403) and starts no session', async (_name, forge) => {
      const forged = forge(await visitor(), await visitor()) as { cookie: string; token: string; origin?: string };
      const res = await request('/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(forged.cookie ? { cookie: `plans_visitor_csrf=${forged.cookie}` } : {}), ...(forged.origin ? { origin: forged.origin } : {}) },
        body: new URLSearchParams({ email: t.world.rdLead.email, password: PASSWORD, next: '/', ...(forged.token ? { _csrf: forged.token } : {}) }),
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie') ?? '').not.toContain('plans_session=');
    });
  });

  describe('script-like text', () => {
    it.each(stages)('comes back escaped on every page of $name', async ({ steps, plan, history, forms }) => {
      const id = await planAt(steps, evil('title'));
      // The supervisor in these stages has no account (so the plan keeps the name as typed), and sees none of them.
      const viewers: Person[] = ['clinician', 'manager', 'rdLead'];
      const get = async (who: Person, path: string) => {
        const res = await as[who].get(path);
        expect(res.status, `${who} ${path}`).toBe(200);
        const body = await res.text();
        expectNoMarkup(body, `${who} ${path}`);
        return body;
      };
      const open = async (who: Person, path: string, labels: string[]) => {
        const body = await get(who, path);
        for (const label of labels) expect(body, `${who} ${path} shows ${label}`).toContain(html(evil(label)));
      };
      for (const who of viewers) {
        // The plan page keeps what is current; each step's answers are on the step's own page, linked from it.
        const page = await get(who, `/plans/${id}`);
        expect(page, `${who} /plans/${id} shows the title`).toContain(html(evil('title')));
        const steps = [...page.matchAll(/href="(\/plans\/[^"]+\/steps\/[a-zA-Z]+)"/g)].map((m) => m[1]!);
        const all = [page, ...await Promise.all(steps.map((path) => get(who, path)))].join('');
        for (const label of plan) expect(all, `${who}'s plan and step pages show ${label}`).toContain(html(evil(label)));
        await open(who, `/plans/${id}/history`, ['title', ...history]);
      }
      for (const [who, path, labels] of forms) await open(who, `/plans/${id}/${path}`, labels);
    });

    it('comes back escaped on the dashboards of the clinician, manager and R&D lead', async () => {
      await planAt(toAgreement, evil('title'));
      await planAt([...toTerms, ['manager', 'ACCEPT_TERMS']], evil('title'));
      for (const who of ['clinician', 'manager', 'rdLead'] as const) {
        const body = await (await as[who].get('/')).text();
        expectNoMarkup(body, who);
        const waiting = body.slice(body.indexOf('Waiting for you'), body.indexOf('<table'));
        expect(waiting, `${who}'s waiting list`).toContain(html(evil('title')));
      }
    });

    it('comes back escaped when a form is shown again with what was typed', async () => {
      const id = await planAt([]);
      const pages = [
        await as.clinician.post('/plans', { title: evil('title'), managerId: '' }),
        await as.clinician.post(`/plans/${id}/idea/about`, { title: evil('title'), scheme: 'x'.repeat(300), version: '1' }),
        await as.clinician.post(`/plans/${id}/events/COMMENT`, { text: `${evil('title')}${'x'.repeat(5000)}`, version: '1' }),
      ];
      for (const res of pages) {
        expect(res.status).toBe(422);
        const body = await res.text();
        expectNoMarkup(body, res.url);
        expect(body).toContain(html(evil('title')));
      }
      const { cookie, token } = await visitor();
      const signIn = await request(`/sign-in?next=${encodeURIComponent(`/${IMG}`)}`, { headers: { cookie: `plans_visitor_csrf=${cookie}` } });
      expectNoMarkup(await signIn.text(), 'sign-in next');
      const wrong = await request('/sign-in', {
        method: 'POST', headers: { cookie: `plans_visitor_csrf=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, email: `${SCRIPT}${IMG}@example.nhs.uk`, password: 'wrong', next: `/${IMG}` }),
      });
      expect(wrong.status).toBe(401);
      expectNoMarkup(await wrong.text(), 'sign-in error');
    });
  });

  describe('headers and cookies', () => {
    it.each([
      ['the sign-in page', null, '/sign-in'], ['the dashboard', 'clinician', '/'], ['a plan page', 'clinician', '/plans/ID'],
      ['a form page', 'clinician', '/plans/ID/events/COMMENT'], ['a refused form page (403)', 'manager', '/plans/ID/idea'],
      ['the page-not-found page', null, '/no-such-page'], ['the API', 'clinician', '/api/v1/me'],
    ] as const)('%s forbids inline script and framing, and sniffing', async (_name, who, path) => {
      const id = await planAt([]);
      const url = path.replace('ID', id);
      const res = who ? await as[who].get(url) : await request(url);
      const csp: Record<string, string[]> = Object.fromEntries((res.headers.get('content-security-policy') ?? '').split(';')
        .map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
      const scripts = csp['script-src'] ?? csp['default-src'];
      expect(scripts).toBeDefined();
      expect(scripts!.filter((source) => /unsafe-(inline|eval)/.test(source))).toEqual([]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect([res.headers.get('x-content-type-options'), res.headers.get('x-frame-options')]).toEqual(['nosniff', 'DENY']);
      expect(await res.text(), 'every script is a file').not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    });

    it.each([['http', false], ['https', true]] as const)('sets the session cookie HttpOnly and SameSite=Lax over %s (Secure: %s)', async (scheme, secure) => {
      const base = `${scheme}://localhost`;
      const { cookie, token, setCookie } = await visitor(base);
      const res = await t.app.request(`${base}/sign-in`, {
        method: 'POST', headers: { cookie: `plans_visitor_csrf=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, email: t.world.admin.email, password: PASSWORD, next: '/' }),
      });
      expect(res.status).toBe(303);
      const api = await t.app.request(`${base}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: t.world.admin.email, password: PASSWORD }),
      });
      for (const cookies of [res.headers.getSetCookie(), api.headers.getSetCookie()]) {
        const session = cookies.find((c) => c.startsWith('plans_session='))!;
        expect(session).toBeDefined();
        const flags = session.split(';').map((f) => f.trim().toLowerCase());
        expect(flags).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
        expect(flags.includes('secure')).toBe(secure);
      }
      expect(setCookie.toLowerCase()).toContain('httponly');
      expect(setCookie.toLowerCase().split(';').map((f) => f.trim()).includes('secure')).toBe(secure);
    });
  });
});
