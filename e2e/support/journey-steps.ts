import { expect } from 'vitest';
import { choose, click, fillDate, heading } from './browser.js';
import { TITLE, TODAY, YEAR, type Journey } from './journey.js';

// The journey, step by step, as each person would go through it: the idea sent
// back once, the agenda with one point disputed and resolved, terms countered
// and returned once by R&D, a meeting that has happened, every document signed
// by its signatory, the application, and the award set up, started and completed.

export type Step = [name: string, run: () => Promise<void>];

export function journeySteps(j: Journey, server: { people: { supervisor: { name: string; email: string }; university: string; trust: string; manager: { name: string } } }): Step[] {
  return [
    ['the clinician signs in, starts a plan and writes the research idea over its pages', async () => {
      const s = await j.signInAs('clinician');
      const { page } = s;
      // A first-time dashboard: how the service works, and one way to start.
      expect(await page.locator('main').innerText()).toContain('How it works');
      await click(page, page.getByRole('button', { name: 'Start a plan', exact: true }).or(page.getByRole('link', { name: 'Start a plan', exact: true })).first());
      await j.look(s, 'new-plan');
      await page.getByLabel('Give your plan a short title').fill(TITLE);
      await page.getByLabel('Your line manager').selectOption({ label: server.people.manager.name });
      await click(page, page.getByRole('button', { name: 'Start the plan' }));
      j.planId = /^\/plans\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
      expect(j.planId, `the plan page, not ${page.url()}`).not.toBe('');
      expect(await heading(page)).toContain(TITLE);
      await j.look(s, 'plan-started');

      await j.startAction(s, 'Continue your research idea', 'idea');
      await click(page, page.getByRole('link', { name: 'About you and the opportunity' }));
      await j.look(s, 'idea-about');
      await choose(page, 'What is your profession?', 'Nurse');
      await choose(page, 'What level of research training are you aiming for?', 'Doctoral fellowship (PhD)');
      await page.getByLabel('Which scheme are you aiming for? (optional)').selectOption({ label: 'NIHR Doctoral Clinical and Practitioner Academic Fellowship (DCAF)' });
      await click(page, page.getByRole('button', { name: 'Save and continue' }));

      expect(await heading(page)).toContain('Why now');
      await j.look(s, 'idea-why-now');
      await page.getByLabel('Why is this opportunity right for you now?').fill('Our falls audit showed a gap, and the trust has just joined a regional research network.');
      await page.getByLabel('What is your career goal?').fill('To lead nursing research on the orthopaedic wards while keeping clinical practice.');
      await choose(page, 'Is this in your personal development plan?', 'Yes');
      await click(page, page.getByRole('button', { name: 'Save and continue' }));

      expect(await heading(page)).toContain('Your research');
      await j.look(s, 'idea-research');
      await page.getByLabel('What would you like to research?').fill('Whether mobilising patients within 24 hours of hip fracture surgery reduces delirium.');
      await page.getByLabel('What is your research question? (optional)').fill('Does early mobilisation reduce delirium after hip fracture surgery?');
      await page.getByLabel('How would it help your service or patients?').fill('Delirium lengthens stays on our ward; the trust lists it as a priority.');
      await click(page, page.getByRole('button', { name: 'Save and continue' }));

      expect(await heading(page)).toContain('People');
      await j.look(s, 'idea-people');
      const first = page.getByRole('group', { name: 'Person 1', exact: true });
      await first.getByLabel('Full name').fill(server.people.supervisor.name);
      await first.getByLabel('Organisation').fill(server.people.university);
      await first.getByLabel('Email address').fill(server.people.supervisor.email);
      await first.getByLabel('Their role in your plan').selectOption({ label: 'Academic supervisor' });
      await click(page, page.getByRole('button', { name: 'Save and continue' }));

      expect(await heading(page)).toContain('Check your research idea before you send it');
      await j.look(s, 'idea-check');
      await j.send(s, 'Send to your manager', 'Your research idea has been sent to your manager', 'idea-sent');
    }],

    ['the manager asks for changes, and the clinician revises the idea and sends it again', async () => {
      const m = await j.signInAs('manager');
      await j.openWaitingPlan(m);
      await j.startAction(m, 'Ask for changes', 'request-changes');
      await m.page.getByLabel('What needs to change?').fill('Please add the numbers from the falls audit, so R&D can see the size of the problem.');
      await j.send(m, 'Ask for changes', 'Your request for changes has been sent', 'changes-asked');

      const s = j.person('clinician');
      const { page } = s;
      await j.openWaitingPlan(s);
      await j.startAction(s, 'Edit your research idea', 'idea-to-revise');
      expect(await page.locator('main').innerText()).toContain('Please add the numbers from the falls audit');
      await click(page, page.getByRole('link', { name: 'Your research' }));
      await page.getByLabel('How would it help your service or patients?')
        .fill('Our 2025 falls audit found 38 falls in 412 admissions after hip fracture; delirium preceded most of them.');
      await click(page, page.getByRole('button', { name: 'Save and continue' }));
      await click(page, page.getByRole('button', { name: 'Save and continue' }));
      expect(await heading(page)).toContain('Check your research idea before you send it');
      expect(await page.locator('main').innerText()).toContain('38 falls in 412 admissions');
      await j.send(s, 'Send to your manager', 'Your research idea has been sent to your manager', 'idea-resent');
    }],

    ['the manager agrees in principle, with notes that open two points of the agenda', async () => {
      const s = j.person('manager');
      await j.openWaitingPlan(s);
      await j.startAction(s, 'Agree in principle', 'agree-in-principle');
      await s.page.getByLabel('Is this the right opportunity, and why? (optional)').fill('Yes: a doctoral fellowship fits Alex’s experience and our service needs.');
      await s.page.getByLabel('Do you know the proposed supervisor, mentor and collaborators, and are they the right people? (optional)').fill('I have not met Dr Evans; a second supervisor from the ward would help.');
      await j.send(s, 'Agree in principle', 'You have agreed in principle', 'agreed');
    }],

    ['the clinician agrees one point, disputes the other with a reason, and proposes the other seven', async () => {
      const s = j.person('clinician');
      const { page } = s;
      await j.openWaitingPlan(s);
      await j.openAgenda(s, 'agenda');
      await click(page, page.getByRole('button', { name: 'Respond to the points waiting for you' }).or(page.getByRole('link', { name: 'Respond to the points waiting for you' })).first());
      await j.look(s, 'agenda-respond');
      await choose(page, 'Do you agree with “Is this the right opportunity?”?', 'Yes, I agree');
      await choose(page, 'Do you agree with “Who will support the research?”?', 'No, I disagree');
      await page.getByRole('textbox', { name: 'If you disagree, say why' }).nth(1)
        .fill('Dr Evans supervised my MRes; I would rather keep one supervisor and add a ward mentor.');
      await click(page, page.getByRole('button', { name: 'Send your answers' }));
      expect(new URL(page.url()).pathname).toBe(`/plans/${j.planId}/agenda`);
      await j.look(s, 'agenda-answered');

      await click(page, page.getByRole('button', { name: 'Propose or change points' }).or(page.getByRole('link', { name: 'Propose or change points' })).first());
      await j.look(s, 'agenda-propose');
      // Every point nobody has proposed yet gets the clinician's position; the two proposed stay as they are.
      const positions = page.locator('textarea[name$="position"]');
      for (let i = 0; i < await positions.count(); i += 1) {
        const box = positions.nth(i);
        if (!(await box.inputValue())) await box.fill(`My proposal for this point (${i + 1}): as discussed at our one-to-one on the ward.`);
      }
      await click(page, page.getByRole('button', { name: 'Send your proposals' }));
      expect(new URL(page.url()).pathname).toBe(`/plans/${j.planId}/agenda`);
      expect(await page.locator('#agenda-count').innerText()).toContain('1 of 9 points agreed');
      await j.look(s, 'agenda-proposed');
    }],

    ['the manager proposes a new version of the disputed point and agrees the clinician’s seven', async () => {
      const s = j.person('manager');
      const { page } = s;
      await j.openWaitingPlan(s);
      await j.openAgenda(s, 'agenda');
      await click(page, page.getByRole('link', { name: 'Who will support the research?' }).first());
      await j.look(s, 'agenda-point-disputed');
      expect(await page.locator('main').innerText()).toContain('Dr Evans supervised my MRes');
      await page.locator('textarea[name$="position"]').fill('Dr Evans supervises, and the ward’s practice educator mentors Alex.');
      await click(page, page.getByRole('button', { name: 'Send your proposal' }));
      await j.look(s, 'agenda-point-proposed');

      expect(new URL(page.url()).pathname, 'a proposal leads back to the agenda').toBe(`/plans/${j.planId}/agenda`);
      expect(await page.locator('main .nhsuk-notification-banner').count(), 'one confirmation, not two').toBe(1);
      await click(page, page.getByRole('button', { name: 'Respond to the points waiting for you' }).or(page.getByRole('link', { name: 'Respond to the points waiting for you' })).first());
      await j.look(s, 'agenda-respond');
      const agree = page.locator('input[type=radio][value=agree]');
      for (let i = 0; i < await agree.count(); i += 1) await agree.nth(i).check();
      await click(page, page.getByRole('button', { name: 'Send your answers' }));
      expect(await page.locator('#agenda-count').innerText()).toContain('8 of 9 points agreed');
      await j.look(s, 'agenda-answered');
    }],

    ['the clinician agrees the new version, and every point is agreed', async () => {
      const s = j.person('clinician');
      const { page } = s;
      await j.openWaitingPlan(s);
      await j.openAgenda(s, 'agenda');
      await click(page, page.getByRole('link', { name: 'Who will support the research?' }).first());
      expect(await page.locator('main').innerText()).toContain('practice educator');
      await choose(page, 'Do you agree with version 2?', 'Yes, I agree');
      await click(page, page.getByRole('button', { name: 'Send your answer' }));
      await j.look(s, 'agenda-point-agreed');
      await page.goto(`/plans/${j.planId}/agenda`);
      expect(await page.locator('#agenda-count').innerText()).toContain('9 of 9 points agreed');
    }],

    ['the clinician proposes terms, the manager counter-proposes the academic share, and the clinician accepts', async () => {
      const clinician = j.person('clinician');
      await j.openWaitingPlan(clinician);
      await j.startAction(clinician, 'Propose terms', 'terms');
      await j.proposeTerms(clinician, { academicPercent: '50', cost: '21000', comment: 'Half of my week academic, as the fellowship expects.' }, true);

      const manager = j.person('manager');
      await j.openWaitingPlan(manager);
      await j.startAction(manager, 'Propose terms', 'terms-counter');
      expect(await manager.page.getByLabel(/What share of .+ working week will be research\?/).inputValue()).toBe('50');
      await j.proposeTerms(manager, { academicPercent: '60', comment: 'Three days academic, as the scheme expects; the ward rota allows it from October.' }, false);

      await j.openWaitingPlan(clinician);
      await j.acceptTerms(clinician);
    }],

    ['R&D returns the plan for changes once; the terms are proposed and accepted again, and R&D signs off', async () => {
      const rd = await j.signInAs('rdLead');
      await j.openWaitingPlan(rd);
      await j.startAction(rd, 'Return for changes', 'return-for-changes');
      await rd.page.getByLabel('What needs to change?').fill('The backfill cost must include employer on-costs.');
      await j.send(rd, 'Return for changes', 'You have returned the plan for changes', 'returned');

      const clinician = j.person('clinician');
      await j.openWaitingPlan(clinician);
      await j.startAction(clinician, 'Propose terms', 'terms-after-return');
      expect(await clinician.page.locator('main').innerText()).toContain('employer on-costs');
      await j.proposeTerms(clinician, { cost: '26500', comment: 'The cost now includes employer on-costs.' }, false);

      const manager = j.person('manager');
      await j.openWaitingPlan(manager);
      await j.acceptTerms(manager);

      await j.openWaitingPlan(rd);
      await j.startAction(rd, 'Sign off', 'sign-off');
      await choose(rd.page, 'Who will hold the budget?', 'The NHS trust');
      await choose(rd.page, 'Capacity and capability', 'I confirm the trust has the capacity and capability to support this plan');
      await rd.page.getByLabel('Conditions (optional)').fill('A review with R&D at 12 months.');
      await rd.page.getByLabel('Anything R&D must confirm after an award, before training starts (optional)').fill('Research passport issued');
      await j.send(rd, 'Sign off', 'You have signed off the plan', 'signed-off');
    }],

    ['the meeting is arranged with the supervisor, who records it on the day it took place', async () => {
      const clinician = j.person('clinician');
      const { page } = clinician;
      await j.openWaitingPlan(clinician);
      await j.startAction(clinician, 'Arrange the supervisor meeting', 'schedule-meeting');
      expect(await page.getByLabel('Full name').inputValue()).toBe(server.people.supervisor.name);
      await page.getByLabel('University or organisation').fill(server.people.university);
      await page.getByLabel('Email address').fill(server.people.supervisor.email);
      await fillDate(page, 'Date', [15, 3, YEAR]);
      await page.getByLabel('Start time (UK time)').fill('10:00');
      await page.getByLabel('How long will it last?').fill('60');
      await page.getByLabel('Where is it, or what is the video link?').fill('Research office, Northshire General Hospital');
      // The email belongs to the supervisor's account: the form shows whose it is before anything is sent.
      await click(page, page.getByRole('button', { name: 'Arrange the meeting', exact: true }));
      expect(await page.locator('#supervisor-account').innerText()).toContain(`${server.people.supervisor.name}, ${server.people.university}, has an account in this service`);
      await j.look(clinician, 'schedule-meeting-confirm');
      await j.send(clinician, 'Confirm and arrange the meeting', 'You have arranged the supervisor meeting', 'meeting-arranged');

      const supervisor = await j.signInAs('supervisor');
      await j.openWaitingPlan(supervisor);
      await j.startAction(supervisor, 'Record the meeting', 'record-meeting');
      const sp = supervisor.page;
      // The meeting was brought forward: it happened today, and that is the date every document states.
      await fillDate(sp, 'When did the meeting take place?', TODAY);
      await sp.getByLabel('What research question did you agree?').fill('Does mobilisation within 24 hours of hip fracture surgery reduce post-operative delirium?');
      await sp.getByLabel('How is the project relevant to the local service?').fill('Delirium after hip fracture is a trust quality priority.');
      await sp.getByLabel('How will your team and the service keep working together?').fill('A joint journal club each quarter and a shared MSc student project.');
      await sp.getByLabel('Actions', { exact: true }).fill('Alex: draft the application by May\nDr Evans: review the draft in June');
      await j.send(supervisor, 'Record the meeting', 'You have recorded the supervisor meeting', 'meeting-recorded');
    }],

    ['every document is authorised by each of its signatories', async () => {
      await j.signDocuments(j.person('supervisor'), ['meeting record', 'letter of support']);
      await j.signDocuments(j.person('manager'), ['training agreement', 'meeting record', 'letter of support']);
      await j.signDocuments(j.person('rdLead'), ['training agreement', 'letter of support']);
      await j.signDocuments(j.person('clinician'), ['training agreement', 'meeting record']);
    }],

    ['the application is recorded and the award made', async () => {
      const s = j.person('clinician');
      const { page } = s;
      await j.openWaitingPlan(s);
      await j.startAction(s, 'Record the submitted application', 'submit-application');
      await page.getByLabel('Funder', { exact: true }).fill('NIHR');
      await page.getByLabel('Scheme', { exact: true }).fill('Doctoral Clinical and Practitioner Academic Fellowship');
      await page.getByLabel('Name of the funding call').fill('Round 12');
      await fillDate(page, 'Call deadline', [1, 5, YEAR]);
      await fillDate(page, 'Date you submitted', TODAY);
      await page.getByLabel('Application reference').fill('NIHR-DCAPAF-0042');
      await j.send(s, 'Record the application', 'Your application has been recorded', 'application-recorded');

      await j.startAction(s, 'Record the outcome', 'record-outcome');
      await choose(page, 'What did the funder decide?', 'Awarded');
      await fillDate(page, 'Date of the decision', TODAY);
      await page.getByLabel('Feedback from the funder (optional)').fill('A strong application with clear patient benefit.');
      await fillDate(page, 'When does the award start?', [1, 10, YEAR]);
      await page.getByLabel('What is the plan for the end of the award?').fill('Alex returns to the ward with one research day a week.');
      await j.send(s, 'Record the outcome', 'You have recorded the outcome of the application', 'awarded');
    }],

    ['each person confirms the conditions of the award they own', async () => {
      const confirm = async (role: 'manager' | 'clinician' | 'rdLead', conditions: string[]) => {
        const s = j.person(role);
        for (const condition of conditions) {
          await j.openWaitingPlan(s);
          await j.startAction(s, /^Confirm your conditions? of the award$/, 'confirm-condition');
          await choose(s.page, 'Which condition are you confirming?', condition);
          await j.send(s, 'Confirm', 'You have confirmed the condition', 'condition-confirmed');
        }
      };
      await confirm('manager', ['The backfill is in place', 'The start date is confirmed']);
      await confirm('rdLead', ['The honorary contract is in place', 'Research passport issued']);
      await confirm('clinician', ['Registered with the university']);
    }],

    ['the clinician records that training started, and later that the award is complete', async () => {
      const s = j.person('clinician');
      const { page } = s;
      await j.openWaitingPlan(s);
      await j.startAction(s, 'Record that training has started', 'start-training');
      await fillDate(page, 'When did the training start?', TODAY);
      await j.send(s, 'Record that training has started', 'You have recorded that training has started', 'in-training');

      await j.openWaitingPlan(s);
      await j.startAction(s, 'Record that the award is complete', 'complete-award');
      await fillDate(page, 'When did the award end?', TODAY);
      await page.getByLabel('What did the award achieve?').fill('A PhD in progress, two papers, and a clinical academic post on the ward from next year.');
      // The end of the journey: a confirmation panel rather than a banner.
      await click(page, page.getByRole('button', { name: 'Record that the award is complete', exact: true }));
      expect(new URL(page.url()).pathname).toBe(`/plans/${j.planId}`);
      expect(await page.locator('.nhsuk-panel').innerText()).toContain('Award complete');
      await j.look(s, 'completed');

      await click(page, page.getByRole('link', { name: /history/i }).first());
      expect(await heading(page)).toContain('History');
      await j.look(s, 'history');
      await click(page, page.getByRole('button', { name: 'Sign out' }));
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    }],
  ];
}
