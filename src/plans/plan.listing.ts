import { pointsWaitingOn, rdAskedToHelpAt } from '../../workflows/plan.agenda.js';
import { statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import type { PlanRow } from './plan.repository.js';

// The columns of the plan row that lists and dashboards read instead of the
// snapshot (DESIGN section 4), derived from the snapshot on every change.

export type Listing = Pick<PlanRow,
  | 'title' | 'supervisor_id' | 'state' | 'top_state' | 'step' | 'awaiting_role' | 'waiting_since'
  | 'points_for_clinician' | 'points_for_manager' | 'rd_help_since'
  | 'conditions_for_clinician' | 'conditions_for_manager' | 'conditions_for_rd'>;

export function listingOf(snapshot: PlanSnapshot): Listing {
  const { context } = snapshot;
  const status = statusOf(snapshot);
  // Plans of 1.0 have no agenda and no mediation.
  const legacy = isLegacyPlan(context);
  const waiting = (owner: string) => (legacy || status.final ? 0 : (context.conditions ?? []).filter((c) => !c.confirmed && c.owner === owner).length);
  return {
    title: context.title,
    supervisor_id: context.supervisorId,
    state: status.state, top_state: status.topState, step: status.step, awaiting_role: status.awaitingRole,
    waiting_since: status.awaitingRole ? context.waitingSince : null,
    points_for_clinician: legacy || status.final ? 0 : pointsWaitingOn(context.agenda, 'clinician').length,
    points_for_manager: legacy || status.final ? 0 : pointsWaitingOn(context.agenda, 'manager').length,
    rd_help_since: legacy ? null : rdAskedToHelpAt(context),
    conditions_for_clinician: waiting('clinician'),
    conditions_for_manager: waiting('manager'),
    conditions_for_rd: waiting('rdLead'),
  };
}

/** Only columns that changed are written: setting an indexed column to its old value still rewrites its index entries. */
export function changedColumns<T extends Partial<PlanRow>>(row: PlanRow, next: T): Partial<T> {
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => row[key as keyof PlanRow] !== value)) as Partial<T>;
}
