import { and } from 'xstate';
import type { PlanContext, TermsProposal } from '../plan.types.js';
import { fieldsOf, meta, present, ref, stamp, update, updateOnEntry, waits, when, whileOpen } from './common.js';
import { agendaEvents } from './agenda.js';

// Step 3, the terms and the agenda: the clinician and manager negotiate the
// terms (each proposal a new version; only the party that did not propose the
// current terms accepts them) and agree every point of the agenda. Accepting
// the terms sends the plan to R&D only once every point is agreed.

export const currentTerms = (context: PlanContext): TermsProposal | undefined => context.terms.at(-1);

export const termsGuards = {
  isCurrentTermsVersion: when('ACCEPT_TERMS', (context, e) => e.termsVersion === currentTerms(context)?.version),
};

export const termsActions = {
  openTerms: updateOnEntry(({ event }) => ({ termsOpenedAt: event.at })),
  recordTerms: update('PROPOSE_TERMS', (context, e) => {
    const { comment, ...terms } = fieldsOf(e);
    const proposal: TermsProposal = {
      version: context.terms.length + 1,
      proposedBy: ref(e.actor),
      proposedAt: e.at,
      terms: present(terms) as TermsProposal['terms'],
      ...(comment ? { comment } : {}),
    };
    return { terms: [...context.terms, proposal], acceptedTerms: null };
  }),
  acceptTerms: update('ACCEPT_TERMS', (_, e) => ({ acceptedTerms: { version: e.termsVersion, ...stamp(e) } })),
};

const accept = (party: 'isPlanManager' | 'isPlanClinician') => ({
  guard: and([party, 'isCurrentTermsVersion', 'areAllPointsAgreed']), target: '#plan.rdSignOff', actions: 'acceptTerms',
}) as const;

export const backfillPlan = {
  meta: meta({ step: 'terms', awaiting: 'clinician' }),
  entry: 'openTerms',
  initial: 'drafting',
  states: {
    drafting: waits,
    awaitingManager: { ...waits, meta: meta({ step: 'terms', awaiting: 'manager' }), on: { ACCEPT_TERMS: accept('isPlanManager') } },
    awaitingClinician: { ...waits, meta: meta({ step: 'terms', awaiting: 'clinician' }), on: { ACCEPT_TERMS: accept('isPlanClinician') } },
  },
  on: {
    ...whileOpen,
    ...agendaEvents,
    PROPOSE_TERMS: [
      { guard: 'isPlanClinician', target: '.awaitingManager', actions: 'recordTerms' },
      { guard: 'isPlanManager', target: '.awaitingClinician', actions: 'recordTerms' },
    ],
    REQUEST_MEDIATION: { guard: and(['isSystem', 'isDisagreementToMediate']), actions: 'recordMediation' },
  },
} as const;
