import { z } from 'zod';
import {
  backfillArrangements, budgetHolders, collaboratorKinds, documentKinds, opportunityLevels, outcomes,
  professions, reassignableRoles, rolesDuringTraining, teamContributions,
} from './options.js';
import { agendaKeysSchema, agreePointSchema, disputePointSchema, proposePointSchema } from './agenda.js';
import {
  choice, date, dateTime, decimal, email, form, missing, noSuchField, optionalDate, optionalText, requiredText, shapeOf, SHORT_TEXT, wholeNumber, yesNo,
} from './fields.js';
import { schemeIdField, termsCostingSchema } from '../costing/costing.schema.js';
import { dateRangeErrors, dateRanges, describeRange } from './date-ranges.js';
import type { FieldError } from './field-error.js';

export type { FieldError } from './field-error.js';

/** The range of a dated field in words, for the OpenAPI description (the check itself is in parsePayload). */
const rangeOf = (type: string, field: string) => describeRange(dateRanges[type]![field]!);

// The payload of every event a person can send (DESIGN section 5). `type`,
// `version` and the actor are not here: the server adds the actor and the time,
// and the version belongs to the request, not the event.

export const collaboratorSchema = form({
  name: requiredText('their name', SHORT_TEXT),
  organisation: requiredText('their organisation', SHORT_TEXT),
  email: email('their email address'),
  kind: choice(collaboratorKinds, 'Select whether they are a supervisor, mentor or collaborator'),
});

export const ideaSchema = form({
  title: requiredText('a title for the plan', SHORT_TEXT).optional(),
  profession: choice(professions, 'Select your profession').optional(),
  opportunityLevel: choice(opportunityLevels, 'Select the level of opportunity').optional(),
  scheme: optionalText('the scheme or funder', SHORT_TEXT),
  // A scheme from the catalogue (src/schemes); blank clears it, as a form's "not decided yet" posts "".
  schemeId: z.literal('').or(schemeIdField).optional(),
  // Until an application is recorded, the plan page counts down to this date (src/notifications/deadline.ts).
  expectedDeadline: optionalDate('the expected closing date of the funding call').describe(rangeOf('UPDATE_IDEA', 'expectedDeadline')),
  whyNow: optionalText('why this opportunity is right now'),
  researchIdeas: optionalText('your research ideas'),
  researchQuestion: optionalText('your research question'),
  serviceRelevance: optionalText('how it matters to the service'),
  collaborators: z.array(collaboratorSchema, { error: 'Collaborators must be a list' })
    .max(20, { error: 'Name 20 people or fewer' }).optional(),
  careerGoal: optionalText('your career goal'),
  inDevelopmentPlan: yesNo('Select yes if this is in your personal development plan').optional(),
});

/** Sending the idea; a resubmission can say what changed. */
export const submitForAgreementSchema = form({ comment: optionalText('what you changed') });

/**
 * The manager takes the discussion forward. Each note given is the manager's
 * first proposal of its point of the agenda (DESIGN section 9).
 */
export const agreeInPrincipleSchema = form({
  opportunityNotes: optionalText('whether this is the right opportunity'),
  peopleNotes: optionalText('whether the proposed people are right'),
  midTermPlan: optionalText('the mid-term plan'),
  longTermPlan: optionalText('the long-term plan'),
  comment: optionalText('a comment'),
});

export const requestChangesSchema = form({ comment: requiredText('what needs to change') });
export const declineSchema = form({ reason: requiredText('the reason for declining') });

export const termsSchema = form({
  startDate: date('the start date').describe(rangeOf('PROPOSE_TERMS', 'startDate')),
  durationMonths: wholeNumber('the duration in months', 1, 120, ' months'),
  academicPercent: wholeNumber('the academic share of the week', 1, 100, '%'),
  roleDuringTraining: choice(rolesDuringTraining, 'Select the role during training'),
  backfillArrangement: choice(backfillArrangements, 'Select how the clinical work will be covered'),
  backfillDetail: requiredText('how the backfill will work'),
  specialistPost: yesNo('Select yes if the post is a specialist post'),
  coverTrainingPlan: optionalText('how another team member will be trained'),
  clinicalFocus: requiredText('where clinical time will be focused'),
  skillsMaintenance: requiredText('how clinical skills will be kept up to date'),
  applicationHoursPerWeek: decimal('the protected hours a week for the application', 0, 37.5, ' hours'),
  teamContribution: z.array(choice(teamContributions, 'Select what the clinician offers the team'), {
    error: (iss) => (missing(iss) ? 'Select at least one thing the clinician offers the team' : 'Select what the clinician offers the team'),
  }).min(1, { error: 'Select at least one thing the clinician offers the team' }),
  estimatedBackfillCostPerYear: wholeNumber('the estimated backfill cost a year', 0, 10_000_000, ' pounds'),
  serviceImpact: optionalText('how the service is affected'),
  clinicalFlexibility: optionalText('how flexible the clinical work can be'),
  // The calculator's inputs; the server adds the figures and fills estimatedBackfillCostPerYear from them (src/costing).
  costing: termsCostingSchema.optional(),
  comment: optionalText('a comment'),
}).superRefine((terms, ctx) => {
  if (terms.specialistPost === true && !terms.coverTrainingPlan) {
    ctx.addIssue({ code: 'custom', path: ['coverTrainingPlan'], message: 'Enter how another team member will be trained for the specialist post' });
  }
}, {
  // Checked with the rest, not only once everything else is right, so a person sees every missing answer at once.
  when: ({ value, issues }) => typeof value === 'object' && value !== null
    && !issues.some((issue) => issue.path?.[0] === 'specialistPost' || issue.path?.[0] === 'coverTrainingPlan'),
});

export const acceptTermsSchema = form({
  termsVersion: wholeNumber('the number of the terms you accept', 1, 10_000),
});

export const signOffSchema = form({
  budgetHolder: choice(budgetHolders, 'Select who will hold the budget'),
  capacityConfirmed: z.literal(true, { error: 'Confirm the trust has the capacity and capability to support this' }),
  conditions: optionalText('any conditions'),
  // 1.1: conditions to confirm after the award before training starts (keys rd-1, rd-2, … in that order).
  conditionItems: z.array(requiredText('the condition', 1000), { error: 'Conditions must be a list' })
    .max(20, { error: 'Give 20 conditions or fewer' }).optional(),
});

export const returnForChangesSchema = form({
  comment: requiredText('what needs to change'),
  points: agendaKeysSchema.optional(),
});

/** `reviseTerms`: discuss the terms again (for another scheme), and R&D signs off again. */
export const reapplySchema = form({ reviseTerms: yesNo('Select whether to agree new terms first').optional() });

export const scheduleMeetingSchema = form({
  supervisorName: requiredText("the supervisor's name", SHORT_TEXT),
  supervisorOrganisation: requiredText("the supervisor's organisation", SHORT_TEXT),
  supervisorEmail: email("the supervisor's email address"),
  startsAt: dateTime('the date and time of the meeting').describe(`In the future (the machine checks it against the time the event is sent). ${rangeOf('SCHEDULE_MEETING', 'startsAt')}`),
  durationMinutes: wholeNumber('the length of the meeting', 15, 480, ' minutes'),
  location: requiredText('the place or video link', 500),
});

export const recordMeetingSchema = form({
  // 1.1: the day the meeting took place (not in the future, not before R&D signed off: the machine checks both).
  heldOn: date('the date the meeting took place').describe('Not after today, and not before the day R&D signed off the plan (the machine checks both, in Europe/London).'),
  researchQuestion: requiredText('the agreed research question'),
  localRelevance: requiredText('how the project is relevant locally'),
  relationshipPlan: requiredText('the plan for a longer-term relationship'),
  actions: z.array(requiredText('the action', 1000), {
    error: (iss) => (missing(iss) ? 'Enter at least one action' : 'Actions must be a list'),
  })
    .min(1, { error: 'Enter at least one action' }).max(30, { error: 'Enter 30 actions or fewer' }),
});

export const submitApplicationSchema = form({
  funder: requiredText('the funder', SHORT_TEXT),
  scheme: requiredText('the scheme', SHORT_TEXT),
  callName: requiredText('the name of the funding call', SHORT_TEXT),
  callDeadline: date('the call deadline').describe(rangeOf('SUBMIT_APPLICATION', 'callDeadline')),
  submittedOn: date('the date you submitted').describe(`Not after today (the machine's rule). ${rangeOf('SUBMIT_APPLICATION', 'submittedOn')}`),
  reference: requiredText('the application reference', SHORT_TEXT),
});

export const recordOutcomeSchema = form({
  outcome: choice(outcomes, 'Select whether the application was awarded'),
  decidedOn: date('the date of the decision').describe(`Not after today (the machine's rule). ${rangeOf('RECORD_OUTCOME', 'decidedOn')}`),
  feedback: optionalText('the feedback'),
  awardStart: optionalDate('the date the award starts').describe(rangeOf('RECORD_OUTCOME', 'awardStart')),
  endOfAwardPlan: optionalText('the plan for the end of the award'),
}).superRefine((o, ctx) => {
  if (o.outcome !== 'awarded') return;
  if (!o.awardStart) ctx.addIssue({ code: 'custom', path: ['awardStart'], message: 'Enter the date the award starts' });
  if (!o.endOfAwardPlan) ctx.addIssue({ code: 'custom', path: ['endOfAwardPlan'], message: 'Enter the plan for the end of the award' });
});

export const authoriseDocumentSchema = form({
  documentId: requiredText('the document to authorise', SHORT_TEXT),
  sha256: z.string({ error: 'Give the SHA-256 of the document you read' })
    .regex(/^[0-9a-f]{64}$/, { error: 'The SHA-256 must be 64 lowercase hexadecimal characters' }),
});

export const confirmConditionSchema = form({
  condition: requiredText('the condition you confirm', SHORT_TEXT),
  note: optionalText('a note'),
});
export const startTrainingSchema = form({ startedOn: date('the date training started').describe(rangeOf('START_TRAINING', 'startedOn')) });
export const completeAwardSchema = form({
  completedOn: date('the date the award ended').describe(rangeOf('COMPLETE_AWARD', 'completedOn')),
  summary: requiredText('a summary of what the award achieved'),
});
export const reassignSchema = form({
  role: choice(reassignableRoles, 'Select whether you are handing over the line manager or the academic supervisor'),
  userId: requiredText('the person to hand the plan to', SHORT_TEXT),
  reason: requiredText('the reason for the change'),
});
export const reissueDocumentSchema = form({
  kind: choice(documentKinds, `Choose a kind of document: ${Object.keys(documentKinds).join(', ')}`),
  reason: requiredText('the reason for issuing a new version'),
});

export const reopenSchema = form({ comment: optionalText('a comment') });
export const withdrawSchema = form({ reason: requiredText('the reason for withdrawing') });
export const commentSchema = form({ text: requiredText('your comment') });

/** Every event a person may send, and the schema of its fields. */
export const eventSchemas = {
  UPDATE_IDEA: ideaSchema,
  SUBMIT_FOR_AGREEMENT: submitForAgreementSchema,
  AGREE_IN_PRINCIPLE: agreeInPrincipleSchema,
  REQUEST_CHANGES: requestChangesSchema,
  DECLINE: declineSchema,
  PROPOSE_TERMS: termsSchema,
  ACCEPT_TERMS: acceptTermsSchema,
  PROPOSE_POINT: proposePointSchema,
  AGREE_POINT: agreePointSchema,
  DISPUTE_POINT: disputePointSchema,
  SIGN_OFF: signOffSchema,
  RETURN_FOR_CHANGES: returnForChangesSchema,
  SCHEDULE_MEETING: scheduleMeetingSchema,
  RECORD_MEETING: recordMeetingSchema,
  SUBMIT_APPLICATION: submitApplicationSchema,
  RECORD_OUTCOME: recordOutcomeSchema,
  REAPPLY: reapplySchema,
  REOPEN: reopenSchema,
  WITHDRAW: withdrawSchema,
  COMMENT: commentSchema,
  AUTHORISE_DOCUMENT: authoriseDocumentSchema,
  CONFIRM_CONDITION: confirmConditionSchema,
  START_TRAINING: startTrainingSchema,
  COMPLETE_AWARD: completeAwardSchema,
  REASSIGN: reassignSchema,
  REISSUE_DOCUMENT: reissueDocumentSchema,
} as const;

export type UserEventType = keyof typeof eventSchemas;
export const userEventTypes = Object.keys(eventSchemas) as UserEventType[];
export type Payload<T extends UserEventType> = z.infer<(typeof eventSchemas)[T]>;

export type Idea = z.infer<typeof ideaSchema>;
export type Collaborator = z.infer<typeof collaboratorSchema>;
export type Agreement = z.infer<typeof agreeInPrincipleSchema>;
export type PointProposalPayload = z.infer<typeof proposePointSchema>;
export type Terms = z.infer<typeof termsSchema>;
export type SignOff = z.infer<typeof signOffSchema>;
export type MeetingSchedule = z.infer<typeof scheduleMeetingSchema>;
export type MeetingRecord = z.infer<typeof recordMeetingSchema>;
export type ApplicationSubmission = z.infer<typeof submitApplicationSchema>;
export type Outcome = z.infer<typeof recordOutcomeSchema>;

/**
 * Parse an event's fields as sent on `today` (YYYY-MM-DD, Europe/London); on
 * failure, one message per field in API path form (`collaborators.0.email`).
 * Dates outside their sensible range (src/domain/date-ranges.ts) are refused
 * with the rest, so a person sees every problem at once.
 */
export function parsePayload<T extends UserEventType>(type: T, input: unknown, today: string):
  { ok: true; value: Payload<T> } | { ok: false; errors: FieldError[] } {
  const result = eventSchemas[type].safeParse(input);
  if (result.success) {
    const ranges = dateRangeErrors(type, result.data, today);
    return ranges.length ? { ok: false, errors: ranges } : { ok: true, value: result.data as Payload<T> };
  }
  const errors = toFieldErrors(result.error);
  const wrong = new Set(errors.map((e) => e.path.split('.')[0]!));
  return { ok: false, errors: inFieldOrder(type, [...errors, ...dateRangeErrors(type, input, today, wrong)]) };
}

/** Errors in the order of the event's fields, as a form asks them (an unknown field last). */
function inFieldOrder(type: UserEventType, errors: FieldError[]): FieldError[] {
  const fields = Object.keys(shapeOf(eventSchemas[type]));
  const rank = (e: FieldError) => { const i = fields.indexOf(e.path.split('.')[0]!); return i < 0 ? fields.length : i; };
  return errors.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map(({ e }) => e);
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One entry per unknown field, each naming only its own field.
      for (const key of issue.keys) errors.push({ path: [...issue.path, key].join('.'), message: noSuchField(key) });
    } else {
      errors.push({ path: issue.path.map(String).join('.'), message: issue.message });
    }
  }
  // One message per field: the first is the one that matters to the person.
  return errors.filter((e, i) => errors.findIndex((o) => o.path === e.path) === i);
}
