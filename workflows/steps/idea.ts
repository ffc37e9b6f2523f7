import { and } from 'xstate';
import { isIdeaComplete } from '../plan.idea.js';
import { fieldsOf, meta, present, stamp, update, waits, whileOpen, type GuardArgs } from './common.js';

// Step 1, the research idea: the clinician writes it, saving as often as they
// like, and sends it to their manager. Until it is first sent, the plan is the
// clinician's private draft (plan.participants.ts).

export const ideaGuards = {
  isIdeaComplete: ({ context }: GuardArgs) => isIdeaComplete(context.idea),
};

export const ideaActions = {
  recordIdea: update('UPDATE_IDEA', (context, event) => {
    const { title, ...idea } = fieldsOf(event);
    return { title: title ?? context.title, idea: present({ ...context.idea, ...idea }) };
  }),
  recordSubmission: update('SUBMIT_FOR_AGREEMENT', (context, e) => ({
    sharedAt: context.sharedAt ?? e.at,
    submissions: [...context.submissions, { ...present({ comment: e.comment }), ...stamp(e) }],
  })),
};

export const researchIdea = {
  meta: meta({ step: 'idea', awaiting: 'clinician' }),
  initial: 'drafting',
  states: {
    drafting: waits,
    revising: waits,
  },
  on: {
    ...whileOpen,
    UPDATE_IDEA: { guard: 'isPlanClinician', actions: 'recordIdea' },
    SUBMIT_FOR_AGREEMENT: {
      guard: and(['isPlanClinician', 'isIdeaComplete']),
      target: '#plan.managerAgreement',
      actions: 'recordSubmission',
    },
  },
} as const;
