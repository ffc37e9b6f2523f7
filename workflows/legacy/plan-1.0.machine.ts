import { and, assign, or, setup } from 'xstate';
import type { DocumentKind, Role } from '../../src/domain/options.js';
import type {
  Actor, ActorRef, DocumentFacts, PlanContext, PlanEvent, PlanEventOf, PlanInput, ReminderKind, StateMeta, TermsProposal,
} from './plan-1.0.types.js';

// The plan process as version 1.0 ran it, FROZEN. Plans started before 1.1
// (their creation records no `process`) replay their history, and go on to
// their end, under exactly these rules: verify compares every replayed state
// and snapshot with what 1.0 stored, so changing a guard or a target here
// would break their proof. New plans follow workflows/plan.machine.ts.
// Never edit this file's behaviour; the helpers below are 1.0's, copied so
// that later changes to the shared ones cannot reach it. The one thing it may
// gain is an event 1.0 never had, since no 1.0 history holds one: 1.1 added
// REISSUE_DOCUMENT (R&D or an administrator, with a reason), so that 1.0 plans
// too keep every new version of a document in their history.

const requiredIdeaFields = ['profession', 'opportunityLevel', 'whyNow', 'researchIdeas', 'serviceRelevance', 'careerGoal'] as const;
const isIdeaComplete = (idea: PlanContext['idea']) => requiredIdeaFields.every((field) => idea[field] !== undefined && idea[field] !== '');

function isParticipant(plan: PlanContext, actor: Actor): boolean {
  switch (actor.role) {
    case 'clinician': return actor.userId === plan.clinicianId;
    case 'manager': return actor.userId === plan.managerId;
    case 'supervisor': return plan.supervisorId !== null && actor.userId === plan.supervisorId;
    case 'rdLead':
    case 'admin': return actor.organisationId === plan.organisationId;
    default: return false;
  }
}

const remindersThisWait = (context: PlanContext): ReminderKind[] =>
  context.reminders.filter((r) => r.at >= context.waitingSince).map((r) => r.kind);
const signatureRemindersOf = (context: PlanContext, documentId: string, userId: string): ReminderKind[] =>
  (context.signatureReminders ?? []).filter((r) => r.documentId === documentId && r.userId === userId).map((r) => r.kind);
const isDue = (kind: ReminderKind, sent: ReminderKind[]): boolean =>
  kind === 'reminder' ? sent.length === 0 : sent.includes('reminder') && !sent.includes('escalation');
const hasAuthorised = (context: PlanContext, documentId: string, userId: string): boolean =>
  context.authorisations.some((a) => a.documentId === documentId && a.by.userId === userId);

// Only people's events are stamped; the scheduler's own events record just their time.
const ref = ({ userId, role }: PlanEvent['actor']): ActorRef => ({ userId, role: role as Role });
const stamp = (e: PlanEvent) => ({ by: ref(e.actor), at: e.at });
const meta = (m: StateMeta) => m;

/** Drop blank optional answers so a cleared field is absent, not an empty string. */
function present<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

function fieldsOf<E extends PlanEvent>(event: E): Omit<E, 'type' | 'actor' | 'at'> {
  const { type: _t, actor: _a, at: _at, ...fields } = event;
  return fields;
}

/** The document an event is about and whose signature: the sender's own, or the signatory the scheduler reminds. */
function signatureOf(event: PlanEvent): { document: DocumentFacts; signatory: { userId: string; role: string } } | null {
  if (event.type === 'AUTHORISE_DOCUMENT') return event.document ? { document: event.document, signatory: event.actor } : null;
  if (event.type === 'REMIND_SIGNATORY') return event.document ? { document: event.document, signatory: event.signatory } : null;
  return null;
}

// Withdrawing and commenting are open in every state that is not final. They
// are listed on each such state, not on the root: XState still takes a root
// transition after the plan has reached a final state.
const whileOpen = {
  WITHDRAW: {
    guard: 'isPlanClinician',
    target: '#plan.withdrawn',
    actions: 'recordWithdrawal',
  },
  COMMENT: {
    guard: 'isParticipant',
    actions: 'recordComment',
  },
  AUTHORISE_DOCUMENT: {
    guard: and(['isDocumentSignatory', 'isCurrentDocument', 'isNotYetAuthorised']),
    actions: 'recordAuthorisation',
  },
  SEND_REMINDER: {
    guard: and(['isSystem', 'isReminderDue']),
    actions: 'recordReminder',
  },
  REMIND_SIGNATORY: {
    guard: and(['isSystem', 'isDocumentSignatory', 'isCurrentDocument', 'isNotYetAuthorised', 'isSignatureReminderDue']),
    actions: 'recordSignatureReminder',
  },
  REISSUE_DOCUMENT: {
    guard: 'isTrustRdLeadOrAdmin',
    actions: { type: 'issueDocument', params: ({ event }: { event: PlanEvent }) => ({ kind: (event as { kind: DocumentKind }).kind }) },
  },
} as const;

/** Entering a state that waits on someone starts a new wait (for due dates and reminders). */
const waits = { entry: 'startWait' } as const;

const issue = (kind: DocumentKind) => ({ type: 'issueDocument', params: { kind } }) as const;

const currentTerms = (context: PlanContext): TermsProposal | undefined => context.terms.at(-1);

export const planMachine10 = setup({
  types: {
    context: {} as PlanContext,
    events: {} as PlanEvent,
    input: {} as PlanInput,
  },
  actions: {
    startWait: assign({ waitingSince: ({ context, event }) => (event as { at?: string }).at ?? context.waitingSince }),
    recordReminder: assign(({ context, event }) => {
      const e = event as PlanEventOf<'SEND_REMINDER'>;
      return { reminders: [...context.reminders, { kind: e.kind, at: e.at }] };
    }),
    recordSignatureReminder: assign(({ context, event }) => {
      const e = event as PlanEventOf<'REMIND_SIGNATORY'>;
      const sent = { documentId: e.document!.id, userId: e.signatory.userId, kind: e.kind, at: e.at };
      return { signatureReminders: [...(context.signatureReminders ?? []), sent] };
    }),
    recordAuthorisation: assign(({ context, event }) => {
      const e = event as PlanEventOf<'AUTHORISE_DOCUMENT'>;
      const document = e.document!;
      return {
        authorisations: [...context.authorisations, {
          documentId: document.id, kind: document.kind, number: document.number, sha256: e.sha256, statement: e.statement, ...stamp(e),
        }],
      };
    }),
    /** Tells the server to issue a document from the new snapshot; the machine itself does no I/O. */
    issueDocument: (_, _params: { kind: DocumentKind }) => undefined,
    recordWithdrawal: assign(({ event }) => {
      const e = event as PlanEventOf<'WITHDRAW'>;
      return { withdrawn: { reason: e.reason, ...stamp(e) } };
    }),
    recordComment: assign(({ context, event }) => {
      const e = event as PlanEventOf<'COMMENT'>;
      return { comments: [...context.comments, { text: e.text, ...stamp(e) }] };
    }),
    recordTerms: assign(({ context, event }) => {
      const e = event as PlanEventOf<'PROPOSE_TERMS'>;
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
    acceptTerms: assign(({ event }) => {
      const e = event as PlanEventOf<'ACCEPT_TERMS'>;
      return { acceptedTerms: { version: e.termsVersion, ...stamp(e) } };
    }),
    scheduleMeeting: assign(({ context, event }) => {
      const e = event as PlanEventOf<'SCHEDULE_MEETING'>;
      const { supervisorUserId, ...schedule } = fieldsOf(e);
      return {
        supervisorId: supervisorUserId ?? context.supervisorId,
        meeting: { ...schedule, supervisorUserId, sequence: (context.meeting?.sequence ?? -1) + 1, ...stamp(e) },
      };
    }),
    recordMeeting: assign(({ event }) => {
      const e = event as PlanEventOf<'RECORD_MEETING'>;
      return { meetingRecord: { ...fieldsOf(e), ...stamp(e) } };
    }),
    recordOutcome: assign(({ context, event }) => {
      const e = event as PlanEventOf<'RECORD_OUTCOME'>;
      const applications = context.applications.slice();
      const last = applications.pop();
      if (!last) return {};
      const outcome = { ...present(fieldsOf(e)), ...stamp(e) } as NonNullable<typeof last.outcome>;
      return { applications: [...applications, { ...last, outcome }] };
    }),
  },
  guards: {
    isPlanClinician: ({ context, event }) =>
      event.actor.role === 'clinician' && event.actor.userId === context.clinicianId,
    isPlanManager: ({ context, event }) =>
      event.actor.role === 'manager' && event.actor.userId === context.managerId,
    isTrustRdLead: ({ context, event }) =>
      event.actor.role === 'rdLead' && event.actor.organisationId === context.organisationId,
    isTrustRdLeadOrAdmin: ({ context, event }) =>
      (event.actor.role === 'rdLead' || event.actor.role === 'admin') && event.actor.organisationId === context.organisationId,
    isPlanSupervisor: ({ context, event }) =>
      event.actor.role === 'supervisor' && context.supervisorId !== null && event.actor.userId === context.supervisorId,
    isParticipant: ({ context, event }) => isParticipant(context, event.actor),
    isIdeaComplete: ({ context }) => isIdeaComplete(context.idea),
    isSystem: ({ event }) => event.actor.role === 'system',
    isReminderDue: ({ context, event }) => event.type === 'SEND_REMINDER' && isDue(event.kind, remindersThisWait(context)),
    isSignatureReminderDue: ({ context, event }) =>
      event.type === 'REMIND_SIGNATORY' && !!event.document &&
      isDue(event.kind, signatureRemindersOf(context, event.document.id, event.signatory.userId)),
    // The next three hold for an authorisation (by its sender) and for a signatory's reminder (about them).
    isDocumentSignatory: ({ event }) => {
      const s = signatureOf(event);
      return !!s && s.document.signatories.some((d) => d.userId === s.signatory.userId && d.role === s.signatory.role);
    },
    isCurrentDocument: ({ event }) => {
      const s = signatureOf(event);
      return !!s?.document.current && (event.type !== 'AUTHORISE_DOCUMENT' || event.sha256 === s.document.sha256);
    },
    isNotYetAuthorised: ({ context, event }) => {
      const s = signatureOf(event);
      return !!s && !hasAuthorised(context, s.document.id, s.signatory.userId);
    },
    isCurrentTermsVersion: ({ context, event }) =>
      event.type === 'ACCEPT_TERMS' && event.termsVersion === currentTerms(context)?.version,
    mayRecordOutcome: or(['isPlanClinician', 'isTrustRdLead']),
    isAwarded: ({ event }) => event.type === 'RECORD_OUTCOME' && event.outcome === 'awarded',
    isMeetingInFuture: ({ event }) =>
      event.type === 'SCHEDULE_MEETING' && Date.parse(event.startsAt) > Date.parse(event.at),
  },
}).createMachine({
  id: 'plan',
  initial: 'researchIdea',
  context: ({ input }) => ({
    ...input,
    supervisorId: null,
    idea: {},
    agreement: null,
    changeRequests: [],
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
    authorisations: [],
  }),
  states: {
    researchIdea: {
      meta: meta({ step: 'idea', awaiting: 'clinician' }),
      initial: 'drafting',
      states: {
        drafting: waits,
        revising: waits,
      },
      on: {
        ...whileOpen,
        UPDATE_IDEA: {
          guard: 'isPlanClinician',
          actions: assign(({ context, event }) => {
            const { title, ...idea } = fieldsOf(event);
            const merged = { ...context.idea, ...idea };
            return { title: title ?? context.title, idea: present(merged) };
          }),
        },
        SUBMIT_FOR_AGREEMENT: {
          guard: and(['isPlanClinician', 'isIdeaComplete']),
          target: 'managerAgreement',
        },
      },
    },
    managerAgreement: {
      ...waits,
      meta: meta({ step: 'agreement', awaiting: 'manager' }),
      on: {
        ...whileOpen,
        AGREE_IN_PRINCIPLE: {
          guard: 'isPlanManager',
          target: 'backfillPlan',
          actions: assign({ agreement: ({ event }) => ({ ...present(fieldsOf(event)), ...stamp(event) }) as PlanContext['agreement'] }),
        },
        REQUEST_CHANGES: {
          guard: 'isPlanManager',
          target: 'researchIdea.revising',
          actions: assign({
            changeRequests: ({ context, event }) => [
              ...context.changeRequests, { kind: 'REQUEST_CHANGES' as const, comment: event.comment, ...stamp(event) },
            ],
          }),
        },
        DECLINE: {
          guard: 'isPlanManager',
          target: 'declined',
          actions: assign({ declined: ({ event }) => ({ reason: event.reason, stage: 'managerAgreement' as const, ...stamp(event) }) }),
        },
      },
    },
    backfillPlan: {
      meta: meta({ step: 'terms', awaiting: 'clinician' }),
      initial: 'drafting',
      states: {
        drafting: waits,
        awaitingManager: {
          ...waits,
          meta: meta({ step: 'terms', awaiting: 'manager' }),
          on: {
            ACCEPT_TERMS: { guard: and(['isPlanManager', 'isCurrentTermsVersion']), target: '#plan.rdSignOff', actions: 'acceptTerms' },
          },
        },
        awaitingClinician: {
          ...waits,
          meta: meta({ step: 'terms', awaiting: 'clinician' }),
          on: {
            ACCEPT_TERMS: { guard: and(['isPlanClinician', 'isCurrentTermsVersion']), target: '#plan.rdSignOff', actions: 'acceptTerms' },
          },
        },
      },
      on: {
        ...whileOpen,
        PROPOSE_TERMS: [
          { guard: 'isPlanClinician', target: '.awaitingManager', actions: 'recordTerms' },
          { guard: 'isPlanManager', target: '.awaitingClinician', actions: 'recordTerms' },
        ],
      },
    },
    rdSignOff: {
      ...waits,
      meta: meta({ step: 'signOff', awaiting: 'rdLead' }),
      on: {
        ...whileOpen,
        SIGN_OFF: {
          guard: 'isTrustRdLead',
          target: 'supervisorMeeting',
          actions: [
            assign({ signOff: ({ event }) => ({ ...present(fieldsOf(event)), ...stamp(event) }) as PlanContext['signOff'] }),
            issue('training-agreement'),
          ],
        },
        RETURN_FOR_CHANGES: {
          guard: 'isTrustRdLead',
          target: 'backfillPlan.drafting',
          actions: assign({
            acceptedTerms: null,
            changeRequests: ({ context, event }) => [
              ...context.changeRequests, { kind: 'RETURN_FOR_CHANGES' as const, comment: event.comment, ...stamp(event) },
            ],
          }),
        },
        DECLINE: {
          guard: 'isTrustRdLead',
          target: 'declined',
          actions: assign({ declined: ({ event }) => ({ reason: event.reason, stage: 'rdSignOff' as const, ...stamp(event) }) }),
        },
      },
    },
    supervisorMeeting: {
      meta: meta({ step: 'meeting', awaiting: 'clinician' }),
      initial: 'toSchedule',
      states: {
        toSchedule: waits,
        scheduled: {
          ...waits,
          meta: meta({ step: 'meeting', awaiting: 'supervisor' }),
          on: {
            RECORD_MEETING: {
              guard: or(['isPlanClinician', 'isPlanManager', 'isPlanSupervisor']),
              target: '#plan.application',
              actions: ['recordMeeting', issue('meeting-record')],
            },
          },
        },
      },
      on: {
        ...whileOpen,
        SCHEDULE_MEETING: {
          guard: and([or(['isPlanClinician', 'isPlanManager']), 'isMeetingInFuture']),
          target: '.scheduled',
          actions: 'scheduleMeeting',
        },
      },
    },
    application: {
      meta: meta({ step: 'application', awaiting: 'clinician' }),
      initial: 'preparing',
      on: whileOpen,
      states: {
        preparing: {
          entry: ['startWait', issue('letter-of-support')],
          on: {
            SUBMIT_APPLICATION: {
              guard: 'isPlanClinician',
              target: 'submitted',
              actions: assign({
                applications: ({ context, event }) => [...context.applications, { ...fieldsOf(event), ...stamp(event), outcome: null }],
              }),
            },
          },
        },
        submitted: {
          ...waits,
          on: {
            RECORD_OUTCOME: [
              { guard: and(['mayRecordOutcome', 'isAwarded']), target: '#plan.awarded', actions: 'recordOutcome' },
              { guard: 'mayRecordOutcome', target: '#plan.notAwarded', actions: 'recordOutcome' },
            ],
          },
        },
      },
    },
    notAwarded: {
      ...waits,
      meta: meta({ step: 'application', awaiting: 'clinician' }),
      on: {
        ...whileOpen,
        REAPPLY: { guard: 'isPlanClinician', target: 'application.preparing' },
      },
    },
    declined: {
      ...waits,
      meta: meta({ step: null, awaiting: 'clinician' }),
      on: {
        ...whileOpen,
        REOPEN: {
          guard: 'isPlanClinician',
          target: 'researchIdea.revising',
          actions: assign({
            declined: null,
            reopenings: ({ context, event }) => [...context.reopenings, { ...present({ comment: event.comment }), ...stamp(event) }],
          }),
        },
      },
    },
    awarded: { type: 'final', meta: meta({ step: null, awaiting: null }) },
    withdrawn: { type: 'final', meta: meta({ step: null, awaiting: null }) },
  },
});

export type PlanMachine10 = typeof planMachine10;
