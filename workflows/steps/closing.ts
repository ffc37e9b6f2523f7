import { meta, present, stamp, update, waits, whileOpen } from './common.js';

// Where a plan stops before the award: declined (the clinician may reopen it
// to revise the idea) and withdrawn (final). Life after the award is award.ts.

export const closingActions = {
  recordReopening: update('REOPEN', (context, e) => ({
    declined: null,
    reopenings: [...context.reopenings, { ...present({ comment: e.comment }), ...stamp(e) }],
  })),
};

export const declined = {
  ...waits,
  meta: meta({ step: null, awaiting: 'clinician' }),
  on: {
    ...whileOpen,
    REOPEN: { guard: 'isPlanClinician', target: '#plan.researchIdea.revising', actions: 'recordReopening' },
  },
} as const;

export const withdrawn = { type: 'final', meta: meta({ step: null, awaiting: null }) } as const;
