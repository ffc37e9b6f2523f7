import type { Actor, PlanContext } from './plan.types.js';

// Who takes part in a plan (DESIGN section 5): its clinician, its manager, its
// linked supervisor, and every R&D lead and administrator of its organisation.
// The machine's guards and the service's "may this person see it" both use this.

type Parties = Pick<PlanContext, 'clinicianId' | 'managerId' | 'supervisorId' | 'organisationId'>;

export function isParticipant(plan: Parties, actor: Actor): boolean {
  switch (actor.role) {
    case 'clinician': return actor.userId === plan.clinicianId;
    case 'manager': return actor.userId === plan.managerId;
    case 'supervisor': return plan.supervisorId !== null && actor.userId === plan.supervisorId;
    case 'rdLead':
    case 'admin': return actor.organisationId === plan.organisationId;
    case 'system': return false;
  }
}

/** Plans are started by clinicians, for themselves. */
export const mayStartPlans = (actor: Actor): boolean => actor.role === 'clinician';

/** A plan is started by a clinician, naming a manager of their own organisation. */
export function mayStartPlan(actor: Actor, manager: { role: string; organisationId: string } | undefined): boolean {
  return mayStartPlans(actor) && manager?.role === 'manager' && manager.organisationId === actor.organisationId;
}
