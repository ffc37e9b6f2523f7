import { agendaKeys } from '../../src/domain/options.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/accounts/accounts.repository.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signEverything } from '../support/sign.js';
import { agreeAgenda } from '../support/agenda.js';
import type { World } from '../support/world.js';
import { act, planWaitingOnManager, type PlanRef } from '../notifications/helpers.js';

// The dashboard as each person reads it: what the service does when they have
// nothing yet, exactly the plans whose next step is theirs (also where either
// party may move it on), the documents they must authorise, the conditions of
// an award they must confirm, and for R&D the awards still being set up.

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
/** The text of the page's main content, without the header (which names the reader) and the footer. */
const mainOf = (html: string) => textOf(html.slice(html.indexOf('<main'), html.indexOf('</main>')));
/** The "Waiting for you" section of a dashboard, up to the next section. */
const waitingOf = (page: string) => {
  const from = page.slice(page.indexOf('Waiting for you'));
  const end = from.search(/ (Your plans|All plans|Awards being set up|R&D asked to help|Covering for) /);
  return end < 0 ? from : from.slice(0, end);
};

/** A plan with this title through agreement and terms, as helpers.planWaitingOnRd: it now waits on R&D. */
async function titledPlanWaitingOnRd(t: TestApp, w: World, title: string): Promise<PlanRef> {
  const plan = await planWaitingOnManager(t.services, w, title);
  await act(t.services, plan, w.manager, 'AGREE_IN_PRINCIPLE');
  await agreeAgenda((who, type, payload) => act(t.services, plan, w[who], type, payload));
  await act(t.services, plan, w.clinician, 'PROPOSE_TERMS');
  await act(t.services, plan, w.manager, 'ACCEPT_TERMS', { termsVersion: 1 });
  return plan;
}

describe('the first-time dashboard', () => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp('sqlite'); }, 60_000);
  afterAll(() => t.cleanup());
  const dashboardOf = async (user: User) => (await (await t.signIn(user)).get('/')).text();

  it('shows a clinician with no plans what the service does, its steps and how long they take, and a Start a plan button', async () => {
    const html = await dashboardOf(t.world.clinician);
    const page = mainOf(html);
    expect(page).toContain('Use this service to agree a plan for research training');
    expect(page).toContain('How it works');
    expect(page).toMatch(/allow at least \d+ weeks \(\d+ working days\)/);
    expect(html).toMatch(/<a href="\/plans\/new"[^>]*class="nhsuk-button"|class="nhsuk-button"[^>]*href="\/plans\/new"/);
    expect(page).toContain('Start a plan');
    expect(page).not.toContain('Nothing is waiting for you');
  });

  it.each([
    ['manager', 'decide whether to agree to the idea in principle'],
    ['manager', `agree ${agendaKeys.length} discussion points with them`],
    ['rdLead', 'check capacity and capability, the costs and who holds the budget'],
    ['supervisor', 'meet them to shape the research question'],
    ['admin', 'You manage accounts, organisations and settings'],
  ] as const)('tells a %s with nothing yet what will come to them and what they will be asked to do', async (role, asked) => {
    const page = mainOf(await dashboardOf(t.world[role]));
    expect(page).toContain('What will come to you');
    expect(page).toContain(asked);
    expect(page).not.toContain('Start a plan');
  });
});

describe('what waits for whom', () => {
  let t: TestApp;
  let returned: PlanRef;
  let award: PlanRef;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    const w = t.world;
    returned = await titledPlanWaitingOnRd(t, w, 'Returned over costs');
    await act(t.services, returned, w.rdLead, 'RETURN_FOR_CHANGES', { comment: 'The cover cost looks low for a band 6 post.' });
    const signedOff = await titledPlanWaitingOnRd(t, w, 'Signed off');
    await act(t.services, signedOff, w.rdLead, 'SIGN_OFF');
    award = await titledPlanWaitingOnRd(t, w, 'Awarded');
    await act(t.services, award, w.rdLead, 'SIGN_OFF');
    await act(t.services, award, w.manager, 'SCHEDULE_MEETING');
    await act(t.services, award, w.supervisor, 'RECORD_MEETING');
    await signEverything(t.services, award.id, w);
    await act(t.services, award, w.clinician, 'SUBMIT_APPLICATION');
    await act(t.services, award, w.rdLead, 'RECORD_OUTCOME');
  }, 120_000);
  afterAll(() => t.cleanup());

  const dashboardOf = async (user: User) => mainOf(await (await (await t.signIn(user)).get('/')).text());

  it('lists a plan R&D returned over costs for the manager as well as the clinician: either may propose new terms', async () => {
    const manager = waitingOf(await dashboardOf(t.world.manager));
    expect(manager).not.toContain('Nothing is waiting for you');
    expect(manager).toContain('Returned over costs');
    expect(manager).toContain('You or Alex Morgan (clinician) can take the next step.');
    const clinician = waitingOf(await dashboardOf(t.world.clinician));
    expect(clinician).toContain('Returned over costs');
    expect(clinician).toContain('Returned over costs With Sam Patel (your manager). Terms to be proposed. You or Sam Patel (your manager) can take the next step.');
    // R&D returned it: it no longer waits for R&D.
    expect(waitingOf(await dashboardOf(t.world.rdLead))).not.toContain('Returned over costs');
  });

  it('asks each signatory to authorise the training agreement, and nobody else', async () => {
    for (const who of ['clinician', 'manager', 'rdLead'] as const) {
      expect(waitingOf(await dashboardOf(t.world[who])), who).toMatch(/Authorise the training agreement, version 1 For Signed off\./i);
    }
    expect(waitingOf(await dashboardOf(t.world.supervisor))).not.toMatch(/Authorise the training agreement/i);
  });

  it('tells each person the conditions of an award that wait on them', async () => {
    const { conditions_for_clinician: c, conditions_for_manager: m, conditions_for_rd: r } = await t.services.db.kysely.selectFrom('plans')
      .select(['conditions_for_clinician', 'conditions_for_manager', 'conditions_for_rd', 'state']).where('id', '=', award.id).executeTakeFirstOrThrow();
    expect(Number(m) + Number(r)).toBeGreaterThan(0);
    const phrase = (n: number) => (n === 1 ? 'Confirm a condition of the award.' : `Confirm ${n} conditions of the award.`);
    for (const [who, n] of [['clinician', Number(c)], ['manager', Number(m)], ['rdLead', Number(r)]] as const) {
      const waiting = waitingOf(await dashboardOf(t.world[who]));
      if (n > 0) expect(waiting, who).toMatch(new RegExp(`Awarded .*${phrase(n).replace(/\./g, '\\.')}`));
      else expect(waiting, who).not.toContain('of the award');
    }
  });

  it("shows R&D the awards being set up, with how many conditions are open and for whom", async () => {
    const page = await dashboardOf(t.world.rdLead);
    const section = page.slice(page.indexOf('Awards being set up'), page.indexOf('All plans'));
    expect(section).toContain('Training starts once every condition of the award is confirmed.');
    expect(section).toMatch(/Awarded ?: Alex Morgan \(clinician\) and Sam Patel \(manager\)\./);
    expect(section).toMatch(/\d+ conditions? to confirm: (\d+ by (Alex Morgan \(clinician\)|Sam Patel \(manager\)|you \(R&D\))(, )?)+\./);
    expect(section).not.toContain('Returned over costs');
    // Nobody else gets the list.
    expect(await dashboardOf(t.world.manager)).not.toContain('Awards being set up');
  });

  it("shows a colleague covering for the manager the manager's waits in a section of its own", async () => {
    const manager = await t.signIn(t.world.manager);
    const set = await manager.post('/account/cover', {
      delegateId: t.world.otherManager.id, 'from-day': '1', 'from-month': '12', 'from-year': '2026', 'to-day': '24', 'to-month': '12', 'to-year': '2026',
    });
    expect(set.status).toBe(303);
    const page = await dashboardOf(t.world.otherManager);
    const section = page.slice(page.indexOf('Covering for Sam Patel until 24 December 2026'));
    expect(section).toContain('These plans are waiting for Sam Patel. You can act on them for Sam Patel, except signing documents.');
    expect(section).toContain('Returned over costs');
    // Kim Ford's own "Waiting for you" holds only what waits for Kim.
    expect(waitingOf(page)).not.toContain('Returned over costs');
  });
});
