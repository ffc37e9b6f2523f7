import { and } from 'xstate';
import type { AgendaKey } from '../../src/domain/options.js';
import { issue } from './documents.js';
import type { Agenda } from '../plan.types.js';
import { fieldsOf, meta, present, stamp, update, waits, whileOpen, type GuardArgs } from './common.js';

// Step 4, R&D sign-off: an R&D lead of the trust signs off (issuing the
// training agreement), returns the plan to the terms, naming any points of
// the agenda to discuss again, or declines.

function reopened(agenda: Agenda, points: AgendaKey[] | undefined, by: ReturnType<typeof stamp>): Agenda {
  const next = { ...agenda };
  for (const key of points ?? []) if (agenda[key].proposals.length) next[key] = { ...agenda[key], reopened: by };
  return next;
}

export const signOffGuards = {
  /** After "not awarded, new terms", the supervisor meeting has already happened: the plan goes straight to the application. */
  isMeetingRecorded: ({ context }: GuardArgs) => context.meetingRecord !== null,
};

export const signOffActions = {
  recordSignOff: update('SIGN_OFF', (_, e) => ({ signOff: { ...present(fieldsOf(e)), ...stamp(e) } as never })),
  recordReturn: update('RETURN_FOR_CHANGES', (context, e) => ({
    acceptedTerms: null,
    changeRequests: [...context.changeRequests, { kind: 'RETURN_FOR_CHANGES' as const, comment: e.comment, ...stamp(e) }],
    agenda: reopened(context.agenda, e.points, stamp(e)),
  })),
  recordRdDecline: update('DECLINE', (_, e) => ({ declined: { reason: e.reason, stage: 'rdSignOff' as const, ...stamp(e) } })),
};

export const rdSignOff = {
  ...waits,
  meta: meta({ step: 'signOff', awaiting: 'rdLead' }),
  on: {
    ...whileOpen,
    SIGN_OFF: [
      // New terms after "not awarded": the meeting has happened, so the letters of support are issued again with the agreement.
      {
        guard: and(['isTrustRdLead', 'isMeetingRecorded']), target: '#plan.application.preparing',
        actions: ['recordSignOff', ...issue('training-agreement'), ...issue('letter-of-support'), ...issue('supervisor-letter')],
      },
      { guard: 'isTrustRdLead', target: '#plan.supervisorMeeting', actions: ['recordSignOff', ...issue('training-agreement')] },
    ],
    RETURN_FOR_CHANGES: { guard: 'isTrustRdLead', target: '#plan.backfillPlan.drafting', actions: 'recordReturn' },
    DECLINE: { guard: 'isTrustRdLead', target: '#plan.declined', actions: 'recordRdDecline' },
  },
} as const;
