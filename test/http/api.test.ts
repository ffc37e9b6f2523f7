import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { User } from '../../src/accounts/accounts.repository.js';
import { historyResponseSchema, planResponseSchema, shapeOf, plansResponseSchema, sessionResponseSchema } from '../../src/domain/api.js';
import { eventSchemas, userEventTypes } from '../../src/domain/events.js';
import { BASE, buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { agendaSteps, counterTerms, examples, idea, pointProposals, terms } from '../support/examples.js';
import { PASSWORD } from '../support/world.js';

// The JSON API v1 (DESIGN section 5), driven as an integrator would drive it:
// sign in over the API, read a plan, send events with the version read, and
// get problem+json back when something is wrong.

type Body = Record<string, any>;

interface Client {
  user: User;
  cookie: string;
  csrfToken: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

const PROBLEM = /^application\/problem\+json/;

async function problemOf(res: Response, status: number): Promise<Body> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(PROBLEM);
  const body = await res.json() as Body;
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  return body;
}

async function ok<T = Body>(res: Response, status = 200): Promise<T> {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  return await res.json() as T;
}

describe.each(databaseKinds)('the JSON API on %s', (kind) => {
  let t: TestApp;
  let clinician: Client, manager: Client, rdLead: Client, supervisor: Client;
  let otherClinician: Client, otherManager: Client, outsiderRdLead: Client, admin: Client;

  const request = async (method: string, path: string, init: RequestInit = {}) => t.app.request(`${BASE}${path}`, { method, ...init });

  /** Sign in over the API, as an integrating system would. */
  async function signIn(user: User): Promise<Client> {
    const res = await request('POST', '/api/v1/session', {
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    const { csrfToken } = sessionResponseSchema.parse(await ok(res));
    const cookie = /plans_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
    return {
      user, cookie, csrfToken,
      call: (method, path, body, headers = {}) => request(method, path, {
        headers: {
          cookie: `plans_session=${cookie}`, 'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    };
  }

  const getPlan = async (who: Client, id: string) => planResponseSchema.parse(await ok(await who.call('GET', `/api/v1/plans/${id}`)));
  const send = (who: Client, id: string, type: string, version: number, fields: object = {}) =>
    who.call('POST', `/api/v1/plans/${id}/events`, { type, version, ...fields });
  const sent = async (who: Client, id: string, type: string, version: number, fields: object = {}) =>
    ok<{ state: string; version: number }>(await send(who, id, type, version, fields));

  async function startPlan(title = 'Early mobilisation after hip fracture') {
    return ok<{ id: string; state: string; version: number }>(
      await clinician.call('POST', '/api/v1/plans', { title, managerId: manager.user.id }), 201);
  }

  /** A plan waiting for the manager's agreement, at version 3. */
  async function planAtManagerAgreement() {
    const { id } = await startPlan();
    await sent(clinician, id, 'UPDATE_IDEA', 1, idea);
    await sent(clinician, id, 'SUBMIT_FOR_AGREEMENT', 2);
    return id;
  }

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const { world } = t;
    const people = [world.clinician, world.manager, world.rdLead, world.supervisor, world.otherClinician, world.otherManager, world.outsiderRdLead, world.admin];
    [clinician, manager, rdLead, supervisor, otherClinician, otherManager, outsiderRdLead, admin] =
      await Promise.all(people.map(signIn)) as [Client, Client, Client, Client, Client, Client, Client, Client];
  }, 60_000);
  afterAll(() => t.cleanup());

  describe('a plan from idea to award, by four people', () => {
    let id: string;
    let version: number;
    let signatures = 0;
    const act = async (who: Client, type: string, fields: object = {}) => {
      const result = await sent(who, id, type, version, fields);
      expect(result.version).toBe(version + 1);
      version = result.version;
      return result.state;
    };

    it('the clinician finds their manager and starts a plan at version 1', async () => {
      const { users } = await ok(await clinician.call('GET', '/api/v1/users?role=manager'));
      expect(users).toEqual([t.world.otherManager, t.world.manager].map(({ id, name, email, role }) => ({ id, name, email, role })));
      const res = await clinician.call('POST', '/api/v1/plans', { title: 'Early mobilisation after hip fracture', managerId: manager.user.id });
      const created = await ok(res, 201);
      expect(created).toEqual({ id: expect.any(String), state: 'researchIdea.drafting', version: 1 });
      expect(res.headers.get('location')).toBe(`/api/v1/plans/${created.id}`);
      ({ id, version } = created);
      const plan = await getPlan(clinician, id);
      expect(plan).toMatchObject({ id, title: 'Early mobilisation after hip fracture', state: 'researchIdea.drafting', version: 1 });
      expect(plan.data).toMatchObject({ idea: null, agreement: null, terms: null, signOff: null, meeting: null, application: null, comments: [] });
      expect(plan.availableEvents).toEqual(['UPDATE_IDEA', 'SUBMIT_FOR_AGREEMENT', 'WITHDRAW', 'COMMENT']);
      // Until it is first sent, the plan is the clinician's private draft: hidden, and unlisted, for everyone else.
      await problemOf(await manager.call('GET', `/api/v1/plans/${id}`), 404);
      expect((await ok(await manager.call('GET', '/api/v1/plans'))).plans.map((p: Body) => p.id)).not.toContain(id);
    });

    it('the clinician saves part of the idea, cannot submit it yet, then completes and submits it', async () => {
      expect(await act(clinician, 'UPDATE_IDEA', { profession: 'nurse', whyNow: 'My service has a gap in falls research.' })).toBe('researchIdea.drafting');
      const refused = await problemOf(await send(clinician, id, 'SUBMIT_FOR_AGREEMENT', version), 422);
      expect(refused.errors.map((e: Body) => e.path)).toEqual(['opportunityLevel', 'researchIdeas', 'serviceRelevance', 'careerGoal']);
      expect(refused.errors[0].message).toBe('Select the level of opportunity');
      await act(clinician, 'UPDATE_IDEA', idea);
      expect(await act(clinician, 'SUBMIT_FOR_AGREEMENT')).toBe('managerAgreement');
      expect((await getPlan(clinician, id)).data.idea).toMatchObject({ profession: 'allied-health-professional', whyNow: idea.whyNow });
    });

    it('the manager asks for changes; the clinician revises and resubmits; the manager agrees', async () => {
      expect((await getPlan(manager, id)).availableEvents).toEqual(['AGREE_IN_PRINCIPLE', 'REQUEST_CHANGES', 'DECLINE', 'COMMENT']);
      await problemOf(await send(clinician, id, 'AGREE_IN_PRINCIPLE', version, examples.AGREE_IN_PRINCIPLE(0)), 403);
      expect(await act(manager, 'REQUEST_CHANGES', examples.REQUEST_CHANGES(0))).toBe('researchIdea.revising');
      await act(clinician, 'UPDATE_IDEA', { serviceRelevance: 'Readmissions after hip fracture cost the ward 300 bed days a year.' });
      expect(await act(clinician, 'SUBMIT_FOR_AGREEMENT', { comment: 'Added the bed days.' })).toBe('managerAgreement');
      expect(await act(manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(0))).toBe('backfillPlan.drafting');
      const { data, agenda } = await getPlan(clinician, id);
      expect(data.agreement).toMatchObject({ midTermPlan: examples.AGREE_IN_PRINCIPLE(0).midTermPlan, agreedBy: { userId: manager.user.id, role: 'manager' } });
      expect(data.changeRequests).toMatchObject([{ kind: 'REQUEST_CHANGES', comment: examples.REQUEST_CHANGES(0).comment, by: { role: 'manager' } }]);
      // Each note given became the manager's first proposal of its point; the rest are open, at version 0.
      expect(agenda).toMatchObject({ agreed: 0, total: 9 });
      expect(agenda!.points.filter((p) => p.status === 'proposed').map((p) => [p.key, p.version, p.proposedBy?.role])).toEqual(
        [['opportunity', 1, 'manager'], ['people', 1, 'manager'], ['midTermPlan', 1, 'manager'], ['longTermPlan', 1, 'manager']]);
      expect(agenda!.points.find((p) => p.key === 'support')).toMatchObject({ status: 'open', version: 0, position: null, proposedBy: null });
    });

    it('the points are negotiated one by one; terms cannot be accepted until every point is agreed', async () => {
      await act(clinician, 'PROPOSE_TERMS', terms);
      // A stale version is a conflict before an unmet precondition is named.
      expect((await problemOf(await send(manager, id, 'ACCEPT_TERMS', version - 1, { termsVersion: 1 }), 409)).currentVersion).toBe(version);
      const notAgreed = await problemOf(await send(manager, id, 'ACCEPT_TERMS', version, { termsVersion: 1 }), 422);
      expect(notAgreed.errors.map((e: Body) => e.path)).toEqual([
        'agenda.opportunity', 'agenda.people', 'agenda.careerPlan', 'agenda.midTermPlan', 'agenda.longTermPlan',
        'agenda.teamDevelopment', 'agenda.researchQuestion', 'agenda.support', 'agenda.supervisorEngagement',
      ]);
      await problemOf(await send(manager, id, 'AGREE_POINT', version, { point: 'opportunity', pointVersion: 1 }), 403);
      await problemOf(await send(clinician, id, 'AGREE_POINT', version, { point: 'opportunity', pointVersion: 2 }), 409);
      expect((await problemOf(await send(clinician, id, 'AGREE_POINT', version, { point: 'nope', pointVersion: 1 }), 422)).errors[0].path).toBe('point');
      expect((await problemOf(await send(clinician, id, 'PROPOSE_POINT', version, { point: 'support', position: 'Time.', answers: { ownTimeUnderstood: 'maybe' } }), 422))
        .errors).toEqual([{ path: 'answers.ownTimeUnderstood', message: 'Select yes if you both understand applications are usually written in the applicant’s own time' }]);
      // A disagreement, then a new version the other agrees.
      await act(clinician, 'DISPUTE_POINT', { point: 'people', pointVersion: 1, reason: 'I have not met the mentor yet.' });
      expect((await getPlan(manager, id)).agenda!.points.find((p) => p.key === 'people')).toMatchObject({
        status: 'disputed', dispute: { reason: 'I have not met the mentor yet.', by: { userId: clinician.user.id, role: 'clinician' } },
      });
      // A disputed point is agreed only through a new proposal; the clinician cannot now agree what they disputed.
      await problemOf(await send(clinician, id, 'AGREE_POINT', version, { point: 'people', pointVersion: 1 }), 409);
      await act(manager, 'PROPOSE_POINT', pointProposals.people);
      await act(clinician, 'AGREE_POINT', { point: 'people', pointVersion: 2 });
      for (const [who, type, payload] of agendaSteps.filter(([, , p]) => (p as { point: string }).point !== 'people')) {
        await act(who === 'clinician' ? clinician : manager, type, payload);
      }
      const { agenda } = await getPlan(rdLead, id);
      expect(agenda).toMatchObject({ agreed: 9, total: 9 });
      expect(agenda!.points.find((p) => p.key === 'people')).toMatchObject({ version: 2, agreedBy: { role: 'clinician' }, agreedAt: expect.any(String) });
    });

    it('terms are proposed and counter-proposed; a stale terms version is refused; version 2 is accepted', async () => {
      expect(await act(manager, 'PROPOSE_TERMS', counterTerms)).toBe('backfillPlan.awaitingClinician');
      expect((await getPlan(clinician, id)).availableEvents).toEqual(['PROPOSE_TERMS', 'ACCEPT_TERMS', 'PROPOSE_POINT', 'AGREE_POINT', 'DISPUTE_POINT', 'WITHDRAW', 'COMMENT']);
      expect((await getPlan(manager, id)).availableEvents).toEqual(['PROPOSE_TERMS', 'PROPOSE_POINT', 'AGREE_POINT', 'DISPUTE_POINT', 'COMMENT']);
      const stale = await problemOf(await send(clinician, id, 'ACCEPT_TERMS', version, { termsVersion: 1 }), 409);
      expect(stale.detail).toMatch(/version 2/);
      expect(await act(clinician, 'ACCEPT_TERMS', { termsVersion: 2 })).toBe('rdSignOff');
      const { data } = await getPlan(rdLead, id);
      expect(data.terms).toMatchObject({
        termsVersion: 2, proposedBy: { userId: manager.user.id, role: 'manager' }, academicPercent: 50, comment: counterTerms.comment,
        acceptedBy: { userId: clinician.user.id, role: 'clinician' },
      });
      expect(data.terms!.versions.map((v) => [v.termsVersion, v.proposedBy.role, v.academicPercent])).toEqual([[1, 'clinician', 60], [2, 'manager', 50]]);
    });

    it('R&D returns the plan; new terms are agreed; R&D signs off', async () => {
      // Handing the plan to another manager is R&D's housekeeping, open beside the decision; nothing is issued to reissue yet.
      expect((await getPlan(rdLead, id)).availableEvents).toEqual(['DECLINE', 'SIGN_OFF', 'RETURN_FOR_CHANGES', 'COMMENT', 'REASSIGN']);
      await act(rdLead, 'COMMENT', { text: 'Costs look close; one question first.' });
      expect(await act(rdLead, 'RETURN_FOR_CHANGES', examples.RETURN_FOR_CHANGES(0))).toBe('backfillPlan.drafting');
      expect((await getPlan(rdLead, id)).data.terms).toMatchObject({ termsVersion: 2, acceptedBy: null, acceptedAt: null });
      await act(manager, 'PROPOSE_TERMS', { ...terms, estimatedBackfillCostPerYear: 34000 });
      expect(await act(clinician, 'ACCEPT_TERMS', { termsVersion: 3 })).toBe('rdSignOff');
      expect(await act(rdLead, 'SIGN_OFF', examples.SIGN_OFF(0))).toBe('supervisorMeeting.toSchedule');
      const { data } = await getPlan(clinician, id);
      expect(data.signOff).toMatchObject({ budgetHolder: 'nhs-trust', capacityConfirmed: true, signedOffBy: { role: 'rdLead' } });
      expect(data.comments).toMatchObject([{ text: 'Costs look close; one question first.', by: { userId: rdLead.user.id, role: 'rdLead' } }]);
    });

    it('the supervisor cannot see the plan until a meeting is arranged with them, then records it', async () => {
      await problemOf(await supervisor.call('GET', `/api/v1/plans/${id}`), 404);
      expect((await ok(await supervisor.call('GET', '/api/v1/plans'))).plans).toEqual([]);
      const past = await problemOf(await send(clinician, id, 'SCHEDULE_MEETING', version, { ...examples.SCHEDULE_MEETING(0), startsAt: '2026-11-30T10:00:00+00:00' }), 422);
      expect(past.errors).toEqual([{ path: 'startsAt', message: 'The meeting must be in the future' }]);
      expect(await act(clinician, 'SCHEDULE_MEETING', { ...examples.SCHEDULE_MEETING(0), supervisorEmail: supervisor.user.email })).toBe('supervisorMeeting.scheduled');
      const seen = await getPlan(supervisor, id);
      expect(seen.availableEvents).toEqual(['RECORD_MEETING', 'COMMENT']);
      expect(seen.data.meeting).toMatchObject({ supervisorEmail: supervisor.user.email, supervisorUserId: supervisor.user.id, record: null });
      expect((await ok(await supervisor.call('GET', '/api/v1/plans'))).plans).toMatchObject([{ id, state: 'supervisorMeeting.scheduled', awaitingRole: 'supervisor' }]);
      expect(await act(supervisor, 'RECORD_MEETING', examples.RECORD_MEETING(0))).toBe('application.preparing');
      expect((await getPlan(clinician, id)).data.meeting!.record).toMatchObject({ actions: examples.RECORD_MEETING(0).actions, recordedBy: { role: 'supervisor' } });
    });

    it('the application waits for every signature; each signatory authorises what they read over the API', async () => {
      const waiting = await problemOf(await send(clinician, id, 'SUBMIT_APPLICATION', version, examples.SUBMIT_APPLICATION(0)), 422);
      expect(waiting.errors.map((e: Body) => e.path)).toEqual(expect.arrayContaining(['documents.training-agreement', 'documents.meeting-record', 'documents.letter-of-support', 'documents.supervisor-letter']));
      for (const who of [clinician, manager, rdLead, supervisor]) {
        const { documents } = await ok<{ documents: Body[] }>(await who.call('GET', `/api/v1/plans/${id}/documents`));
        for (const document of documents.filter((d) => d.current)) {
          if (!document.signatories.some((s: Body) => s.userId === who.user.id && !s.authorisedAt)) continue;
          await ok(await who.call('POST', `/api/v1/plans/${id}/documents/${document.id}/authorisations`, { sha256: document.sha256 }), 201);
          signatures += 1;
        }
      }
      const { documents } = await ok<{ documents: Body[] }>(await clinician.call('GET', `/api/v1/plans/${id}/documents`));
      expect(documents.filter((d) => d.current).flatMap((d) => d.signatories).every((s: Body) => s.authorisedAt)).toBe(true);
      version = (await getPlan(clinician, id)).version;
    });

    it('the clinician submits the application and records the award; the award is set up, started and completed', async () => {
      expect(await act(clinician, 'SUBMIT_APPLICATION', examples.SUBMIT_APPLICATION(0))).toBe('application.submitted');
      expect(await act(clinician, 'RECORD_OUTCOME', examples.RECORD_OUTCOME(0))).toBe('awarded.settingUp');
      const { data } = await getPlan(clinician, id);
      expect(data.application).toMatchObject({ reference: 'NIHR-DCAF-12-0042', outcome: { outcome: 'awarded', awardStart: '2027-10-01' } });
      expect(data.application!.attempts).toHaveLength(1);
      await problemOf(await send(clinician, id, 'START_TRAINING', version, examples.START_TRAINING(0)), 422);
      for (const condition of data.award!.conditions) {
        const owner = { clinician, manager, rdLead }[condition.owner as 'clinician' | 'manager' | 'rdLead'];
        await act(owner, 'CONFIRM_CONDITION', { condition: condition.key });
      }
      expect(await act(manager, 'START_TRAINING', examples.START_TRAINING(0))).toBe('awarded.inTraining');
      expect(await act(clinician, 'COMPLETE_AWARD', examples.COMPLETE_AWARD(0))).toBe('completed');
      for (const who of [clinician, manager, rdLead, supervisor]) {
        expect(await getPlan(who, id)).toMatchObject({ state: 'completed', version, availableEvents: [] });
      }
      await problemOf(await send(clinician, id, 'COMMENT', version, { text: 'Thank you all.' }), 403);
    });

    it('the history tells the whole story in order, to every participant', async () => {
      const { events } = historyResponseSchema.parse(await ok(await supervisor.call('GET', `/api/v1/plans/${id}/history`)));
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
      expect(events.map((e) => e.type)).toEqual([
        'PLAN_CREATED', 'UPDATE_IDEA', 'UPDATE_IDEA', 'SUBMIT_FOR_AGREEMENT', 'REQUEST_CHANGES', 'UPDATE_IDEA', 'SUBMIT_FOR_AGREEMENT',
        'AGREE_IN_PRINCIPLE', 'PROPOSE_TERMS', 'DISPUTE_POINT', 'PROPOSE_POINT', 'AGREE_POINT',
        ...agendaSteps.filter(([, , p]) => (p as { point: string }).point !== 'people').map(([, type]) => type),
        'PROPOSE_TERMS', 'ACCEPT_TERMS', 'COMMENT', 'RETURN_FOR_CHANGES', 'PROPOSE_TERMS',
        'ACCEPT_TERMS', 'SIGN_OFF', 'SCHEDULE_MEETING', 'RECORD_MEETING', ...Array(signatures).fill('AUTHORISE_DOCUMENT'),
        'SUBMIT_APPLICATION', 'RECORD_OUTCOME', ...Array(4).fill('CONFIRM_CONDITION'), 'START_TRAINING', 'COMPLETE_AWARD',
      ]);
      expect(events[0]).toMatchObject({ actor: { userId: clinician.user.id, role: 'clinician' }, stateBefore: null, stateAfter: 'researchIdea.drafting' });
      expect(events[4]).toMatchObject({
        type: 'REQUEST_CHANGES', actor: { userId: manager.user.id, role: 'manager' }, stateBefore: 'managerAgreement',
        stateAfter: 'researchIdea.revising', payload: examples.REQUEST_CHANGES(0), at: '2026-12-01T09:00:00.000Z',
      });
      expect(events.find((e) => e.type === 'RECORD_OUTCOME')).toMatchObject({ stateBefore: 'application.submitted', stateAfter: 'awarded.settingUp' });
      expect(events.at(-1)).toMatchObject({ type: 'COMPLETE_AWARD', stateBefore: 'awarded.inTraining', stateAfter: 'completed' });
    });
  });

  describe('signing in and out', () => {
    it('answers 401 to every /v1 route without a session', async () => {
      for (const path of ['/api/v1/me', '/api/v1/users', '/api/v1/plans', '/api/v1/plans/x', '/api/v1/plans/x/history']) {
        await problemOf(await request('GET', path), 401);
      }
      // A browser-like client that holds the visitor CSRF cookie gets past CSRF; the API still wants a session.
      const page = await request('GET', '/sign-in');
      const visitor = /plans_visitor_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]!;
      const headers = { cookie: `plans_visitor_csrf=${visitor}`, 'x-csrf-token': visitor, 'content-type': 'application/json' };
      for (const [method, path] of [['POST', '/api/v1/plans'], ['POST', '/api/v1/plans/x/events'], ['DELETE', '/api/v1/session']]) {
        await problemOf(await request(method!, path!, { headers, body: method === 'DELETE' ? undefined : '{}' }), 401);
      }
    });

    it('answers 401, not 403, to a change sent with no session and no token', async () => {
      const json = { 'content-type': 'application/json' };
      for (const [method, path] of [['POST', '/api/v1/plans'], ['POST', '/api/v1/plans/x/events'], ['DELETE', '/api/v1/session']]) {
        await problemOf(await request(method!, path!, { headers: json, body: method === 'DELETE' ? undefined : '{}' }), 401);
      }
    });

    it('refuses a wrong password, a missing field and a form-encoded body, each with a problem', async () => {
      const json = { 'content-type': 'application/json' };
      const wrong = await problemOf(await request('POST', '/api/v1/session', { headers: json, body: JSON.stringify({ email: admin.user.email, password: 'not-it' }) }), 401);
      expect(wrong.detail).toBe('Enter a correct email address and password. After several failed attempts, signing in is paused for 15 minutes.');
      const missing = await problemOf(await request('POST', '/api/v1/session', { headers: json, body: JSON.stringify({ email: ' ' }) }), 422);
      expect(missing.errors).toEqual([{ path: 'email', message: 'Enter your email address' }, { path: 'password', message: 'Enter your password' }]);
      await problemOf(await request('POST', '/api/v1/session', { body: new URLSearchParams({ email: admin.user.email, password: PASSWORD }) }), 415);
      await problemOf(await request('POST', '/api/v1/session', { headers: json, body: '{"email":' }), 400);
    });

    it('shares one session with the pages, both ways', async () => {
      const me = await ok(await manager.call('GET', '/api/v1/me'));
      expect(me).toEqual({ user: { id: manager.user.id, name: 'Sam Patel', email: manager.user.email, role: 'manager' }, csrfToken: manager.csrfToken });
      const page = await request('GET', '/', { headers: { cookie: `plans_session=${manager.cookie}` } });
      expect(page.status).toBe(200);
      const browser = await t.signIn(t.world.rdLead);
      expect(await ok(await browser.api('GET', '/api/v1/me'))).toMatchObject({ user: { id: t.world.rdLead.id }, csrfToken: browser.csrfToken });
    });

    it('ends the session on DELETE, after which the cookie opens nothing', async () => {
      const leaving = await signIn(t.world.admin);
      await problemOf(await leaving.call('DELETE', '/api/v1/session', undefined, { 'x-csrf-token': 'wrong' }), 403);
      expect((await leaving.call('GET', '/api/v1/me')).status).toBe(200);
      const res = await leaving.call('DELETE', '/api/v1/session');
      expect(res.status).toBe(204);
      expect(res.headers.get('set-cookie')).toMatch(/plans_session=;/);
      await problemOf(await leaving.call('GET', '/api/v1/me'), 401);
    });

    it('locks an account after too many failed sign-ins, even with the right password, answering exactly as for a wrong one', async () => {
      const attempt = (password: string) => request('POST', '/api/v1/session', {
        headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: t.world.outsiderAdmin.email, password }),
      });
      const wrong = [];
      for (let i = 0; i < t.services.config.LOGIN_MAX_FAILURES; i += 1) wrong.push(await attempt('guess-number-' + i));
      const locked = await attempt(PASSWORD);
      const [first] = wrong;
      expect([locked.status, locked.headers.get('content-type'), locked.headers.get('retry-after')]).toEqual([first!.status, first!.headers.get('content-type'), null]);
      expect(await locked.json()).toEqual(await first!.json());
      expect(locked.headers.getSetCookie().some((c) => c.startsWith('plans_session='))).toBe(false);
    });
  });

  describe('who may see and act on a plan', () => {
    let id: string;
    beforeAll(async () => { id = await planAtManagerAgreement(); });

    it('answers 404 to outsiders exactly as for a plan that does not exist', async () => {
      const unknown = await problemOf(await clinician.call('GET', '/api/v1/plans/00000000-0000-0000-0000-000000000000'), 404);
      for (const outsider of [outsiderRdLead, otherClinician, otherManager]) {
        expect(await problemOf(await outsider.call('GET', `/api/v1/plans/${id}`), 404)).toEqual(unknown);
        expect(await problemOf(await outsider.call('GET', `/api/v1/plans/${id}/history`), 404)).toEqual(unknown);
        expect(await problemOf(await send(outsider, id, 'COMMENT', 3, { text: 'Hello' }), 404)).toEqual(unknown);
        expect((await ok(await outsider.call('GET', '/api/v1/plans'))).plans.map((p: Body) => p.id)).not.toContain(id);
      }
      await problemOf(await send(clinician, 'no-such-plan', 'COMMENT', 1, { text: 'Hello' }), 404);
    });

    it("lets the trust's R&D lead and administrator see it and comment", async () => {
      // Before any document is issued, the administrator can comment or hand the plan to another manager.
      expect((await getPlan(admin, id)).availableEvents).toEqual(['COMMENT', 'REASSIGN']);
      expect(await sent(rdLead, id, 'COMMENT', 3, { text: 'Happy to help with costing.' })).toEqual({ state: 'managerAgreement', version: 4 });
    });

    it('answers 403 to a participant who may not do that now, and changes nothing', async () => {
      const version = (await getPlan(clinician, id)).version;
      await problemOf(await send(rdLead, id, 'SIGN_OFF', version, examples.SIGN_OFF(0)), 403);
      await problemOf(await send(clinician, id, 'AGREE_IN_PRINCIPLE', version, examples.AGREE_IN_PRINCIPLE(0)), 403);
      await problemOf(await send(manager, id, 'UPDATE_IDEA', version, { whyNow: 'Not mine to say.' }), 403);
      expect((await getPlan(clinician, id)).version).toBe(version);
    });

    it('answers 409 with the current version when the version sent is stale', async () => {
      const version = (await getPlan(manager, id)).version;
      const stale = await problemOf(await send(manager, id, 'AGREE_IN_PRINCIPLE', version - 1, examples.AGREE_IN_PRINCIPLE(0)), 409);
      expect(stale.currentVersion).toBe(version);
      expect((await getPlan(manager, id)).state).toBe('managerAgreement');
    });

    it('refuses a change without the right X-CSRF-Token (403), and changes nothing', async () => {
      const version = (await getPlan(manager, id)).version;
      const body = { type: 'DECLINE', version, reason: 'No capacity this year.' };
      await problemOf(await manager.call('POST', `/api/v1/plans/${id}/events`, body, { 'x-csrf-token': '' }), 403);
      await problemOf(await manager.call('POST', `/api/v1/plans/${id}/events`, body, { 'x-csrf-token': clinician.csrfToken }), 403);
      await problemOf(await clinician.call('POST', '/api/v1/plans', { title: 'x', managerId: manager.user.id }, { 'x-csrf-token': 'nope' }), 403);
      expect(await getPlan(manager, id)).toMatchObject({ state: 'managerAgreement', version });
    });
  });

  describe('invalid requests', () => {
    let id: string;
    beforeAll(async () => { ({ id } = await startPlan()); });
    const fieldErrors = async (res: Response) => (await problemOf(res, 422)).errors as Array<{ path: string; message: string }>;

    it('names each wrong field by its API path', async () => {
      expect(await fieldErrors(await send(clinician, id, 'UPDATE_IDEA', 1, { profession: 'wizard', collaborators: [{ ...idea.collaborators[0], email: 'jo' }] })))
        .toEqual([
          { path: 'profession', message: 'Select your profession' },
          { path: 'collaborators.0.email', message: "Enter their email address in the correct format, like name@example.nhs.uk" },
        ]);
      expect(await fieldErrors(await send(clinician, id, 'UPDATE_IDEA', 1, { colour: 'blue', whyNow: 'Now.' })))
        .toEqual([{ path: 'colour', message: 'This form has no field called "colour"' }]);
      expect(await fieldErrors(await send(clinician, id, 'COMMENT', 1, {}))).toEqual([{ path: 'text', message: 'Enter your comment' }]);
    });

    it('needs a known type and a whole-number version', async () => {
      expect((await fieldErrors(await clinician.call('POST', `/api/v1/plans/${id}/events`, { type: 'COMMENT', text: 'Hi' }))).map((e) => e.path)).toEqual(['version']);
      for (const version of [0, 1.5, '1']) {
        expect((await fieldErrors(await send(clinician, id, 'COMMENT', version as number, { text: 'Hi' }))).map((e) => e.path)).toEqual(['version']);
      }
      expect((await fieldErrors(await send(clinician, id, 'MAKE_IT_SO', 1))).map((e) => e.path)).toEqual(['type']);
      expect((await fieldErrors(await clinician.call('POST', `/api/v1/plans/${id}/events`, [1, 2]))).map((e) => e.path)).toEqual(['']);
    });

    it('needs JSON sent as application/json', async () => {
      const headers = { 'content-type': 'text/plain' };
      await problemOf(await clinician.call('POST', `/api/v1/plans/${id}/events`, { type: 'COMMENT', version: 1, text: 'Hi' }, headers), 415);
      await problemOf(await clinician.call('POST', `/api/v1/plans/${id}/events`, undefined, { 'content-type': 'application/json' }), 400);
      expect((await getPlan(clinician, id)).version).toBe(1);
    });

    it('checks a new plan: title, manager, and that only a clinician starts one', async () => {
      const errors = await fieldErrors(await clinician.call('POST', '/api/v1/plans', { title: ' ', managerId: rdLead.user.id }));
      expect(errors).toEqual([{ path: 'title', message: 'Enter a title for the plan' }]);
      expect(await fieldErrors(await clinician.call('POST', '/api/v1/plans', { title: 'Falls', managerId: outsiderRdLead.user.id })))
        .toEqual([{ path: 'managerId', message: 'Select your line manager from the list' }]);
      await problemOf(await manager.call('POST', '/api/v1/plans', { title: 'Falls', managerId: manager.user.id }), 403);
    });

    it('checks query strings: an unknown role or step is 422', async () => {
      expect(await fieldErrors(await clinician.call('GET', '/api/v1/users?role=wizard'))).toMatchObject([{ path: 'role' }]);
      expect(await fieldErrors(await clinician.call('GET', '/api/v1/plans?step=somewhere'))).toMatchObject([{ path: 'step' }]);
    });

    it('answers an unknown API address with a problem, not a page', async () => {
      await problemOf(await clinician.call('GET', '/api/v1/nothing-here'), 404);
    });
  });

  describe('listing', () => {
    it('lists only visible plans, filtered by step, newest change first, with paging in headers', async () => {
      t.clock.advance(60_000);
      const second = await startPlan('Pressure ulcer prevention');
      const { plans } = plansResponseSchema.parse(await ok(await clinician.call('GET', '/api/v1/plans?step=idea')));
      expect(plans[0]).toEqual({
        id: second.id, title: 'Pressure ulcer prevention', state: 'researchIdea.drafting', version: 1,
        awaitingRole: 'clinician', updatedAt: t.clock().toISOString(),
      });
      expect(plans.every((p) => p.state.startsWith('researchIdea'))).toBe(true);
      const page = await clinician.call('GET', '/api/v1/plans?perPage=1');
      expect((await ok(page)).plans).toHaveLength(1);
      expect(Number(page.headers.get('x-total-count'))).toBeGreaterThan(1);
      expect(page.headers.get('link')).toBe('</api/v1/plans?perPage=1&page=2>; rel="next"');
      expect((await ok(await otherClinician.call('GET', '/api/v1/plans'))).plans).toEqual([]);
    });
  });

  describe('the OpenAPI document', () => {
    let doc: Body;
    beforeAll(async () => { doc = await ok(await request('GET', '/api/openapi.json')); });
    const jsonSchemaOf = (schema: z.ZodType) => {
      const { $schema: _s, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
      return json;
    };

    it('is OpenAPI 3.1 with a path for every route', () => {
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      const operations = Object.entries(doc.paths as Body).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      expect(operations).toEqual(expect.arrayContaining([
        'POST /api/v1/session', 'DELETE /api/v1/session', 'GET /api/v1/me', 'GET /api/v1/users', 'POST /api/v1/plans', 'GET /api/v1/plans',
        'GET /api/v1/plans/{id}', 'POST /api/v1/plans/{id}/events', 'GET /api/v1/plans/{id}/history',
      ]));
      expect(doc.paths['/api/v1/users'].get.parameters[0]).toMatchObject({ name: 'role', in: 'query', schema: { enum: ['clinician', 'manager', 'rdLead', 'supervisor', 'admin'] } });
    });

    it('defines only the refusals some route gives: an integrator does not plan for answers that never come', () => {
      const used = new Set(JSON.stringify(doc.paths).match(/#\/components\/responses\/\w+/g)!.map((r) => r.split('/').at(-1)));
      expect(Object.keys(doc.components.responses).filter((name) => !used.has(name))).toEqual([]);
    });

    it('describes every event, generated from the same zod schemas that check them', () => {
      const { schemas } = doc.components;
      expect(schemas.EventRequest.oneOf).toHaveLength(userEventTypes.length);
      expect(schemas.EventRequest.discriminator.propertyName).toBe('type');
      for (const type of userEventTypes) {
        const fields = jsonSchemaOf(eventSchemas[type]) as Body;
        expect(schemas[`${type}_fields`]).toEqual(fields);
        const request = schemas[type];
        expect(request.properties.type).toEqual({ type: 'string', const: type });
        expect(request.required ?? []).toEqual(['type', 'version', ...(fields.required ?? [])]);
        expect(Object.keys(request.properties)).toEqual(['type', 'version', ...Object.keys(shapeOf(eventSchemas[type]))]);
        expect(request.additionalProperties).toBe(false);
        expect(schemas.EventRequest.discriminator.mapping[type]).toBe(`#/components/schemas/${type}`);
      }
      expect(schemas.PROPOSE_TERMS.properties.academicPercent).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
      expect(schemas.SIGN_OFF.properties.capacityConfirmed).toMatchObject({ const: true });
    });

    it('documents problems, the session cookie and the CSRF header', () => {
      expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail']);
      expect(doc.components.responses.InvalidInput.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
      expect(doc.components.securitySchemes).toEqual({
        session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'plans_session' }),
        csrfToken: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }),
        bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      });
      expect(doc.paths['/api/v1/plans/{id}/events'].post.security).toEqual([{ session: [], csrfToken: [] }]);
      expect(doc.paths['/api/v1/session'].post.security).toEqual([]);
      const refs = JSON.stringify(doc).match(/"#\/components\/(schemas|responses)\/[^"]+"/g)!;
      for (const r of refs) {
        const [, section, name] = /#\/components\/(\w+)\/(.+)"/.exec(r)!;
        expect(doc.components[section!][name!], r).toBeDefined();
      }
    });
  });
});
