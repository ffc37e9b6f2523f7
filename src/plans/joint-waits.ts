import type { StateValue } from 'xstate';
import { progressEvents } from '../../workflows/plan.decide.js';
import { planMachine } from '../../workflows/plan.machine.js';
import { initialSnapshot, statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import { PROCESS, type Actor } from '../../workflows/plan.types.js';

// Where the machine leaves the next move to the clinician and the manager
// alike. Its states name one role they wait on (`awaiting` in their meta),
// but in some the other party may make exactly the same moves: terms still to
// be proposed (after the agreement in principle, or after R&D returns the
// plan) and a supervisor meeting still to arrange. There, "waiting for you"
// is true for both of them, and the dashboard lists the plan for both.
//
// Asked of the machine itself, once at start: for each of its states, the
// events with which each party would move the plan on. After the award the
// conditions say who owes what, so its states are left out.

type Party = 'clinician' | 'manager';

function leaves(node: { key: string; states: Record<string, unknown> }, path: string[] = []): string[][] {
  const children = Object.values(node.states) as Array<{ key: string; states: Record<string, unknown> }>;
  return children.length ? children.flatMap((child) => leaves(child, [...path, child.key])) : [path];
}

/** `{ backfillPlan: 'drafting' }` from ['backfillPlan', 'drafting']. */
const valueOf = (path: string[]): StateValue => path.slice(0, -1).reduceRight<StateValue>((inner, key) => ({ [key]: inner }), path.at(-1)!);

function jointStates(): Record<Party, string[]> {
  const base = initialSnapshot({ process: PROCESS, planId: 'plan', organisationId: 'trust', title: '', clinicianId: 'clinician', managerId: 'manager', createdAt: new Date(0).toISOString() });
  const context = { ...base.context, supervisorId: 'supervisor', sharedAt: base.context.createdAt };
  const party = (role: Party): Actor => ({ userId: role, role, organisationId: 'trust' });
  const joint: Record<Party, string[]> = { clinician: [], manager: [] };
  for (const path of leaves(planMachine.root as never)) {
    const snapshot = planMachine.resolveState({ value: valueOf(path), context }) as PlanSnapshot;
    const status = statusOf(snapshot);
    if (status.step === 'award' || status.final) continue;
    const awaited = status.awaitingRole;
    if (awaited !== 'clinician' && awaited !== 'manager') continue;
    const other: Party = awaited === 'clinician' ? 'manager' : 'clinician';
    const theirs = progressEvents(snapshot, party(awaited));
    const mine = progressEvents(snapshot, party(other));
    if (theirs.length > 0 && theirs.length === mine.length && theirs.every((type) => mine.includes(type))) joint[other].push(status.state);
  }
  return joint;
}

/** States (full names) in which a plan waits on this role as much as on the role the machine names. */
export const jointlyAwaiting: Readonly<Record<Party, readonly string[]>> = jointStates();

export const sharesWait = (role: string, state: string): boolean =>
  (role === 'clinician' || role === 'manager') && jointlyAwaiting[role].includes(state);
