import { planMachine10 } from './legacy/plan-1.0.machine.js';
import { planMachine } from './plan.machine.js';
import { PROCESS } from './plan.types.js';

// Which process a plan follows. A plan records the process it was started
// under in its creation (PlanInput.process), which its audit trail hashes, so
// it cannot move. Plans of 1.0 record none: they replay, verify and finish
// under the 1.0 rules they were started with (README, decision 10).

export type AnyPlanMachine = typeof planMachine | typeof planMachine10;

/** The machine of a plan, from its creation input or its context (which includes the input). */
export const machineOf = (plan: { process?: string }): AnyPlanMachine => (plan.process === PROCESS ? planMachine : planMachine10);

/** Was this plan started under version 1.0? Its context lacks everything 1.1 added (the agenda, the draft's privacy…). */
export const isLegacyPlan = (plan: { process?: string }): boolean => plan.process !== PROCESS;

export const machines: AnyPlanMachine[] = [planMachine, planMachine10];
