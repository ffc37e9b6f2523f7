import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planResponseSchema } from '../../src/domain/api.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { examples, idea, terms } from '../support/examples.js';

// Schemes, the costing calculator and the terms' costing over the JSON API
// (DESIGN section 10), as an integrator would call them.

type Body = Record<string, any>;
const json = async (res: Response, status = 200): Promise<Body> => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  return res.json() as Promise<Body>;
};
const request = { clinicianBand: '6', backfillBand: '6', wte: 1, academicPercent: 60, durationMonths: 36, schemeId: 'ica-dcaf' };

describe.each(databaseKinds)('schemes and costing over the API on %s', (kind) => {
  let t: TestApp;
  let clinician: Agent, manager: Agent;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    [clinician, manager] = await Promise.all([t.signIn(t.world.clinician), t.signIn(t.world.manager)]);
  }, 60_000);
  afterAll(() => t.cleanup());

  it('lists the schemes with the fields of DESIGN section 10 and a source for each', async () => {
    const { schemes } = await json(await clinician.api('GET', '/api/v1/schemes'));
    expect(schemes.map((s: Body) => s.id)).toEqual(expect.arrayContaining([
      'ica-internship', 'ica-pcaf', 'ica-dcaf', 'nihr-pre-doctoral-fellowship', 'nihr-doctoral-fellowship', 'nihr-advanced-fellowship',
      'nihr-academic-clinical-fellowship', 'nihr-clinical-lectureship', 'hee-nihr-masters-clinical-research', 'local-internship', 'other']));
    const doctoral = schemes.find((s: Body) => s.id === 'nihr-doctoral-fellowship');
    expect(doctoral).toMatchObject({ academicPercent: { min: 50, max: 100 }, fundsSalary: true, reviewedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    for (const key of ['id', 'name', 'funder', 'levels', 'professions', 'academicPercent', 'durationMonths', 'hostsRequired', 'fundsSalary', 'source', 'reviewedOn']) {
      expect(doctoral).toHaveProperty(key);
    }
    expect((await t.app.request('http://localhost/api/v1/schemes')).status).toBe(401);
  });

  it('costs a release in whole pounds with the rates and pay year it used', async () => {
    const costing = await json(await clinician.api('POST', '/api/v1/costing', request));
    expect(costing).toMatchObject({
      backfillCostPerYear: 38_014, awardContributionPerYear: 38_314, trustNetCostPerYear: -300,
      backfillCostTotal: 114_042, trustNetCostTotal: -900,
      onCosts: { employerNationalInsurance: 3442, employerPension: 6624 },
      rates: { payYear: '2025/26', source: { url: expect.stringMatching(/^https:/) } },
    });
  });

  it('refuses bad input with 422, naming each field', async () => {
    const res = await clinician.api('POST', '/api/v1/costing', { clinicianBand: '10', backfillBand: '6', wte: 0, academicPercent: 150, durationMonths: 36, schemeId: 'no-such-scheme' });
    const body = await json(res, 422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.errors.map((e: Body) => e.path).sort()).toEqual(['academicPercent', 'clinicianBand', 'schemeId', 'wte']);
    const both = await json(await clinician.api('POST', '/api/v1/costing', { ...request, clinicianSalary: 60_000 }), 422);
    expect(both.errors).toEqual([{ path: 'clinicianSalary', message: "Give the clinician's band or a salary, not both" }]);
  });

  it('takes a salary instead of a band for someone not on Agenda for Change', async () => {
    const { clinicianBand: _c, backfillBand: _b, ...rest } = request;
    const costing = await json(await clinician.api('POST', '/api/v1/costing', { ...rest, clinicianSalary: 73_992, backfillSalary: 73_992, schemeId: 'nihr-clinical-lectureship' }));
    expect(costing.rates).toMatchObject({ clinicianSalary: 73_992, backfillSalary: 73_992 });
  });

  it('needs the CSRF token like any other signed-in write', async () => {
    const res = await t.app.request('http://localhost/api/v1/costing', {
      method: 'POST', headers: { cookie: `plans_session=${clinician.cookie}`, 'content-type': 'application/json' }, body: JSON.stringify(request),
    });
    expect(res.status).toBe(403);
  });

  it('keeps a schemeId on the idea, refuses an unknown one, and checks the terms against the scheme', async () => {
    const { id } = await json(await clinician.api('POST', '/api/v1/plans', { title: 'Falls fellowship', managerId: t.world.manager.id }), 201);
    const bad = await json(await clinician.api('POST', `/api/v1/plans/${id}/events`, { type: 'UPDATE_IDEA', version: 1, schemeId: 'made-up' }), 422);
    expect(bad.errors.map((e: Body) => e.path)).toEqual(['schemeId']);
    let version = (await json(await clinician.api('POST', `/api/v1/plans/${id}/events`, { type: 'UPDATE_IDEA', version: 1, ...idea, opportunityLevel: 'doctoral', schemeId: 'ica-dcaf' }))).version;
    version = (await json(await clinician.api('POST', `/api/v1/plans/${id}/events`, { type: 'SUBMIT_FOR_AGREEMENT', version }))).version;
    version = (await json(await manager.api('POST', `/api/v1/plans/${id}/events`, { type: 'AGREE_IN_PRINCIPLE', version, ...examples.AGREE_IN_PRINCIPLE(1) }))).version;
    const costing = { clinicianBand: '6', backfillBand: '6', wte: 1, figures: { made: 'up' } };
    const proposal = { type: 'PROPOSE_TERMS', version, ...terms, academicPercent: 30, durationMonths: 24, estimatedBackfillCostPerYear: 1, costing };
    // A figure sent in `figures` is read-only: the server's replaces it, so a wrong shape is still refused as a wrong shape.
    expect((await clinician.api('POST', `/api/v1/plans/${id}/events`, proposal)).status).toBe(422);
    const { figures: _f, ...inputs } = costing;
    await json(await clinician.api('POST', `/api/v1/plans/${id}/events`, { ...proposal, costing: inputs }));

    const plan = planResponseSchema.parse(await json(await clinician.api('GET', `/api/v1/plans/${id}`)));
    const stored = plan.data.terms!.costing!;
    expect(stored.figures).toMatchObject({ backfillCostPerYear: 18_632, rates: { payYear: '2025/26' }, schemeId: 'ica-dcaf', workedOutOn: '2026-12-01' });
    expect(plan.data.terms!.estimatedBackfillCostPerYear).toBe(18_632);
    expect(plan.checks).toEqual([
      { code: 'academic-share', severity: 'warning', field: 'academicPercent', message: 'The NIHR Doctoral Clinical and Practitioner Academic Fellowship (DCAF) expects about 80% of the week on research; this plan gives 30%.' },
      { code: 'clinical-time', severity: 'info', field: 'academicPercent', message: expect.stringContaining('up to 20% clinical time') },
      { code: 'duration', severity: 'warning', field: 'durationMonths', message: 'The NIHR Doctoral Clinical and Practitioner Academic Fellowship (DCAF) lasts between 36 and 72 months; this plan gives 24 months.' },
    ]);
  });
});
