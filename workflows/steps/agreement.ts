import type { AgendaKey } from '../../src/domain/options.js';
import { fieldsOf, meta, present, stamp, update, waits, whileOpen } from './common.js';
import { withProposal } from './agenda.js';

// Step 2, the manager's agreement in principle: take the discussion forward,
// ask for changes to the idea, or decline. Agreeing is light: any notes the
// manager gives open the agenda as their first proposals of those points.

const notePoints = {
  opportunityNotes: 'opportunity', peopleNotes: 'people', midTermPlan: 'midTermPlan', longTermPlan: 'longTermPlan',
} as const satisfies Record<string, AgendaKey>;

export const agreementActions = {
  recordAgreement: update('AGREE_IN_PRINCIPLE', (context, e) => {
    let agenda = context.agenda;
    for (const [note, point] of Object.entries(notePoints) as Array<[keyof typeof notePoints, AgendaKey]>) {
      const position = e[note];
      if (position) agenda = withProposal(agenda, point, { position, answers: {} }, e);
    }
    return { agreement: { ...present(fieldsOf(e)), ...stamp(e) }, agenda };
  }),
  recordChangeRequest: update('REQUEST_CHANGES', (context, e) => ({
    changeRequests: [...context.changeRequests, { kind: 'REQUEST_CHANGES' as const, comment: e.comment, ...stamp(e) }],
  })),
  recordManagerDecline: update('DECLINE', (_, e) => ({ declined: { reason: e.reason, stage: 'managerAgreement' as const, ...stamp(e) } })),
};

export const managerAgreement = {
  ...waits,
  meta: meta({ step: 'agreement', awaiting: 'manager' }),
  on: {
    ...whileOpen,
    AGREE_IN_PRINCIPLE: { guard: 'isPlanManager', target: '#plan.backfillPlan', actions: 'recordAgreement' },
    REQUEST_CHANGES: { guard: 'isPlanManager', target: '#plan.researchIdea.revising', actions: 'recordChangeRequest' },
    DECLINE: { guard: 'isPlanManager', target: '#plan.declined', actions: 'recordManagerDecline' },
  },
} as const;
