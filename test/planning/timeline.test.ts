import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '../../src/notifications/scheduler.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { idea } from '../support/examples.js';

// Planning back from the funding call (DESIGN section 10): a trust's lead
// times set by its administrator, the plan's timeline over the API and on its
// page, due dates brought forward by the deadline, and the dashboards.

type Body = Record<string, any>;
const leadTimes = { managerDecision: '3', terms: '3', rdReview: '3', financeCheck: '2', universityOffice: '2', signatures: '2' };

describe.each(databaseKinds)('planning back from the deadline on %s', (kind) => {
  let t: TestApp;
  let clinician: Agent, manager: Agent, admin: Agent, rdLead: Agent;

  // Signing in four people hashes four passwords: slow on a busy machine.
  beforeAll(async () => {
    t = await buildTestApp(kind, { SESSION_HOURS: '720' });
    [clinician, manager, admin, rdLead] = await Promise.all([t.world.clinician, t.world.manager, t.world.admin, t.world.rdLead].map((user) => t.signIn(user))) as [Agent, Agent, Agent, Agent];
  }, 60_000);
  afterAll(() => t.cleanup());

  async function planWithDeadline(expectedDeadline: string, submit = true) {
    const { id } = (await (await clinician.api('POST', '/api/v1/plans', { title: `Deadline ${expectedDeadline}`, managerId: t.world.manager.id })).json()) as Body;
    let res = await clinician.api('POST', `/api/v1/plans/${id}/events`, { type: 'UPDATE_IDEA', version: 1, ...idea, expectedDeadline });
    if (submit) res = await clinician.api('POST', `/api/v1/plans/${id}/events`, { type: 'SUBMIT_FOR_AGREEMENT', version: 2 });
    expect(res.status).toBe(200);
    return id as string;
  }

  it('lets only an administrator set the lead times, with messages at each wrong field', async () => {
    expect((await clinician.get('/admin/lead-times')).status).toBe(404);
    expect((await rdLead.post('/admin/lead-times', leadTimes)).status).toBe(404);
    const page = await (await admin.get('/admin/lead-times')).text();
    expect(page).toContain('has not set its own lead times yet');
    expect(page).toMatch(/name="rdReview" type="text" value="15"/);
    const wrong = await admin.post('/admin/lead-times', { ...leadTimes, terms: 'ten', signatures: '500' });
    expect(wrong.status).toBe(422);
    const text = await wrong.text();
    expect(text).toContain('href="#terms"');
    expect(text).toContain('must be between 0 and 120 working days');
    expect(text).toMatch(/name="terms" type="text" value="ten"/);
    const saved = await admin.post('/admin/lead-times', leadTimes);
    expect(saved.status).toBe(303);
    expect(await (await admin.get(saved.headers.get('location')!)).text()).toContain('Lead times saved');
  });

  it('gives a plan far from its deadline a timeline that is on track', async () => {
    const id = await planWithDeadline('2027-06-30');
    const plan = (await (await clinician.api('GET', `/api/v1/plans/${id}`)).json()) as Body;
    expect(plan.timeline.map((e: Body) => e.step)).toEqual(['managerDecision', 'terms', 'rdReview', 'financeCheck', 'universityOffice', 'signatures']);
    expect(plan.timeline.every((e: Body) => e.status === 'on-track')).toBe(true);
    expect(plan.timeline.at(-1).latestDate).toBe('2027-06-30');
  });

  it('works back with the trust lead times, and says which steps are at risk, on the plan and its page', async () => {
    const id = await planWithDeadline('2026-12-18');
    const plan = (await (await manager.api('GET', `/api/v1/plans/${id}`)).json()) as Body;
    // Working days back from Friday 18 December: 2 for signatures, 2 for the university, 2 for finance, 3 for R&D, 3 for the terms.
    expect(plan.timeline).toEqual([
      { step: 'managerDecision', latestDate: '2026-12-02', status: 'at-risk' },
      { step: 'terms', latestDate: '2026-12-07', status: 'at-risk' },
      { step: 'rdReview', latestDate: '2026-12-10', status: 'at-risk' },
      { step: 'financeCheck', latestDate: '2026-12-14', status: 'at-risk' },
      { step: 'universityOffice', latestDate: '2026-12-16', status: 'at-risk' },
      { step: 'signatures', latestDate: '2026-12-18', status: 'at-risk' },
    ]);
    const page = await (await manager.get(`/plans/${id}`)).text();
    expect(page).toContain('Planning back from the deadline');
    expect(page).toContain('Steps are at risk for the funding call');
    expect(page).toContain('2 December 2026');
  });

  it('brings the due date and the reminder forward when the deadline demands it, and shows the risk on the dashboard', async () => {
    const id = await planWithDeadline('2026-12-18');
    const row = await t.services.db.kysely.selectFrom('plans').select('due_at').where('id', '=', id).executeTakeFirstOrThrow();
    // Usually 10 working days (15 December); the call needs the manager's decision by 2 December, reminded at 09:00 UK time.
    expect(row.due_at).toBe('2026-12-02T09:00:00.000Z');
    expect(await (await manager.get('/')).text()).toContain('At risk for the funding call');

    t.clock.set('2026-12-02T09:00:00.000Z');
    const { sent } = await runReminders(t.services);
    expect(sent.filter((s) => s.planId === id)).toEqual([{ planId: id, kind: 'reminder' }]);

    t.clock.set('2026-12-03T10:00:00.000Z');
    expect(await (await manager.get('/')).text()).toContain('Late for the funding call');
    const plan = (await (await manager.api('GET', `/api/v1/plans/${id}`)).json()) as Body;
    expect(plan.timeline[0]).toEqual({ step: 'managerDecision', latestDate: '2026-12-02', status: 'late' });
    t.clock.set('2026-12-01T09:00:00.000Z');
  });

  it('marks steps done as the plan moves on, and has no timeline without a deadline', async () => {
    const { id } = (await (await clinician.api('POST', '/api/v1/plans', { title: 'No deadline', managerId: t.world.manager.id })).json()) as Body;
    expect(((await (await clinician.api('GET', `/api/v1/plans/${id}`)).json()) as Body).timeline).toEqual([]);
    const dated = await planWithDeadline('2027-06-30');
    await manager.api('POST', `/api/v1/plans/${dated}/events`, { type: 'AGREE_IN_PRINCIPLE', version: 3, opportunityNotes: 'Yes', peopleNotes: 'Yes', midTermPlan: 'Mid', longTermPlan: 'Long' });
    const plan = (await (await manager.api('GET', `/api/v1/plans/${dated}`)).json()) as Body;
    expect(plan.timeline[0]).toMatchObject({ step: 'managerDecision', status: 'done' });
    expect(plan.timeline[1]).toMatchObject({ step: 'terms', status: 'on-track' });
  });
});
