import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { examples, idea, pointProposals } from '../support/examples.js';
import { actorOf } from '../support/world.js';

// The agenda's pages (DESIGN section 9): each point's status at a glance, a page
// per point, and forms that propose or answer several points at once.

describe('the agenda pages', () => {
  let t: TestApp;
  let clinician: Agent;
  let manager: Agent;

  beforeAll(async () => {
    t = await buildTestApp();
    clinician = await t.signIn(t.world.clinician);
    manager = await t.signIn(t.world.manager);
  });
  afterAll(() => t.cleanup());

  async function planInDiscussion(title = 'Agenda plan') {
    const { plans } = t.services;
    const { id } = await plans.create(actorOf(t.world.clinician), { title, managerId: t.world.manager.id });
    await plans.send(id, actorOf(t.world.clinician), { type: 'UPDATE_IDEA', version: 1, payload: idea });
    await plans.send(id, actorOf(t.world.clinician), { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
    await plans.send(id, actorOf(t.world.manager), { type: 'AGREE_IN_PRINCIPLE', version: 3, payload: examples.AGREE_IN_PRINCIPLE(0) });
    return id;
  }
  const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;

  it('shows every point with its status and whose move it is', async () => {
    const id = await planInDiscussion();
    const page = await (await clinician.get(`/plans/${id}/agenda`)).text();
    expect(page).toContain('0 of 9 points agreed.');
    expect(page).toContain('Respond to the points waiting for you');
    expect(page.match(/Waiting for you/g)).toHaveLength(4);
    expect(page).toContain('Either of you can propose it');
  });

  it('answers several points in one form, each its own event, and says why on a disagreement', async () => {
    const id = await planInDiscussion('Respond plan');
    const form = await (await clinician.get(`/plans/${id}/agenda/respond`)).text();
    const res = await clinician.post(`/plans/${id}/agenda/respond`, {
      version: versionOf(form),
      'opportunity-version': '1', 'opportunity-decision': 'agree',
      'people-version': '1', 'people-decision': 'disagree', 'people-reason': 'I have not met the mentor yet.',
      'midTermPlan-version': '1', 'midTermPlan-decision': 'later',
    });
    expect(res.status).toBe(303);
    const { snapshot } = await t.services.plans.load(id, actorOf(t.world.clinician));
    expect(snapshot.context.agenda.opportunity.agreed).toMatchObject({ version: 1 });
    expect(snapshot.context.agenda.people.dispute).toMatchObject({ reason: 'I have not met the mentor yet.' });
    expect(snapshot.context.agenda.midTermPlan.agreed).toBeNull();
  });

  it('refuses a disagreement without a reason, keeps what was typed, and changes nothing', async () => {
    const id = await planInDiscussion('No reason plan');
    const form = await (await clinician.get(`/plans/${id}/agenda/respond`)).text();
    const res = await clinician.post(`/plans/${id}/agenda/respond`, {
      version: versionOf(form), 'opportunity-version': '1', 'opportunity-decision': 'agree', 'people-version': '1', 'people-decision': 'disagree',
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Who will support the research?: Enter why you disagree');
    expect(page).toMatch(/value="agree"\s*checked/);
    const { row } = await t.services.plans.load(id, actorOf(t.world.clinician));
    expect(row.version).toBe(4);
  });

  it('proposes only the points that changed, from one form', async () => {
    const id = await planInDiscussion('Propose plan');
    const form = await (await manager.get(`/plans/${id}/agenda/propose`)).text();
    expect(form).toContain('A doctoral fellowship is the right next step');
    const res = await manager.post(`/plans/${id}/agenda/propose`, {
      version: versionOf(form),
      'opportunity-position': examples.AGREE_IN_PRINCIPLE(0).opportunityNotes!,
      'support-position': pointProposals.support.position, 'support-ownTimeUnderstood': 'yes', 'support-budgetHolderPreference': 'university',
    });
    expect(res.status).toBe(303);
    const { snapshot, row } = await t.services.plans.load(id, actorOf(t.world.manager));
    expect(row.version).toBe(5);
    expect(snapshot.context.agenda.support.proposals[0]).toMatchObject({ answers: { ownTimeUnderstood: true, budgetHolderPreference: 'university' } });
    expect(snapshot.context.agenda.opportunity.proposals).toHaveLength(1);
  });

  it('saves a proposal as a private draft that survives signing out, and clears it when sent', async () => {
    const id = await planInDiscussion('Draft plan');
    const page = await (await clinician.get(`/plans/${id}/agenda/careerPlan`)).text();
    const saved = await clinician.post(`/plans/${id}/agenda/careerPlan`, { version: versionOf(page), position: 'Half-written', _action: 'save-draft' });
    expect(saved.status).toBe(303);
    expect((await (await manager.get(`/plans/${id}/agenda/careerPlan`)).text())).not.toContain('Half-written');
    const again = await t.signIn(t.world.clinician);
    const resumed = await (await again.get(`/plans/${id}/agenda/careerPlan`)).text();
    expect(resumed).toContain('Half-written');
    expect(resumed).toContain('You saved these answers on');
    expect((await again.post(`/plans/${id}/agenda/careerPlan`, { version: versionOf(resumed), position: 'Finished: in the PDP this year.' })).status).toBe(303);
    expect(await (await again.get(`/plans/${id}/agenda/careerPlan`)).text()).not.toContain('Half-written');
  });

  it('shows one point with its versions and what changed, and lets the other party agree', async () => {
    const id = await planInDiscussion('Point plan');
    const first = await (await clinician.get(`/plans/${id}/agenda/people`)).text();
    expect(first).toContain('Version 1, proposed by Sam Patel (manager)');
    expect((await clinician.post(`/plans/${id}/agenda/people`, { version: versionOf(first), position: 'Dr Evans and the falls lead.', managerKnowsThem: 'some' })).status).toBe(303);
    const second = await (await manager.get(`/plans/${id}/agenda/people`)).text();
    expect(second).toContain('Version 2, proposed by Alex Morgan (clinician)');
    expect(second).toContain('What changed from version 1');
    expect(second).toContain('Earlier versions');
    const res = await manager.post(`/plans/${id}/agenda/people/answer`, { version: versionOf(second), pointVersion: '2', decision: 'agree' });
    expect(res.status).toBe(303);
    expect(await (await manager.get(`/plans/${id}/agenda`)).text()).toContain('1 of 9 points agreed.');
  });

  it('is not there for people outside the plan, nor for a point that does not exist', async () => {
    const id = await planInDiscussion('Hidden plan');
    const outsider = await t.signIn(t.world.otherManager);
    expect((await outsider.get(`/plans/${id}/agenda`)).status).toBe(404);
    expect((await clinician.get(`/plans/${id}/agenda/nope`)).status).toBe(404);
  });
});
