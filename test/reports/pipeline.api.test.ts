import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { NOW, seedKnownPlans } from './known-plans.js';

// GET /api/v1/reports/pipeline against plans whose every day is known
// (known-plans.ts); the figures below are worked out by hand from them.

const zeroes = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

describe.each(databaseKinds)('the pipeline report over the API, on %s', (kind) => {
  let t: TestApp;
  let plans: Awaited<ReturnType<typeof seedKnownPlans>>;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    plans = await seedKnownPlans(t);
  }, 120_000);
  afterAll(() => t.cleanup());

  const pipeline = async (query: string, as = t.world.rdLead) => (await t.signIn(as)).api('GET', `/api/v1/reports/pipeline${query}`);

  it('counts the shared plans created from 1 January to 31 March 2026, with the median days of every stay in each step', async () => {
    const res = await pipeline('?from=2026-01-01&to=2026-03-31');
    expect(res.status).toBe(200);
    const report = await res.json();
    // A awarded, B declined, C with R&D, E not awarded, F withdrawn; D is a private draft, G and H fall outside.
    expect(report.byStep).toEqual([
      { step: 'researchIdea', count: 0, medianDaysInStep: 4 }, // A 10, B 4, C 2, E 10, F 2
      { step: 'managerAgreement', count: 0, medianDaysInStep: 2 }, // A 4, B 2, C 2, E 1, F 2
      { step: 'backfillPlan', count: 0, medianDaysInStep: 3 }, // A 10, C 3, E 3
      { step: 'rdSignOff', count: 1, medianDaysInStep: 10 }, // A 10, E 7, C still there after 266
      { step: 'supervisorMeeting', count: 0, medianDaysInStep: 7.5 }, // A 10, E 5
      { step: 'application', count: 0, medianDaysInStep: 46.5 }, // A 60, E 33
      { step: 'notAwarded', count: 1, medianDaysInStep: 266 }, // E since 10 March
      { step: 'awarded', count: 1, medianDaysInStep: 171 }, // A since 13 June
      { step: 'completed', count: 0, medianDaysInStep: null },
      { step: 'declined', count: 1, medianDaysInStep: 268 }, // B since 8 March
      { step: 'withdrawn', count: 1, medianDaysInStep: 299 }, // F since 5 February
    ]);
    const professions = Object.fromEntries(report.byProfession.map((p: { profession: string; count: number }) => [p.profession, p.count]));
    expect(professions).toEqual({
      ...zeroes(['nurse', 'midwife', 'allied-health-professional', 'pharmacist', 'healthcare-scientist', 'psychologist', 'doctor', 'dentist', 'other']),
      nurse: 3, 'allied-health-professional': 1, pharmacist: 1,
    });
    expect(report.byProfession.map((p: { profession: string }) => p.profession).slice(0, 3)).toEqual(['nurse', 'midwife', 'allied-health-professional']);
    expect(report.byLevel.filter((l: { count: number }) => l.count > 0)).toEqual([
      { opportunityLevel: 'masters', count: 1 }, { opportunityLevel: 'predoctoral', count: 1 }, { opportunityLevel: 'doctoral', count: 3 },
    ]);
    expect(report.byScheme).toEqual([{ scheme: 'NIHR DCAF', count: 3 }, { scheme: 'ICA Masters', count: 1 }, { scheme: null, count: 1 }]);
    expect(report.applications).toEqual({ submitted: 2, awarded: 1, notAwarded: 1, successRate: 0.5 });
    // A 30,000 + C 20,000 + E 10,000; nothing for the declined and withdrawn.
    expect(report.backfillCostPerYear).toBe(60_000);
  });

  it('takes both days as days in England: a plan made at 00:30 on 1 April (BST) is in April, one at 23:30 on 31 December (GMT) in December', async () => {
    const total = async (query: string) => (await (await pipeline(query)).json()).byStep.reduce((n: number, s: { count: number }) => n + s.count, 0);
    expect(await total('?from=2026-01-01&to=2026-03-31')).toBe(5);
    expect(await total('?from=2026-01-01&to=2026-04-01')).toBe(6);
    expect(await total('?from=2025-12-31&to=2026-03-31')).toBe(6);
    expect(await total('?from=2026-04-01&to=2026-04-01')).toBe(1);
    expect(await total('?from=2026-03-01&to=2026-03-01')).toBe(1);
  });

  it("without dates counts every shared plan of the caller's own trust, and never a private draft or another trust's plan", async () => {
    const report = await (await pipeline('')).json();
    const managerAgreement = report.byStep.find((s: { step: string }) => s.step === 'managerAgreement');
    expect(managerAgreement.count).toBe(2); // G and H
    expect(report.byStep.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(7);
    expect(report.byProfession.find((p: { profession: string }) => p.profession === 'doctor').count).toBe(0);
    expect(report.byScheme.map((s: { scheme: string }) => s.scheme)).not.toContain('Draft scheme');
    const theirs = await (await pipeline('', t.world.outsiderRdLead)).json();
    expect(theirs.byStep.find((s: { step: string }) => s.step === 'managerAgreement').count).toBe(1);
    expect(theirs.byScheme).toEqual([{ scheme: 'Another trust scheme', count: 1 }]);
    expect(theirs.applications).toEqual({ submitted: 0, awarded: 0, notAwarded: 0, successRate: null });
  });

  it('is for R&D leads and administrators: the same figures for an administrator, 403 for anyone else', async () => {
    const asAdmin = await (await pipeline('?from=2026-01-01&to=2026-03-31', t.world.admin)).json();
    expect(asAdmin.backfillCostPerYear).toBe(60_000);
    for (const person of [t.world.clinician, t.world.manager, t.world.supervisor]) {
      const res = await pipeline('', person);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await t.app.request('http://localhost/api/v1/reports/pipeline')).status).toBe(401);
  });

  it('refuses a start after the end, and a date that is not one, saying which field and why', async () => {
    const late = await pipeline('?from=2026-04-01&to=2026-03-31');
    expect(late.status).toBe(422);
    expect((await late.json()).errors).toEqual([{ path: 'from', message: 'The start date must be the same as or before the end date' }]);
    const wrong = await pipeline('?from=2026-02-30');
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).errors[0]).toMatchObject({ path: 'from' });
    const words = await pipeline('?to=yesterday');
    expect((await words.json()).errors[0]).toMatchObject({ path: 'to', message: 'Enter the end date as YYYY-MM-DD, for example 2026-04-01' });
  });

  it('reads the time of the request for stays still going', async () => {
    t.clock.set('2026-12-11T09:00:00.000Z');
    const later = await (await pipeline('?from=2026-01-01&to=2026-03-31')).json();
    expect(later.byStep.find((s: { step: string }) => s.step === 'withdrawn').medianDaysInStep).toBe(309);
    t.clock.set(NOW);
    expect(plans.d).toBeTruthy();
  });
});
