import type { UserEventType } from '../../domain/events.js';
import type { Kysely } from 'kysely';
import type { Actor, PlanContext } from '../../../workflows/plan.types.js';
import type { Database } from '../../db/database.js';
import { documentKinds, type DocumentKind } from '../../domain/options.js';
import { conditionsFor, reassignChoices } from './award.form.js';
import { choice, confirmed, date, lines, list, number, storedValues, text, yesNo, type Fields, type FormValues } from './fields.js';
import { londonDateTime } from './london-time.js';

// Every event with a page of its own at /plans/:id/events/:TYPE: the template,
// the page title (also its h1), the fields it posts and how they are read, and
// what the form starts with. The idea and the terms have their own pages.

// Documents are authorised on their own page, beside the document itself.
// The agenda's points are proposed and answered on the agenda's pages.
export type OwnPageEvent = Exclude<UserEventType,
  'UPDATE_IDEA' | 'SUBMIT_FOR_AGREEMENT' | 'PROPOSE_TERMS' | 'AUTHORISE_DOCUMENT' | 'PROPOSE_POINT' | 'AGREE_POINT' | 'DISPUTE_POINT'>;

export interface EventForm {
  template: string;
  title: string;
  fields: Fields;
  /** What the form starts with, from what the plan already holds. */
  initial?: (context: PlanContext) => FormValues;
  /** What else the page shows, looked up for the person on it (the people a plan can be handed to). */
  extra?: (db: Kysely<Database>, open: { snapshot: { context: PlanContext }; actor: Actor }) => Promise<object> | object;
}

const scheduleFields: Fields = {
  supervisorName: text, supervisorOrganisation: text, supervisorEmail: text,
  startsAt: londonDateTime, durationMinutes: number, location: text,
};

/** A new meeting starts from the supervisor named in the idea; a rearranged one from the last arrangement. */
function meetingToArrange(context: PlanContext): FormValues {
  if (context.meeting) return storedValues(scheduleFields, context.meeting);
  const supervisor = context.idea.collaborators?.find((person) => person.kind === 'supervisor');
  return supervisor
    ? { supervisorName: supervisor.name, supervisorOrganisation: supervisor.organisation, supervisorEmail: supervisor.email }
    : {};
}

const applicationFields: Fields = {
  funder: text, scheme: text, callName: text, callDeadline: date, submittedOn: date, reference: text,
};

export const eventForms: Record<OwnPageEvent, EventForm> = {
  AGREE_IN_PRINCIPLE: {
    template: 'forms/agree-in-principle', title: 'Agree in principle',
    fields: { opportunityNotes: text, peopleNotes: text, midTermPlan: text, longTermPlan: text, comment: text },
  },
  REQUEST_CHANGES: { template: 'forms/request-changes', title: 'Ask for changes to the research idea', fields: { comment: text } },
  DECLINE: { template: 'forms/decline', title: 'Decline the plan', fields: { reason: text } },
  ACCEPT_TERMS: { template: 'forms/accept-terms', title: 'Accept the proposed terms', fields: { termsVersion: number } },
  SIGN_OFF: {
    template: 'forms/sign-off', title: 'Sign off the plan for R&D',
    fields: { budgetHolder: choice, capacityConfirmed: confirmed, conditions: text, conditionItems: lines },
  },
  RETURN_FOR_CHANGES: { template: 'forms/return-for-changes', title: 'Return the terms for changes', fields: { comment: text, points: list } },
  SCHEDULE_MEETING: {
    template: 'forms/schedule-meeting', title: 'Arrange the supervisor meeting', fields: scheduleFields, initial: meetingToArrange,
  },
  RECORD_MEETING: {
    template: 'forms/record-meeting', title: 'Record the supervisor meeting',
    fields: { heldOn: date, researchQuestion: text, localRelevance: text, relationshipPlan: text, actions: lines },
    // The question in the idea is the starting point; the meeting often sharpens it.
    initial: (context) => ({ researchQuestion: context.idea.researchQuestion ?? '' }),
  },
  SUBMIT_APPLICATION: {
    template: 'forms/submit-application', title: 'Record your funding application', fields: applicationFields,
    // A new attempt usually goes to the same funder and scheme; a first one to the scheme and call the idea expected.
    initial: (context) => {
      const last = context.applications.at(-1);
      return last ? { funder: last.funder, scheme: last.scheme } : { scheme: context.idea.scheme ?? '', callDeadline: context.idea.expectedDeadline ?? '' };
    },
  },
  RECORD_OUTCOME: {
    template: 'forms/record-outcome', title: 'Record the outcome of the application',
    fields: { outcome: choice, decidedOn: date, feedback: text, awardStart: date, endOfAwardPlan: text },
  },
  REAPPLY: { template: 'forms/reapply', title: 'Prepare a new application', fields: { reviseTerms: yesNo } },
  REOPEN: { template: 'forms/reopen', title: 'Reopen the plan', fields: { comment: text } },
  WITHDRAW: { template: 'forms/withdraw', title: 'Withdraw the plan', fields: { reason: text } },
  COMMENT: { template: 'forms/comment', title: 'Add a comment', fields: { text } },
  CONFIRM_CONDITION: {
    template: 'forms/confirm-condition', title: 'Confirm a condition of the award', fields: { condition: choice, note: text },
    extra: (_db, open) => conditionsFor(open.snapshot.context, open.actor),
  },
  START_TRAINING: { template: 'forms/start-training', title: 'Record that training has started', fields: { startedOn: date } },
  COMPLETE_AWARD: { template: 'forms/complete-award', title: 'Record that the award is complete', fields: { completedOn: date, summary: text } },
  REASSIGN: {
    template: 'forms/reassign', title: 'Hand the plan to someone else', fields: { role: choice, userId: choice, reason: text },
    extra: (db, open) => reassignChoices(db, open.snapshot.context),
  },
  REISSUE_DOCUMENT: {
    template: 'forms/reissue-document', title: 'Issue a new version of a document', fields: { kind: choice, reason: text },
    extra: (_db, open) => ({
      documentItems: (Object.keys(open.snapshot.context.issued ?? {}) as DocumentKind[]).map((kind) => ({ value: kind, text: documentKinds[kind] })),
    }),
  },
};

export const isOwnPageEvent = (type: string): type is OwnPageEvent => Object.hasOwn(eventForms, type);

/** Forms longer than three questions can be saved and finished later (DESIGN section 9). */
export const mayDraft = (type: OwnPageEvent): boolean => Object.keys(eventForms[type].fields).length > 3;

/** Pages where someone decides: they show what changed since that person last acted on the plan. */
export const decidesOn: ReadonlySet<OwnPageEvent> = new Set<OwnPageEvent>([
  'AGREE_IN_PRINCIPLE', 'REQUEST_CHANGES', 'DECLINE', 'ACCEPT_TERMS', 'SIGN_OFF', 'RETURN_FOR_CHANGES',
]);
