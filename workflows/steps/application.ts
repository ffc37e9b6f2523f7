import { and, or } from 'xstate';
import { londonDate } from '../plan.dates.js';
import { fieldsOf, meta, present, stamp, update, waits, when, whileOpen } from './common.js';

// Step 6, the funding application: once every current document is authorised
// by all its signatories, the clinician records the application as submitted;
// then the clinician or R&D records the funder's decision. After "not
// awarded" the clinician can apply again, with the same terms or, for another
// scheme, agreeing new terms first (and R&D signing off again).

export const applicationGuards = {
  isAwarded: when('RECORD_OUTCOME', (_, e) => e.outcome === 'awarded'),
  isSubmittedOnPossible: when('SUBMIT_APPLICATION', (_, e) => e.submittedOn <= londonDate(e.at)),
  isDecidedOnPossible: when('RECORD_OUTCOME', (_, e) => e.decidedOn <= londonDate(e.at)),
  wantsNewTerms: when('REAPPLY', (_, e) => e.reviseTerms === true),
};

export const applicationActions = {
  recordApplication: update('SUBMIT_APPLICATION', (context, e) => ({
    applications: [...context.applications, { ...fieldsOf(e), ...stamp(e), outcome: null }],
  })),
  recordOutcome: update('RECORD_OUTCOME', (context, e) => {
    const applications = context.applications.slice();
    const last = applications.pop();
    if (!last) return {};
    const outcome = { ...present(fieldsOf(e)), ...stamp(e) } as NonNullable<typeof last.outcome>;
    return { applications: [...applications, { ...last, outcome }] };
  }),
  /** New terms for another scheme: they, and R&D's sign-off, are agreed again. */
  reviseTerms: update('REAPPLY', () => ({ acceptedTerms: null })),
};

const outcomeBy = and([or(['isPlanClinician', 'isTrustRdLead']), 'isDecidedOnPossible']);

export const application = {
  meta: meta({ step: 'application', awaiting: 'clinician' }),
  initial: 'preparing',
  on: whileOpen,
  states: {
    preparing: {
      ...waits,
      on: {
        SUBMIT_APPLICATION: {
          guard: and(['isPlanClinician', 'isSubmittedOnPossible', 'areAllDocumentsAuthorised']), target: 'submitted', actions: 'recordApplication',
        },
      },
    },
    submitted: {
      ...waits,
      on: {
        RECORD_OUTCOME: [
          { guard: and([outcomeBy, 'isAwarded']), target: '#plan.awarded', actions: 'recordOutcome' },
          { guard: outcomeBy, target: '#plan.notAwarded', actions: 'recordOutcome' },
        ],
      },
    },
  },
} as const;

export const notAwarded = {
  ...waits,
  meta: meta({ step: 'application', awaiting: 'clinician' }),
  on: {
    ...whileOpen,
    REAPPLY: [
      { guard: and(['isPlanClinician', 'wantsNewTerms']), target: '#plan.backfillPlan.drafting', actions: 'reviseTerms' },
      { guard: 'isPlanClinician', target: '#plan.application.preparing' },
    ],
  },
} as const;
