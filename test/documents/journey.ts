import type { PlanService } from '../../src/plans/plan.service.js';
import type { Payload, UserEventType } from '../../src/domain/events.js';
import type { User } from '../../src/accounts/accounts.repository.js';
import { agreeAgenda } from '../support/agenda.js';
import { examples, idea, onTheDay, terms } from '../support/examples.js';
import { actorOf, type World } from '../support/world.js';

// A plan driven through the service to the step a document test needs.

export interface Driven {
  id: string;
  version: number;
  send<T extends UserEventType>(user: User, type: T, payload: Payload<T> | Record<string, unknown>): Promise<number>;
}

export async function startPlan(plans: PlanService, world: World, title = 'Early mobilisation after hip fracture'): Promise<Driven> {
  const { id } = await plans.create(actorOf(world.clinician), { title, managerId: world.manager.id });
  const driven: Driven = {
    id, version: 1,
    async send(user, type, payload) {
      // Read the version afresh: authorisations and re-issues may have moved the plan on in between.
      driven.version = (await plans.load(id, actorOf(world.clinician))).row.version;
      const { row } = await plans.send(id, actorOf(user), { type, version: driven.version, payload: onTheDay(type, payload, plans.clock()) });
      driven.version = row.version;
      return row.version;
    },
  };
  return driven;
}

/** Up to R&D sign-off, which issues the training agreement. `overrides` change the terms and sign-off. */
export async function signedOff(plans: PlanService, world: World, overrides: { terms?: object; signOff?: object; agreement?: object; title?: string } = {}) {
  const plan = await startPlan(plans, world, overrides.title);
  await plan.send(world.clinician, 'UPDATE_IDEA', idea);
  await plan.send(world.clinician, 'SUBMIT_FOR_AGREEMENT', {});
  await plan.send(world.manager, 'AGREE_IN_PRINCIPLE', { ...examples.AGREE_IN_PRINCIPLE(0), ...overrides.agreement });
  await agreeAgenda((who, type, payload) => plan.send(world[who], type, payload));
  await plan.send(world.clinician, 'PROPOSE_TERMS', { ...terms, ...overrides.terms });
  await plan.send(world.manager, 'ACCEPT_TERMS', { termsVersion: 1 });
  await plan.send(world.rdLead, 'SIGN_OFF', { ...examples.SIGN_OFF(0), ...overrides.signOff });
  return plan;
}

/** On to the recorded meeting, which issues the meeting record and the letter of support. */
export async function meetingRecorded(plans: PlanService, world: World, overrides: { terms?: object; signOff?: object; meeting?: object; record?: object } = {}) {
  const plan = await signedOff(plans, world, overrides);
  await plan.send(world.clinician, 'SCHEDULE_MEETING', { ...examples.SCHEDULE_MEETING(0), ...overrides.meeting });
  await plan.send(world.supervisor, 'RECORD_MEETING', { ...examples.RECORD_MEETING(0), ...overrides.record });
  return plan;
}
