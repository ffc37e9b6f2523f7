import type { Actor, PlanContext } from './plan.types.js';

// Who takes part in a plan (DESIGN section 5): its clinician, its manager, its
// linked supervisor, and every R&D lead and administrator of its organisation;
// until the clinician first sends the idea, the plan is their private draft
// (1.1). The machine's guards and the service's "may this person see it" both
// use this.

type Parties = Pick<PlanContext, 'clinicianId' | 'managerId' | 'supervisorId' | 'organisationId'> & { sharedAt?: string | null };

/** A plan never sent to the manager (1.1 plans record when it was; 1.0 plans do not, and were never private). */
export const isPrivateDraft = (plan: Parties): boolean => plan.sharedAt === null;

export function isParticipant(plan: Parties, actor: Actor): boolean {
  if (isPrivateDraft(plan) && actor.role !== 'clinician') return false;
  // A colleague covering for one of the plan's people takes part as them (the server sets onBehalfOf only in cover).
  const is = (id: string | null) => id !== null && (actor.userId === id || actor.onBehalfOf?.userId === id);
  switch (actor.role) {
    case 'clinician': return is(plan.clinicianId);
    case 'manager': return is(plan.managerId);
    case 'supervisor': return is(plan.supervisorId);
    case 'rdLead':
    case 'admin': return actor.organisationId === plan.organisationId;
    case 'system': return false;
  }
}

/** The state in which a plan has never been sent to anyone. */
export const PRIVATE_DRAFT_STATE = 'researchIdea.drafting';

/**
 * May this person see the plan at all (404 otherwise)? Its participants, except that a plan still in its
 * first draft is its clinician's alone, also a 1.0 plan (whose own rules did not know private drafts).
 */
export const maySee = (plan: Parties, state: string, actor: Actor): boolean =>
  isParticipant(plan, actor) && (state !== PRIVATE_DRAFT_STATE || actor.role === 'clinician');

/** Plans are started by clinicians, for themselves. */
export const mayStartPlans = (actor: Actor): boolean => actor.role === 'clinician';

/** A plan is started by a clinician, naming a manager of their own organisation. */
export function mayStartPlan(actor: Actor, manager: { role: string; organisationId: string } | undefined): boolean {
  return mayStartPlans(actor) && manager?.role === 'manager' && manager.organisationId === actor.organisationId;
}
