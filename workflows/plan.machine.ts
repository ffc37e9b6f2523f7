import { setup } from 'xstate';
import { emptyAgenda } from './plan.agenda.js';
import type { PlanContext, PlanEvent, PlanInput } from './plan.types.js';
import { agendaActions, agendaGuards } from './steps/agenda.js';
import { agreementActions, managerAgreement } from './steps/agreement.js';
import { application, applicationActions, applicationGuards, notAwarded } from './steps/application.js';
import { closingActions, declined, withdrawn } from './steps/closing.js';
import { awardActions, awarded, awardGuards, completed } from './steps/award.js';
import { documentActions, documentGuards } from './steps/documents.js';
import { staffActions, staffGuards } from './steps/staff.js';
import { ideaActions, ideaGuards, researchIdea } from './steps/idea.js';
import { meetingActions, meetingGuards, supervisorMeeting } from './steps/meeting.js';
import { openActions, openGuards } from './steps/open.js';
import { peopleGuards } from './steps/people.js';
import { rdSignOff, signOffActions, signOffGuards } from './steps/sign-off.js';
import { backfillPlan, termsActions, termsGuards } from './steps/terms.js';

export { currentTerms } from './steps/terms.js';

// The whole plan process (DESIGN sections 2, 9 and 11) and the only place that
// decides who may do what, when. It is pure: the time arrives in each event as
// `at`, and anything looked up (such as the supervisor's account) arrives as
// event fields. Each step lives in workflows/steps/ with its guards and
// actions; this file assembles them, in the order a plan goes through them.
// Plans started under version 1.0 follow workflows/legacy/plan-1.0.machine.ts.

export const planMachine = setup({
  types: {
    context: {} as PlanContext,
    events: {} as PlanEvent,
    input: {} as PlanInput,
  },
  guards: {
    ...peopleGuards, ...openGuards, ...ideaGuards, ...agendaGuards, ...termsGuards,
    ...signOffGuards, ...meetingGuards, ...applicationGuards, ...awardGuards, ...documentGuards, ...staffGuards,
  },
  actions: {
    ...openActions, ...ideaActions, ...agreementActions, ...agendaActions, ...termsActions,
    ...signOffActions, ...meetingActions, ...applicationActions, ...closingActions, ...awardActions, ...documentActions, ...staffActions,
  },
}).createMachine({
  id: 'plan',
  initial: 'researchIdea',
  context: ({ input }) => ({
    ...input,
    supervisorId: null,
    sharedAt: null,
    submissions: [],
    idea: {},
    agreement: null,
    changeRequests: [],
    agenda: emptyAgenda(),
    termsOpenedAt: null,
    mediations: [],
    terms: [],
    acceptedTerms: null,
    signOff: null,
    meeting: null,
    meetingRecord: null,
    applications: [],
    declined: null,
    reopenings: [],
    withdrawn: null,
    comments: [],
    waitingSince: input.createdAt,
    reminders: [],
    signatureReminders: [],
    authorisations: [],
    issued: {},
    conditions: [],
    training: null,
    completion: null,
    reassignments: [],
  }),
  states: {
    researchIdea,
    managerAgreement,
    backfillPlan,
    rdSignOff,
    supervisorMeeting,
    application,
    notAwarded,
    declined,
    awarded,
    completed,
    withdrawn,
  },
});

export type PlanMachine = typeof planMachine;
