import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { examples, idea } from '../support/examples.js';

// The what-if page: a GET form comparing up to three options side by side,
// each costed and checked against its scheme; "Use this option" fills in the
// terms form. Works without JavaScript.

const option = (key: string, values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [`${key}-${k}`, v]));

describe('the what-if page', () => {
  let t: TestApp;
  let clinician: Agent, manager: Agent, outsider: Agent;
  let id: string;

  beforeAll(async () => {
    t = await buildTestApp();
    [clinician, manager, outsider] = await Promise.all([t.signIn(t.world.clinician), t.signIn(t.world.manager), t.signIn(t.world.outsiderRdLead)]) as [Agent, Agent, Agent];
    id = ((await (await clinician.api('POST', '/api/v1/plans', { title: 'Falls fellowship', managerId: t.world.manager.id })).json()) as { id: string }).id;
    let version = 1;
    for (const [who, body] of [[clinician, { type: 'UPDATE_IDEA', ...idea, schemeId: 'ica-dcaf' }], [clinician, { type: 'SUBMIT_FOR_AGREEMENT' }],
      [manager, { type: 'AGREE_IN_PRINCIPLE', ...examples.AGREE_IN_PRINCIPLE(1) }]] as const) {
      const res = await who.api('POST', `/api/v1/plans/${id}/events`, { version, ...body });
      version = ((await res.json()) as { version: number }).version;
    }
  }, 60_000);
  afterAll(() => t.cleanup());

  const whatIf = (who: Agent, query: Record<string, string>) => who.get(`/plans/${id}/what-if?${new URLSearchParams(query)}`);

  it('starts with the scheme of the research idea and nothing compared', async () => {
    const res = await whatIf(manager, {});
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Option 3');
    expect(page).toMatch(/<option value="ica-dcaf" selected>/);
    expect(page).not.toContain('What each option means');
  });

  it('compares options side by side with their costs and checks, and fills the terms form with the one chosen', async () => {
    const res = await whatIf(manager, {
      ...option('a', { academicPercent: '80', durationMonths: '36', wte: '1', clinicianBand: '6', backfillBand: '6', payPoint: 'top', schemeId: 'ica-dcaf' }),
      ...option('b', { academicPercent: '30', durationMonths: '36', wte: '0.8', clinicianBand: '7', backfillBand: '5', payPoint: 'entry', schemeId: '' }),
    });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('80% academic, 20% clinical, for 36 months');
    expect(page).toContain('30% academic, 70% clinical, for 36 months');
    expect(page).toContain('expects about 80% of the week on research; this plan gives 30%');
    expect(page).toContain('Not filled in.');
    const use = [...page.matchAll(/href="(\/plans\/[^"]+\/terms\?[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&#x3D;/g, '='));
    expect(use).toHaveLength(2);
    const termsRes = await manager.get(use[1]!);
    const terms = await termsRes.text();
    expect(termsRes.status).toBe(200);
    expect(terms).toContain('come from the what-if option you chose');
    expect(terms).toMatch(/name="academicPercent" type="text" value="30"/);
    expect(terms).toMatch(/name="costing-wte" type="text" value="0.8"/);
    expect(terms).toMatch(/<option value="7" selected>Band 7<\/option>/);
  });

  it('names each wrong answer at its field (422) and keeps what was typed', async () => {
    const res = await whatIf(manager, option('a', { academicPercent: '150', durationMonths: '36', wte: '0', clinicianBand: '10', backfillBand: '6' }));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('href="#a-academicPercent"');
    expect(page).toContain('The academic share of the week must be between 1 and 100%'.replace('The a', 'A'));
    expect(page).toContain('href="#a-clinicianBand"');
    expect(page).toContain('href="#a-wte"');
    expect(page).toMatch(/id="a-academicPercent" name="a-academicPercent" type="text" value="150"/);
  });

  it('is not there for someone outside the plan', async () => {
    expect((await whatIf(outsider, {})).status).toBe(404);
  });
});
