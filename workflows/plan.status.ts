import { createActor, initialTransition, type SnapshotFrom, type StateValue } from 'xstate';
import type { Role } from '../src/domain/options.js';
import { planMachine } from './plan.machine.js';
import type { PlanInput, StateMeta, Step } from './plan.types.js';
import { machineOf, machines } from './plan.versions.js';

export type PlanSnapshot = SnapshotFrom<typeof planMachine>;

/** `backfillPlan.awaitingManager` from `{ backfillPlan: 'awaitingManager' }`. */
export function stateName(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? [];
  if (key === undefined) return '';
  return child === undefined ? key : `${key}.${stateName(child as StateValue)}`;
}

export interface PlanStatus {
  state: string;
  topState: string;
  step: Step | null;
  awaitingRole: Role | null;
  final: boolean;
}

/** The facts a listing needs, derived from the snapshot (the deepest state's meta wins). */
export function statusOf(snapshot: PlanSnapshot): PlanStatus {
  const state = stateName(snapshot.value);
  let found: StateMeta = { step: null, awaiting: null };
  let depth = -1;
  for (const [id, m] of Object.entries(snapshot.getMeta() as Record<string, StateMeta | undefined>)) {
    const d = id.split('.').length;
    if (m && d > depth) [found, depth] = [m, d];
  }
  const final = snapshot.status === 'done';
  return { state, topState: state.split('.')[0] ?? state, step: found.step, awaitingRole: final ? null : found.awaiting, final };
}

/**
 * The final states of every process a plan may follow (`awarded` of 1.0, `withdrawn`…), by their full
 * names: a plan in one of them is finished and takes nothing more.
 */
export const finalStates: string[] = [...new Set(machines.flatMap((machine) =>
  Object.values(machine.states).filter((state) => state.type === 'final').map((state) => state.key)))];

/**
 * A new plan's first snapshot, under the process its input names. Snapshots of 1.0 plans are typed as
 * 1.1's: code that reads what 1.1 added checks isLegacyPlan() first.
 */
export function initialSnapshot(input: PlanInput | Omit<PlanInput, 'process'>): PlanSnapshot {
  return initialTransition(machineOf(input as { process?: string }) as typeof planMachine, input as PlanInput)[0];
}

/** Restore a snapshot from its persisted JSON (raw JSON cannot be passed to `transition`). */
export function restoreSnapshot(persisted: unknown): PlanSnapshot {
  const machine = machineOf((persisted as { context?: { process?: string } }).context ?? {}) as typeof planMachine;
  return createActor(machine, { snapshot: persisted as never, input: undefined as never }).getSnapshot();
}

export function persistSnapshot(snapshot: PlanSnapshot): unknown {
  return snapshot.machine.getPersistedSnapshot(snapshot);
}
