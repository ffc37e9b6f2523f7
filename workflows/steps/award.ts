import { and, or } from 'xstate';
import type { Role } from '../../src/domain/options.js';
import type { AwardCondition, PlanContext } from '../plan.types.js';
import { afterAward, fieldsOf, meta, present, stamp, update, updateOnEntry, waits, type GuardArgs } from './common.js';

// After the award (DESIGN section 11): the award is set up (each condition
// confirmed by the role that owns it, R&D's own conditions from the sign-off
// among them), training starts, and the award is completed. Withdrawing is
// for before the award; the rest of what is open stays open.

/** What every award needs before training starts, and who confirms it. */
export const standardConditions: Array<Omit<AwardCondition, 'confirmed'>> = [
  { key: 'backfill-in-place', owner: 'manager', text: 'The backfill is in place' },
  { key: 'start-date-confirmed', owner: 'manager', text: 'The start date is confirmed' },
  { key: 'university-registration', owner: 'clinician', text: 'Registered with the university' },
  { key: 'honorary-contract', owner: 'rdLead', text: 'The honorary contract is in place' },
];

const conditionsFor = (context: PlanContext): AwardCondition[] => [
  ...standardConditions,
  ...(context.signOff?.conditionItems ?? []).map((text, i) => ({ key: `rd-${i + 1}`, owner: 'rdLead' as Role, text })),
].map((c) => ({ ...c, confirmed: null }));

export const unconfirmed = (context: PlanContext): AwardCondition[] => context.conditions.filter((c) => !c.confirmed);

/** Is the sender the plan's person for this role (its clinician or manager, or an R&D lead of its trust)? */
function ownsCondition({ context, event }: GuardArgs, owner: Role): boolean {
  const { actor } = event;
  if (actor.role !== owner) return false;
  if (owner === 'rdLead') return actor.organisationId === context.organisationId;
  const who = owner === 'clinician' ? context.clinicianId : context.managerId;
  return actor.userId === who || actor.onBehalfOf?.userId === who;
}

export const awardGuards = {
  mayConfirmCondition: (args: GuardArgs) => {
    const { context, event } = args;
    if (event.type !== 'CONFIRM_CONDITION') return false;
    const condition = context.conditions.find((c) => c.key === event.condition);
    return !!condition && !condition.confirmed && ownsCondition(args, condition.owner);
  },
  areAllConditionsConfirmed: ({ context }: GuardArgs) => unconfirmed(context).length === 0,
};

export const awardActions = {
  setUpConditions: updateOnEntry(({ context }) => ({ conditions: conditionsFor(context) })),
  confirmCondition: update('CONFIRM_CONDITION', (context, e) => ({
    conditions: context.conditions.map((c) => (c.key === e.condition ? { ...c, confirmed: { ...present({ note: e.note }), ...stamp(e) } } : c)),
  })),
  startTraining: update('START_TRAINING', (_, e) => ({ training: { startedOn: e.startedOn, ...stamp(e) } })),
  completeAward: update('COMPLETE_AWARD', (_, e) => ({ completion: { ...fieldsOf(e), ...stamp(e) } })),
};

const byClinicianOrManager = or(['isPlanClinician', 'isPlanManager']);

export const awarded = {
  meta: meta({ step: 'award', awaiting: 'clinician' }),
  entry: 'setUpConditions',
  initial: 'settingUp',
  on: afterAward,
  states: {
    settingUp: {
      ...waits,
      on: {
        CONFIRM_CONDITION: { guard: and([or(['isPlanClinician', 'isPlanManager', 'isTrustRdLead']), 'mayConfirmCondition']), actions: 'confirmCondition' },
        START_TRAINING: { guard: and([byClinicianOrManager, 'areAllConditionsConfirmed']), target: 'inTraining', actions: 'startTraining' },
      },
    },
    inTraining: {
      ...waits,
      on: {
        COMPLETE_AWARD: { guard: byClinicianOrManager, target: '#plan.completed', actions: 'completeAward' },
      },
    },
  },
} as const;

export const completed = { type: 'final', meta: meta({ step: null, awaiting: null }) } as const;
