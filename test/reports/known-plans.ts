import { createUser } from '../../src/accounts/accounts.service.js';
import type { User } from '../../src/accounts/accounts.repository.js';
import type { TestApp } from '../support/app.js';
import { agendaSteps, examples, idea, terms } from '../support/examples.js';
import { signEverything } from '../support/sign.js';
import { actorOf, PASSWORD } from '../support/world.js';

// A trust whose pipeline is known to the day: every plan below is taken
// through the real plan service at fixed times (09:00 UTC, so each stay lasts
// whole days), and the report is asked for at NOW. The expected figures are
// worked out by hand in pipeline.api.test.ts. The paths follow the process of
// version 1.1 (the agenda agreed, the documents signed before the application
// goes): when the process changes, this is the one place to follow it. Neither
// the agenda nor a signature moves a plan to another step, so they leave the
// stays as they were.

export const NOW = '2026-12-01T09:00:00.000Z';

/** An event on a day; or, on a day, the agenda agreed by the clinician and manager, or every document signed. */
type Step = [day: string, who: User, type: string, payload?: object] | [day: string, 'agenda', User, User] | [day: string, 'sign everything'];

const at = (day: string) => (day.includes('T') ? day : `${day}T09:00:00.000Z`);
const ideaOf = (profession: string, opportunityLevel: string, scheme: string | null) => {
  const { scheme: _s, ...rest } = idea;
  return { ...rest, profession, opportunityLevel, ...(scheme ? { scheme } : {}) };
};

async function plan(t: TestApp, title: string, created: string, clinician: User, manager: User, steps: Step[]): Promise<string> {
  t.clock.set(at(created));
  const { id } = await t.services.plans.create(actorOf(clinician), { title, managerId: manager.id });
  const send = async (who: User, type: string, payload: object = {}) => {
    const { row } = await t.services.plans.load(id, actorOf(who));
    await t.services.plans.send(id, actorOf(who), { type, version: row.version, payload });
  };
  for (const step of steps) {
    t.clock.set(at(step[0]));
    if (step[1] === 'agenda') {
      const [, , clinicianOfPlan, managerOfPlan] = step;
      for (const [who, type, payload] of agendaSteps) await send(who === 'clinician' ? clinicianOfPlan : managerOfPlan, type, payload);
    } else if (step[1] === 'sign everything') {
      await signEverything(t.services, id, t.world);
    } else {
      await send(step[1], step[2], step[3]);
    }
  }
  return id;
}

const meetingOn = (day: string) => ({ ...examples.SCHEDULE_MEETING(1), startsAt: `${day}T10:00:00+00:00` });

export async function seedKnownPlans(t: TestApp) {
  const { clinician: alex, otherClinician: robin, manager: sam, rdLead: priya } = t.world;
  const outsider = await createUser(t.t.db, { name: 'Mo Khan', email: 'mo.khan@southvale.nhs.uk', role: 'clinician', organisation: t.world.otherTrust.id, password: PASSWORD });
  const outsiderManager = await createUser(t.t.db, { name: 'Di Ross', email: 'di.ross@southvale.nhs.uk', role: 'manager', organisation: t.world.otherTrust.id, password: PASSWORD });

  const a = await plan(t, 'A: awarded', '2026-03-01', alex, sam, [
    ['2026-03-01', alex, 'UPDATE_IDEA', ideaOf('nurse', 'doctoral', 'NIHR DCAF')],
    ['2026-03-11', alex, 'SUBMIT_FOR_AGREEMENT'],
    ['2026-03-15', sam, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(1)],
    ['2026-03-16', 'agenda', alex, sam],
    ['2026-03-20', alex, 'PROPOSE_TERMS', { ...terms, estimatedBackfillCostPerYear: 30_000 }],
    ['2026-03-25', sam, 'ACCEPT_TERMS', { termsVersion: 1 }],
    ['2026-04-04', priya, 'SIGN_OFF', examples.SIGN_OFF(1)],
    ['2026-04-05', alex, 'SCHEDULE_MEETING', meetingOn('2026-04-10')],
    ['2026-04-14', alex, 'RECORD_MEETING', { ...examples.RECORD_MEETING(1), heldOn: '2026-04-10' }],
    ['2026-04-18', 'sign everything'],
    ['2026-04-20', alex, 'SUBMIT_APPLICATION', { ...examples.SUBMIT_APPLICATION(1), submittedOn: '2026-04-20' }],
    ['2026-06-13', alex, 'RECORD_OUTCOME', { ...examples.RECORD_OUTCOME(1), decidedOn: '2026-06-13' }],
  ]);
  const b = await plan(t, 'B: declined', '2026-03-02', robin, sam, [
    ['2026-03-02', robin, 'UPDATE_IDEA', ideaOf('nurse', 'masters', 'ICA Masters')],
    ['2026-03-06', robin, 'SUBMIT_FOR_AGREEMENT'],
    ['2026-03-08', sam, 'DECLINE', examples.DECLINE(1)],
  ]);
  const c = await plan(t, 'C: with R&D', '2026-03-03', alex, sam, [
    ['2026-03-03', alex, 'UPDATE_IDEA', ideaOf('allied-health-professional', 'doctoral', 'NIHR DCAF')],
    ['2026-03-05', alex, 'SUBMIT_FOR_AGREEMENT'],
    ['2026-03-07', sam, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(1)],
    ['2026-03-07', 'agenda', alex, sam],
    ['2026-03-08', alex, 'PROPOSE_TERMS', { ...terms, estimatedBackfillCostPerYear: 20_000 }],
    ['2026-03-10', sam, 'ACCEPT_TERMS', { termsVersion: 1 }],
  ]);
  const d = await plan(t, 'D: private draft', '2026-03-04', alex, sam, [
    ['2026-03-04', alex, 'UPDATE_IDEA', ideaOf('pharmacist', 'senior', 'Draft scheme')],
  ]);
  const e = await plan(t, 'E: not awarded', '2026-01-10', robin, sam, [
    ['2026-01-10', robin, 'UPDATE_IDEA', ideaOf('pharmacist', 'predoctoral', null)],
    ['2026-01-20', robin, 'SUBMIT_FOR_AGREEMENT'],
    ['2026-01-21', sam, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(1)],
    ['2026-01-21', 'agenda', robin, sam],
    ['2026-01-22', sam, 'PROPOSE_TERMS', { ...terms, estimatedBackfillCostPerYear: 10_000 }],
    ['2026-01-24', robin, 'ACCEPT_TERMS', { termsVersion: 1 }],
    ['2026-01-31', priya, 'SIGN_OFF', examples.SIGN_OFF(1)],
    ['2026-02-01', robin, 'SCHEDULE_MEETING', meetingOn('2026-02-03')],
    ['2026-02-05', robin, 'RECORD_MEETING', { ...examples.RECORD_MEETING(1), heldOn: '2026-02-03' }],
    ['2026-02-08', 'sign everything'],
    ['2026-02-10', robin, 'SUBMIT_APPLICATION', { ...examples.SUBMIT_APPLICATION(1), submittedOn: '2026-02-10' }],
    ['2026-03-10', priya, 'RECORD_OUTCOME', { outcome: 'not-awarded', decidedOn: '2026-03-10', feedback: 'A strong field this round.' }],
  ]);
  const f = await plan(t, 'F: withdrawn', '2026-02-01', alex, sam, [
    ['2026-02-01', alex, 'UPDATE_IDEA', ideaOf('nurse', 'doctoral', 'NIHR DCAF')],
    ['2026-02-03', alex, 'SUBMIT_FOR_AGREEMENT'],
    ['2026-02-05', alex, 'WITHDRAW', examples.WITHDRAW(1)],
  ]);
  // Just either side of the range 1 January to 31 March 2026, as days in England.
  const g = await plan(t, 'G: New Year’s Eve', '2025-12-31T23:30:00.000Z', alex, sam, [
    ['2026-01-02', alex, 'UPDATE_IDEA', ideaOf('midwife', 'internship', 'Local internship')],
    ['2026-01-02', alex, 'SUBMIT_FOR_AGREEMENT'],
  ]);
  const h = await plan(t, 'H: 1 April in England', '2026-03-31T23:30:00.000Z', alex, sam, [
    ['2026-04-02', alex, 'UPDATE_IDEA', ideaOf('midwife', 'internship', 'Local internship')],
    ['2026-04-02', alex, 'SUBMIT_FOR_AGREEMENT'],
  ]);
  const other = await plan(t, 'Another trust’s plan', '2026-02-01', outsider, outsiderManager, [
    ['2026-02-01', outsider, 'UPDATE_IDEA', ideaOf('doctor', 'senior', 'Another trust scheme')],
    ['2026-02-02', outsider, 'SUBMIT_FOR_AGREEMENT'],
  ]);
  t.clock.set(NOW);
  return { a, b, c, d, e, f, g, h, other, outsider, outsiderManager };
}
