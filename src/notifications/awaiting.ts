import { planMachine } from '../../workflows/plan.machine.js';
import type { Role } from '../domain/options.js';
import type { StateMeta } from '../../workflows/plan.types.js';

// The role a state waits on, from the machine's own state meta (the deepest
// state that says wins), for records that keep only the state's name, such
// as an audit event's state_before.

export function awaitingRoleOf(state: string): Role | null {
  let node: { meta?: unknown; parent?: unknown } | undefined;
  try {
    node = planMachine.getStateNodeById(`plan.${state}`);
  } catch {
    return null;
  }
  for (; node; node = node.parent as typeof node) {
    const meta = node.meta as StateMeta | undefined;
    if (meta && 'awaiting' in meta) return meta.awaiting;
  }
  return null;
}
