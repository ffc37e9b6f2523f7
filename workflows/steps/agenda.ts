import { and } from 'xstate';
import type { AgendaKey } from '../../src/domain/options.js';
import type { Answers } from '../../src/domain/agenda.js';
import { disagreementSince, isMediated, mayAnswerPoint, pointsNotAgreed } from '../plan.agenda.js';
import type { Agenda, PlanEvent } from '../plan.types.js';
import { present, ref, stamp, update, when, type GuardArgs } from './common.js';

// The shared agenda (DESIGN section 9): inside the terms step, either party
// proposes a point, and only the other party agrees to it or disputes it.
// A new proposal clears that point's agreement, dispute or reopening, and
// nothing else. The statuses are read with plan.agenda.ts.

/** The agenda with a new numbered proposal of one point by the sender of `e`. */
export function withProposal(agenda: Agenda, key: AgendaKey, proposal: { position: string; answers: Answers; comment?: string }, e: PlanEvent): Agenda {
  const point = agenda[key];
  const next = {
    version: point.proposals.length + 1,
    position: proposal.position,
    answers: proposal.answers,
    proposedBy: ref(e.actor),
    proposedAt: e.at,
    ...present({ comment: proposal.comment }),
  };
  return { ...agenda, [key]: { proposals: [...point.proposals, next], agreed: null, dispute: null, reopened: null } };
}

export const agendaGuards = {
  /** The other party answers the latest version of a proposed point; nobody answers their own. */
  mayAgreePoint: when('AGREE_POINT', (context, e) => mayAnswerPoint(context.agenda[e.point], e.actor.role, e.pointVersion)),
  mayDisputePoint: when('DISPUTE_POINT', (context, e) => mayAnswerPoint(context.agenda[e.point], e.actor.role, e.pointVersion)),
  areAllPointsAgreed: ({ context }: GuardArgs) => pointsNotAgreed(context.agenda).length === 0,
  /** The disagreement the scheduler saw is still going on, and R&D has not yet been asked about it. */
  isDisagreementToMediate: when('REQUEST_MEDIATION', (context, e) => disagreementSince(context) === e.since && !isMediated(context, e.since)),
};

export const agendaActions = {
  proposePoint: update('PROPOSE_POINT', (context, e) => ({ agenda: withProposal(context.agenda, e.point, e, e) })),
  agreePoint: update('AGREE_POINT', (context, e) => ({
    agenda: { ...context.agenda, [e.point]: { ...context.agenda[e.point], agreed: { version: e.pointVersion, ...stamp(e) } } },
  })),
  disputePoint: update('DISPUTE_POINT', (context, e) => ({
    agenda: { ...context.agenda, [e.point]: { ...context.agenda[e.point], dispute: { version: e.pointVersion, reason: e.reason, ...stamp(e) } } },
  })),
  recordMediation: update('REQUEST_MEDIATION', (context, e) => ({ mediations: [...context.mediations, { since: e.since, at: e.at }] })),
};

/** The agenda's events, open in every substate of the terms step. */
export const agendaEvents = {
  PROPOSE_POINT: { guard: 'isPlanParty', actions: 'proposePoint' },
  AGREE_POINT: { guard: and(['isPlanParty', 'mayAgreePoint']), actions: 'agreePoint' },
  DISPUTE_POINT: { guard: and(['isPlanParty', 'mayDisputePoint']), actions: 'disputePoint' },
} as const;
