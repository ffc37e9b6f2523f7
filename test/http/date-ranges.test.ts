import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Payload, UserEventType } from '../../src/domain/events.js';
import { verifyPlans } from '../../src/plans/verify.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { agendaSteps, examples, terms } from '../support/examples.js';
import { signEverything } from '../support/sign.js';
import { actorOf } from '../support/world.js';

// Dates outside their sensible range are refused by the API (422, the field's
// path) and by the forms (at the field, what was typed kept); a plan whose
// stored dates have since gone out of range still replays and carries on.
// The test clock starts on 1 December 2026.

type Who = 'clinician' | 'manager' | 'rdLead' | 'supervisor';
type Step = [Who, UserEventType, object?] | 'sign everything';

const toTerms: Step[] = [['clinician', 'UPDATE_IDEA'], ['clinician', 'SUBMIT_FOR_AGREEMENT'], ['manager', 'AGREE_IN_PRINCIPLE'], ...agendaSteps];
const toMeeting: Step[] = [...toTerms, ['clinician', 'PROPOSE_TERMS'], ['manager', 'ACCEPT_TERMS'], ['rdLead', 'SIGN_OFF']];
const toApplication: Step[] = [...toMeeting, ['clinician', 'SCHEDULE_MEETING'], ['supervisor', 'RECORD_MEETING'], 'sign everything'];

const date = (name: string, iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
};

describe('dates with sensible ranges', () => {
  let t: TestApp;
  let as: Record<Who, Agent>;

  beforeAll(async () => {
    t = await buildTestApp();
    as = await t.signInPlanPeople();
  });
  afterAll(() => t.cleanup());

  const versionOf = (id: string) => t.versionOf(id);

  async function planAt(path: Step[]): Promise<string> {
    const { id } = await t.services.plans.create(actorOf(t.world.clinician), { title: 'Early mobilisation', managerId: t.world.manager.id });
    for (const step of path) {
      if (step === 'sign everything') { await signEverything(t.services, id, t.world); continue; }
      const [who, type, payload] = step;
      await t.services.plans.send(id, actorOf(t.world[who]), { type, version: await versionOf(id), payload: payload ?? examples[type](1) });
    }
    return id;
  }

  const sendOverApi = async (who: Who | Agent, id: string, type: UserEventType, payload: object) =>
    (typeof who === 'string' ? as[who] : who).api('POST', `/api/v1/plans/${id}/events`, { type, version: await versionOf(id), ...payload });

  it.each([
    ['PROPOSE_TERMS', 'startDate', toTerms, { ...terms, startDate: '2025-10-01' }, 'The start date must be between 1 November 2026 and 1 December 2029'],
    ['UPDATE_IDEA', 'expectedDeadline', [], { expectedDeadline: '2026-11-30' }, 'The expected closing date of the funding call must be in the future'],
    ['SUBMIT_APPLICATION', 'callDeadline', toApplication, { ...examples.SUBMIT_APPLICATION(1), callDeadline: '2030-03-01' }, 'The call deadline must be between 1 December 2025 and 1 December 2029'],
    ['SUBMIT_APPLICATION', 'submittedOn', toApplication, { ...examples.SUBMIT_APPLICATION(1), submittedOn: '2027-01-05' }, 'The date you submitted must be today or in the past'],
  ] as const)('the API refuses %s with %s out of range (422 at that path) and changes nothing', async (type, field, path, payload, message) => {
    const id = await planAt([...path]);
    const before = await versionOf(id);
    const res = await sendOverApi('clinician', id, type, payload);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await res.json() as { errors: unknown[] }).errors).toEqual([{ path: field, message }]);
    expect(await versionOf(id)).toBe(before);
  });

  it('the terms form shows a start date out of range at the field, keeping every answer typed', async () => {
    const id = await planAt(toTerms);
    const form = await (await as.clinician.get(`/plans/${id}/terms`)).text();
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const res = await as.clinician.post(`/plans/${id}/terms`, {
      version, ...date('startDate', '2031-04-01'), durationMonths: '36', academicPercent: '60', roleDuringTraining: 'same-role-part-time',
      backfillArrangement: 'recruit-fixed-term', 'backfillDetail-recruit-fixed-term': 'Kept detail', specialistPost: 'no', clinicalFocus: 'Ward 7',
      skillsMaintenance: 'Two clinical days', applicationHoursPerWeek: '4', teamContribution: 'audit', estimatedBackfillCostPerYear: '30000',
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('<a href="#startDate">The start date must be between 1 November 2026 and 1 December 2029</a>');
    expect(page).toMatch(/name="startDate-year" type="text"\s*value="2031"/);
    expect(page).toContain('Kept detail');
  });

  it('the outcome form refuses a decision more than a year old and an award starting years away, both at once', async () => {
    const id = await planAt([...toApplication, ['clinician', 'SUBMIT_APPLICATION']]);
    const form = await (await as.clinician.get(`/plans/${id}/events/RECORD_OUTCOME`)).text();
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const res = await as.clinician.post(`/plans/${id}/events/RECORD_OUTCOME`, {
      version, outcome: 'awarded', ...date('decidedOn', '2025-06-01'), feedback: 'Kept feedback', ...date('awardStart', '2032-01-01'), endOfAwardPlan: 'Back to the ward',
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('<a href="#decidedOn">The date of the decision must be the same as or after 1 December 2025</a>');
    expect(page).toContain('<a href="#awardStart">The date the award starts must be between 1 December 2025 and 1 December 2029</a>');
    expect(page.indexOf('href="#decidedOn"')).toBeLessThan(page.indexOf('href="#awardStart"'));
    expect(page).toContain('Kept feedback');
  });

  it('replays a plan whose stored dates are now out of range, and carries it on; a new proposal of the same date is refused', async () => {
    const id = await planAt([...toTerms, ['clinician', 'PROPOSE_TERMS', { ...terms, startDate: '2026-12-14' } satisfies Payload<'PROPOSE_TERMS'>]]);
    t.clock.set('2027-03-01T09:00:00.000Z');
    try {
      // The start date is now more than a month ago: stored, it stands; sent today, it would not.
      const report = await verifyPlans(t.services.db);
      expect(report.broken).toEqual([]);
      const { snapshot } = await t.services.plans.load(id, actorOf(t.world.manager));
      expect(snapshot.context.terms.at(-1)?.terms.startDate).toBe('2026-12-14');
      const manager = await t.signIn(t.world.manager); // a sign-in of three months ago has ended
      const again = await sendOverApi(manager, id, 'PROPOSE_TERMS', { ...terms, startDate: '2026-12-14' });
      expect(again.status).toBe(422);
      expect((await sendOverApi(manager, id, 'ACCEPT_TERMS', { termsVersion: 1 })).status).toBe(200);
      expect((await t.services.plans.load(id, actorOf(t.world.manager))).row.state).toBe('rdSignOff');
      expect((await verifyPlans(t.services.db)).broken).toEqual([]);
    } finally {
      t.clock.set('2026-12-01T09:00:00.000Z');
    }
  });
});
