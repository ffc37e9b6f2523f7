import { isParticipant } from '../plan.participants.js';
import type { GuardArgs } from './common.js';

// Who is sending the event, in relation to this plan. Every rule of the form
// "only the manager may …" starts from one of these. A colleague covering for
// the plan's manager (or clinician, or supervisor) acts as them: the server
// sets `onBehalfOf` only while a cover it holds is in force.

const is = (role: string, id: (context: GuardArgs['context']) => string | null) => ({ context, event }: GuardArgs) => {
  const { actor } = event;
  const who = id(context);
  return actor.role === role && who !== null && (actor.userId === who || (actor.onBehalfOf?.userId === who && actor.onBehalfOf.role === role));
};

export const peopleGuards = {
  isPlanClinician: is('clinician', (c) => c.clinicianId),
  isPlanManager: is('manager', (c) => c.managerId),
  /** The two people who negotiate the terms and the agenda. */
  isPlanParty: (args: GuardArgs) => is('clinician', (c) => c.clinicianId)(args) || is('manager', (c) => c.managerId)(args),
  isPlanSupervisor: is('supervisor', (c) => c.supervisorId),
  isTrustRdLead: ({ context, event }: GuardArgs) => event.actor.role === 'rdLead' && event.actor.organisationId === context.organisationId,
  isTrustRdLeadOrAdmin: ({ context, event }: GuardArgs) =>
    (event.actor.role === 'rdLead' || event.actor.role === 'admin') && event.actor.organisationId === context.organisationId,
  isParticipant: ({ context, event }: GuardArgs) => isParticipant(context, event.actor),
  isSystem: ({ event }: GuardArgs) => event.actor.role === 'system',
};
