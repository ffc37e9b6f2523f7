import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { agreeAgenda } from '../support/agenda.js';
import { examples, idea } from '../support/examples.js';

// The terms form's costing, without JavaScript: "Work out the cost" posts the
// form and shows it again with the figures; the check page shows how the cost
// was reached; the figures are kept with the terms; the scheme's rules show as
// warnings to whoever accepts the terms and to R&D.

type Form = Record<string, string | string[]>;
const unescape = (text: string) => text.replace(/&(lt|gt|quot|#x27|#x3D|#x60|amp);/g, (_, e: string) =>
  ({ lt: '<', gt: '>', quot: '"', '#x27': "'", '#x3D': '=', '#x60': '`', amp: '&' })[e]!);
function hiddenFields(page: string): Form {
  const form: Record<string, string[]> = {};
  for (const [, name, value] of page.slice(page.indexOf('<main')).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) (form[name!] ??= []).push(unescape(value!));
  return form;
}

const typedTerms = (version: number): Form => ({
  'startDate-day': '1', 'startDate-month': '10', 'startDate-year': '2027', durationMonths: '36', academicPercent: '30',
  roleDuringTraining: 'same-role-part-time', backfillArrangement: 'recruit-fixed-term', backfillDetail: 'A band 6 fixed-term post.',
  specialistPost: 'no', clinicalFocus: 'The ward, three days a week.', skillsMaintenance: 'Monthly supervision.',
  applicationHoursPerWeek: '4', teamContribution: ['journal-club'], estimatedBackfillCostPerYear: '', comment: '',
  'costing-clinicianBand': '6', 'costing-backfillBand': '6', 'costing-wte': '1', 'costing-payPoint': 'top', 'costing-schemeId': '',
  version: String(version),
});

describe('the costing on the terms form', () => {
  let t: TestApp;
  let clinician: Agent, manager: Agent, rdLead: Agent;
  let id: string;
  let version: number;

  beforeAll(async () => {
    t = await buildTestApp();
    [clinician, manager, rdLead] = await Promise.all([t.signIn(t.world.clinician), t.signIn(t.world.manager), t.signIn(t.world.rdLead)]);
    const send = async (who: Agent, body: object) => {
      const res = await who.api('POST', `/api/v1/plans/${id}/events`, { version, ...body });
      if (res.status !== 200) throw new Error(await res.text());
      version = ((await res.json()) as { version: number }).version;
    };
    id = ((await (await clinician.api('POST', '/api/v1/plans', { title: 'Falls fellowship', managerId: t.world.manager.id })).json()) as { id: string }).id;
    version = 1;
    await send(clinician, { type: 'UPDATE_IDEA', ...idea, schemeId: 'ica-dcaf' });
    await send(clinician, { type: 'SUBMIT_FOR_AGREEMENT' });
    await send(manager, { type: 'AGREE_IN_PRINCIPLE', ...examples.AGREE_IN_PRINCIPLE(1) });
    await agreeAgenda((who, type, payload) => send(who === 'clinician' ? clinician : manager, { type, ...payload }));
  }, 60_000);
  afterAll(() => t.cleanup());

  it('offers the calculator on the terms form', async () => {
    const page = await (await clinician.get(`/plans/${id}/terms`)).text();
    expect(page).toContain('Work out the cost of cover');
    expect(page).toContain(`formaction="/plans/${id}/terms/costing"`);
    expect(page).toContain('<option value="8a">Band 8a</option>');
  });

  it('works out the cost and fills in the estimate, keeping everything typed', async () => {
    const res = await clinician.post(`/plans/${id}/terms/costing`, typedTerms(version));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('£18,632 a year, £55,896 over 36 months');
    expect(page).toMatch(/name="estimatedBackfillCostPerYear" type="text" value="18632"/);
    expect(page).toContain('A band 6 fixed-term post.');
  });

  it('names the field of a costing input that is wrong, keeping what was typed', async () => {
    const res = await clinician.post(`/plans/${id}/terms`, { ...typedTerms(version), 'costing-wte': '1.5' });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('href="#costing-wte"');
    expect(page).toContain('The WTE must be between 0.1 and 1');
    expect(page).toMatch(/id="costing-wte" name="costing-wte" type="text" value="1.5"/);
  });

  it('shows how the cost was reached on the check page, warns against the scheme, and keeps the figures with the terms', async () => {
    const check = await clinician.post(`/plans/${id}/terms`, typedTerms(version));
    expect(check.status).toBe(200);
    const page = await check.text();
    expect(page).toContain('How the cost was worked out');
    expect(page).toContain('expects about 80% of the week on research; this plan gives 30%');
    const sent = await clinician.post(`/plans/${id}/terms/confirm`, hiddenFields(page));
    expect(sent.status).toBe(303);
    version += 1;
    const plan = (await (await clinician.api('GET', `/api/v1/plans/${id}`)).json()) as Record<string, any>;
    expect(plan.data.terms.estimatedBackfillCostPerYear).toBe(18_632);
    expect(plan.data.terms.costing).toMatchObject({ clinicianBand: '6', backfillBand: '6', wte: 1, payPoint: 'top', figures: { backfillCostPerYear: 18_632 } });
  });

  it('warns the manager accepting the terms, and R&D signing off', async () => {
    const accept = await (await manager.get(`/plans/${id}/events/ACCEPT_TERMS`)).text();
    expect(accept).toContain('These terms against the scheme');
    expect(accept).toContain('this plan gives 30%');
    expect(accept).toContain('This is advice: you can still go ahead.');
    const res = await manager.post(`/plans/${id}/events/ACCEPT_TERMS`, { termsVersion: '1', version: String(version) });
    expect(res.status).toBe(303);
    const signOff = await (await rdLead.get(`/plans/${id}/events/SIGN_OFF`)).text();
    expect(signOff).toContain('The agreed terms against the scheme');
    expect(signOff).toContain('this plan gives 30%');
  });
});
