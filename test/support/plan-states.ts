import type { User } from '../../src/accounts/accounts.repository.js';
import type { UserEventType } from '../../src/domain/events.js';
import type { Services } from '../../src/http/context.js';
import { currentTerms } from '../../workflows/plan.machine.js';
import { agendaSteps, counterTerms, examples, idea } from './examples.js';
import { signEverything } from './sign.js';
import { actorOf, type World } from './world.js';

// Plans brought to a given point of the process by the people who would take
// each step, for tests that look at the plan page in that state. A step is
// [who, event, payload?]; 'sign everything' has every current document
// authorised by each of its signatories.

export type Person = 'clinician' | 'manager' | 'rdLead' | 'supervisor' | 'admin';
export type Step = [Person, UserEventType, object?] | 'sign everything';

export const toAgreement: Step[] = [['clinician', 'UPDATE_IDEA'], ['clinician', 'SUBMIT_FOR_AGREEMENT']];
export const toTerms: Step[] = [...toAgreement, ['manager', 'AGREE_IN_PRINCIPLE']];
export const toAccept: Step[] = [...toTerms, ...agendaSteps, ['clinician', 'PROPOSE_TERMS']];
export const toSignOff: Step[] = [...toAccept, ['manager', 'ACCEPT_TERMS']];
export const toMeeting: Step[] = [...toSignOff, ['rdLead', 'SIGN_OFF']];
export const toRecord: Step[] = [...toMeeting, ['clinician', 'SCHEDULE_MEETING']];
export const toApplication: Step[] = [...toRecord, ['supervisor', 'RECORD_MEETING']];
export const toSubmitted: Step[] = [...toApplication, 'sign everything', ['clinician', 'SUBMIT_APPLICATION']];
export const toAward: Step[] = [...toSubmitted, ['clinician', 'RECORD_OUTCOME']];
export const conditionsConfirmed: Step[] = [
  ['manager', 'CONFIRM_CONDITION', { condition: 'backfill-in-place', note: 'Band 6 post filled from 1 October.' }],
  ['manager', 'CONFIRM_CONDITION', { condition: 'start-date-confirmed' }],
  ['clinician', 'CONFIRM_CONDITION', { condition: 'university-registration' }],
  ['rdLead', 'CONFIRM_CONDITION', { condition: 'honorary-contract' }],
];
export const toCompleted: Step[] = [...toAward, ...conditionsConfirmed, ['clinician', 'START_TRAINING'], ['manager', 'COMPLETE_AWARD']];

/**
 * A plan at the award the long way, as plans often go: the idea sent back once, the terms countered,
 * R&D returning them over the cost, comments on the way. Its page is the longest a plan's gets.
 */
export const toAwardTheLongWay: Step[] = [
  ...toAgreement,
  ['manager', 'REQUEST_CHANGES'],
  ['clinician', 'UPDATE_IDEA', { ...idea, serviceRelevance: 'Readmissions after hip fracture cost the ward 300 bed days last year.' }],
  ['clinician', 'SUBMIT_FOR_AGREEMENT', { comment: 'I have said how it helps the ward.' }],
  ['manager', 'AGREE_IN_PRINCIPLE'],
  ...agendaSteps,
  ['clinician', 'PROPOSE_TERMS'],
  ['manager', 'PROPOSE_TERMS', counterTerms],
  ['clinician', 'COMMENT', { text: 'Half and half works for me if the journal club counts.' }],
  ['clinician', 'ACCEPT_TERMS'],
  ['rdLead', 'RETURN_FOR_CHANGES'],
  ['clinician', 'PROPOSE_TERMS', { ...counterTerms, estimatedBackfillCostPerYear: 34000, comment: 'The cost now includes on-costs.' }],
  ['manager', 'ACCEPT_TERMS'],
  ['rdLead', 'SIGN_OFF'],
  ['clinician', 'SCHEDULE_MEETING'],
  ['supervisor', 'RECORD_MEETING'],
  ['manager', 'COMMENT', { text: 'Good meeting: let us keep the journal club going.' }],
  'sign everything',
  ['clinician', 'SUBMIT_APPLICATION'],
  ['clinician', 'RECORD_OUTCOME'],
];

/** Start a plan as `clinician` (with `manager`) and take the steps; returns its id. */
export async function planAt(services: Services, world: World, steps: Step[], options: { title?: string; clinician?: User; manager?: User } = {}) {
  const people: Record<Person, User> = { ...world, clinician: options.clinician ?? world.clinician, manager: options.manager ?? world.manager };
  const created = await services.plans.create(actorOf(people.clinician), { title: options.title ?? 'Mobilisation after hip fracture', managerId: people.manager.id });
  const { id } = created;
  let version = created.version;
  let context = (await services.plans.load(id, actorOf(people.clinician))).snapshot.context;
  for (const [index, step] of steps.entries()) {
    if (step === 'sign everything') {
      await signEverything(services, id, world, [people.clinician, people.manager]);
      ({ row: { version }, snapshot: { context } } = await services.plans.load(id, actorOf(people.clinician)));
      continue;
    }
    const [who, type, given] = step;
    const payload = given ?? (type === 'ACCEPT_TERMS' ? { termsVersion: currentTerms(context)?.version ?? 1 } : examples[type](1));
    try {
      ({ row: { version }, snapshot: { context } } = await services.plans.send(id, actorOf(people[who]), { type, version, payload }));
    } catch (error) {
      throw new Error(`step ${index + 1} (${type} by ${who}) was refused: ${String(error)}`, { cause: error });
    }
  }
  return id;
}
