import { describe, expect, it } from 'vitest';
import { eventSchemas, parsePayload, userEventTypes, type FieldError, type UserEventType } from '../../src/domain/events.js';

// The event payloads of DESIGN section 5: what each form accepts, and the exact
// message a person sees, at the API field path, when they get something wrong.

type Fields = Record<string, unknown>;

/** The day the examples are sent (Europe/London): dates are checked against it. */
const TODAY = '2027-01-20';

const collaborator = {
  name: '  Professor Amara Okafor ',
  organisation: 'University of Leeds',
  email: ' a.okafor@leeds.ac.uk ',
  kind: 'supervisor',
};

/** One realistic, valid payload per event type. Some text is padded to show it comes back trimmed. */
const validExamples: Record<UserEventType, Fields> = {
  UPDATE_IDEA: {
    title: '  Early mobilisation after hip fracture ',
    profession: 'allied-health-professional',
    opportunityLevel: 'predoctoral',
    scheme: 'NIHR Pre-doctoral Clinical and Practitioner Academic Fellowship',
    expectedDeadline: '2027-03-01',
    whyNow: ' My caseload gives me access to the patients this question is about. ',
    researchIdeas: 'Whether physiotherapy on the day of surgery shortens length of stay.',
    researchQuestion: 'Does day-zero mobilisation reduce length of stay after hip fracture surgery?',
    serviceRelevance: 'Length of stay on the orthopaedic ward is our biggest pressure.',
    collaborators: [collaborator],
    careerGoal: 'A clinical academic physiotherapist leading trials in the trust.',
    inDevelopmentPlan: true,
  },
  SUBMIT_FOR_AGREEMENT: {},
  AGREE_IN_PRINCIPLE: {
    opportunityNotes: ' The pre-doctoral award suits where she is in her career. ',
    peopleNotes: 'Professor Okafor has supervised three of our staff before.',
    midTermPlan: 'Apply for a doctoral fellowship in two years.',
    longTermPlan: 'A joint clinical academic post with the university.',
    comment: 'Happy to support this.',
  },
  REQUEST_CHANGES: { comment: ' Please say more about how the service benefits. ' },
  DECLINE: { reason: 'The team cannot release anyone this year.' },
  PROPOSE_TERMS: {
    startDate: ' 2027-04-01 ',
    durationMonths: 24,
    academicPercent: 40,
    roleDuringTraining: 'same-role-part-time',
    backfillArrangement: 'recruit-fixed-term',
    backfillDetail: ' A band 6 fixed-term post for two days a week. ',
    specialistPost: true,
    coverTrainingPlan: 'A band 5 colleague will shadow the specialist clinics for three months.',
    clinicalFocus: 'Orthopaedic trauma ward rounds and the fracture clinic.',
    skillsMaintenance: 'Two clinical days a week and the trust competency programme.',
    applicationHoursPerWeek: 7.5,
    teamContribution: ['journal-club', 'evidence-updates'],
    estimatedBackfillCostPerYear: 18_500,
    comment: 'Reviewed with the service manager.',
  },
  ACCEPT_TERMS: { termsVersion: 2 },
  PROPOSE_POINT: {
    point: 'midTermPlan', position: ' Mentor one junior colleague; lighter clinical weeks while writing up. ',
    answers: { mentorOthers: true, shareOutputs: ' A briefing each quarter. ', flexiblePeriods: ['thesis-writing'] }, comment: 'As we discussed.',
  },
  AGREE_POINT: { point: 'midTermPlan', pointVersion: 2 },
  DISPUTE_POINT: { point: 'support', pointVersion: 1, reason: ' Four hours a week is more than the ward can release. ' },
  SIGN_OFF: { budgetHolder: 'nhs-trust', capacityConfirmed: true, conditions: ' Review at six months. ' },
  RETURN_FOR_CHANGES: { comment: 'The backfill cost looks too low for a band 6 post.' },
  SCHEDULE_MEETING: {
    supervisorName: ' Professor Amara Okafor ',
    supervisorOrganisation: 'University of Leeds',
    supervisorEmail: ' a.okafor@leeds.ac.uk ',
    startsAt: '2027-03-01T10:00:00+00:00',
    durationMinutes: 60,
    location: 'https://teams.microsoft.com/l/meetup-join/abc',
  },
  RECORD_MEETING: {
    heldOn: '2027-01-14',
    researchQuestion: ' Does day-zero mobilisation reduce length of stay? ',
    localRelevance: 'Length of stay is the ward\'s main pressure.',
    relationshipPlan: 'Meet every two months and co-supervise a master\'s student.',
    actions: [' Draft the application by May ', 'Book time with the statistician'],
  },
  SUBMIT_APPLICATION: {
    funder: 'NIHR',
    scheme: 'Pre-doctoral Clinical and Practitioner Academic Fellowship',
    callName: ' PCAF Round 11 ',
    callDeadline: '2027-01-15',
    submittedOn: '2027-01-12',
    reference: 'NIHR305123',
  },
  RECORD_OUTCOME: {
    outcome: 'awarded',
    decidedOn: '2027-01-19',
    feedback: ' A strong, well-supported application. ',
    awardStart: '2028-02-01',
    endOfAwardPlan: 'Return to the team and apply for a doctoral fellowship.',
  },
  REAPPLY: {},
  REOPEN: { comment: 'The team has capacity again from April.' },
  WITHDRAW: { reason: ' I have taken a post in another trust. ' },
  COMMENT: { text: ' Could we meet before the deadline? ' },
  AUTHORISE_DOCUMENT: { documentId: ' 6f1c2a9e-0b7d-4e8a-9c3f-2d5e7a1b4c60 ', sha256: 'b'.repeat(64) },
  CONFIRM_CONDITION: { condition: 'backfill-in-place', note: ' A band 6 physiotherapist starts on 1 October. ' },
  START_TRAINING: { startedOn: '2027-01-04' },
  COMPLETE_AWARD: { completedOn: '2027-01-15', summary: ' PhD awarded; a clinical academic post in the team from next year. ' },
  REASSIGN: { role: 'manager', userId: '6f1c2a9e-0b7d-4e8a-9c3f-2d5e7a1b4c61', reason: ' Sam Patel has moved to the community team. ' },
  REISSUE_DOCUMENT: { kind: 'letter-of-support', reason: ' The budget holder was corrected to the university. ' },
};

const example = (type: UserEventType): Fields => structuredClone(validExamples[type]);

/** `base` with some fields changed; a field set to `undefined` is left out altogether. */
function changed(base: Fields, fields: Fields): Fields {
  const payload: Fields = { ...base, ...fields };
  for (const [key, value] of Object.entries(fields)) if (value === undefined) delete payload[key];
  return payload;
}

/** The valid example of an event with some fields changed. */
const change = (type: UserEventType, fields: Fields): Fields => changed(example(type), fields);

/** The same value with every string trimmed: what a valid payload should come back as. */
function trimmed(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimmed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimmed(v)]));
  }
  return value;
}

function errorsOf(type: UserEventType, input: unknown): FieldError[] {
  const result = parsePayload(type, input, TODAY);
  if (result.ok) throw new Error(`Expected ${type} to reject ${JSON.stringify(input)}`);
  return result.errors;
}

interface Mistake { type: UserEventType; input: Fields; path: string; message: string }

/** A mistake in one field of the valid example: `value` replaces it (`undefined` leaves it out). */
function mistake(type: UserEventType, field: string, value: unknown, message: string, path = field): [string, Mistake] {
  const what = value === undefined ? `without ${field}` : `with ${field} ${show(value)}`;
  return [`${type} ${what} says "${message}"`, { type, input: change(type, { [field]: value }), path, message }];
}

/** The valid example with one field at a limit, or left out (`undefined`). */
function accepted(type: UserEventType, field: string, value: unknown): [string, { type: UserEventType; input: Fields }] {
  return [`${type} accepts ${field} ${show(value)}`, { type, input: change(type, { [field]: value }) }];
}

/** A short picture of a value for a test name. */
function show(value: unknown): string {
  if (value === undefined) return 'left out';
  if (typeof value === 'string' && value.length > 40) return `of ${value.length} characters`;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return 'as a single set of fields';
  return JSON.stringify(value);
}

/** Each mistake must be refused with exactly one message, at exactly that path. */
function expectRefused({ type, input, path, message }: Mistake) {
  expect(parsePayload(type, input, TODAY)).toEqual({ ok: false, errors: [{ path, message }] });
}

const long = (n: number) => 'a'.repeat(n);

describe('event payloads', () => {
  it('has a valid example for every event type, so a new event cannot go untested', () => {
    expect(Object.keys(validExamples).sort()).toEqual(Object.keys(eventSchemas).sort());
    expect(userEventTypes.slice().sort()).toEqual(Object.keys(eventSchemas).sort());
  });

  describe('a valid payload', () => {
    it.each(userEventTypes)('%s accepts its example and returns the text trimmed', (type) => {
      const input = example(type);
      expect(parsePayload(type, input, TODAY)).toEqual({ ok: true, value: trimmed(input) });
    });

    it('returns trimmed text, not the padded text that was sent', () => {
      const result = parsePayload('SCHEDULE_MEETING', example('SCHEDULE_MEETING'), TODAY);
      expect(result.ok && result.value.supervisorName).toBe('Professor Amara Okafor');
      expect(result.ok && result.value.supervisorEmail).toBe('a.okafor@leeds.ac.uk');
    });

    it.each([
      accepted('PROPOSE_TERMS', 'durationMonths', 1),
      accepted('PROPOSE_TERMS', 'durationMonths', 120),
      accepted('PROPOSE_TERMS', 'academicPercent', 1),
      accepted('PROPOSE_TERMS', 'academicPercent', 100),
      accepted('PROPOSE_TERMS', 'applicationHoursPerWeek', 0),
      accepted('PROPOSE_TERMS', 'applicationHoursPerWeek', 37.5),
      accepted('PROPOSE_TERMS', 'estimatedBackfillCostPerYear', 0),
      accepted('PROPOSE_TERMS', 'startDate', '2028-02-29'),
      accepted('PROPOSE_TERMS', 'comment', undefined),
      accepted('SCHEDULE_MEETING', 'durationMinutes', 15),
      accepted('SCHEDULE_MEETING', 'durationMinutes', 480),
      accepted('SCHEDULE_MEETING', 'startsAt', '2027-03-01T10:00:00Z'),
      accepted('SCHEDULE_MEETING', 'startsAt', '2027-07-01T10:00:00+01:00'),
      accepted('SCHEDULE_MEETING', 'supervisorName', long(200)),
      accepted('COMMENT', 'text', long(5000)),
      accepted('ACCEPT_TERMS', 'termsVersion', 1),
      accepted('SIGN_OFF', 'budgetHolder', 'university'),
      accepted('SIGN_OFF', 'conditions', undefined),
      accepted('AGREE_IN_PRINCIPLE', 'comment', undefined),
      // 1.1: agreeing in principle is light; each note given opens its point of the agenda.
      accepted('AGREE_IN_PRINCIPLE', 'opportunityNotes', undefined),
      accepted('AGREE_IN_PRINCIPLE', 'midTermPlan', '   '),
      accepted('PROPOSE_POINT', 'answers', undefined),
      accepted('PROPOSE_POINT', 'comment', undefined),
      accepted('REAPPLY', 'reviseTerms', true),
      accepted('RETURN_FOR_CHANGES', 'points', ['support', 'people']),
      accepted('REOPEN', 'comment', undefined),
      accepted('RECORD_OUTCOME', 'feedback', undefined),
      accepted('UPDATE_IDEA', 'expectedDeadline', undefined),
      accepted('UPDATE_IDEA', 'expectedDeadline', ''),
      accepted('UPDATE_IDEA', 'expectedDeadline', '2028-02-29'),
    ])('%s', (_name, { type, input }) => {
      expect(parsePayload(type, input, TODAY).ok).toBe(true);
    });
  });

  describe('a typical mistake is refused with one message at the field', () => {
    describe('a missing required field', () => {
      it.each([
        mistake('PROPOSE_POINT', 'position', undefined, 'Enter the position you propose'),
        mistake('DISPUTE_POINT', 'reason', undefined, 'Enter why you disagree'),
        mistake('AGREE_POINT', 'pointVersion', undefined, 'Enter the version of the point'),
        mistake('REQUEST_CHANGES', 'comment', undefined, 'Enter what needs to change'),
        mistake('DECLINE', 'reason', undefined, 'Enter the reason for declining'),
        mistake('PROPOSE_TERMS', 'startDate', undefined, 'Enter the start date'),
        mistake('PROPOSE_TERMS', 'durationMonths', undefined, 'Enter the duration in months'),
        mistake('PROPOSE_TERMS', 'roleDuringTraining', undefined, 'Select the role during training'),
        mistake('PROPOSE_TERMS', 'specialistPost', undefined, 'Select yes if the post is a specialist post'),
        mistake('PROPOSE_TERMS', 'teamContribution', undefined, 'Select at least one thing the clinician offers the team'),
        mistake('PROPOSE_TERMS', 'estimatedBackfillCostPerYear', null, 'Enter the estimated backfill cost a year'),
        mistake('ACCEPT_TERMS', 'termsVersion', undefined, 'Enter the number of the terms you accept'),
        mistake('SIGN_OFF', 'budgetHolder', undefined, 'Select who will hold the budget'),
        mistake('SIGN_OFF', 'capacityConfirmed', undefined, 'Confirm the trust has the capacity and capability to support this'),
        mistake('RETURN_FOR_CHANGES', 'comment', undefined, 'Enter what needs to change'),
        mistake('SCHEDULE_MEETING', 'supervisorEmail', undefined, "Enter the supervisor's email address"),
        mistake('SCHEDULE_MEETING', 'startsAt', undefined, 'Enter the date and time of the meeting'),
        mistake('SCHEDULE_MEETING', 'durationMinutes', undefined, 'Enter the length of the meeting'),
        mistake('RECORD_MEETING', 'localRelevance', undefined, 'Enter how the project is relevant locally'),
        mistake('RECORD_MEETING', 'actions', undefined, 'Enter at least one action'),
        mistake('SUBMIT_APPLICATION', 'funder', undefined, 'Enter the funder'),
        mistake('SUBMIT_APPLICATION', 'submittedOn', undefined, 'Enter the date you submitted'),
        mistake('RECORD_OUTCOME', 'outcome', undefined, 'Select whether the application was awarded'),
        mistake('RECORD_OUTCOME', 'decidedOn', undefined, 'Enter the date of the decision'),
        mistake('WITHDRAW', 'reason', undefined, 'Enter the reason for withdrawing'),
        mistake('COMMENT', 'text', undefined, 'Enter your comment'),
      ])('%s', (_name, row) => expectRefused(row));

      it('lists every missing required field of PROPOSE_TERMS, one message each', () => {
        expect(errorsOf('PROPOSE_TERMS', {}).map((e) => e.path)).toEqual([
          'startDate', 'durationMonths', 'academicPercent', 'roleDuringTraining', 'backfillArrangement',
          'backfillDetail', 'specialistPost', 'clinicalFocus', 'skillsMaintenance', 'applicationHoursPerWeek',
          'teamContribution', 'estimatedBackfillCostPerYear',
        ]);
      });
    });

    describe('required text that is blank once trimmed', () => {
      it.each([
        mistake('PROPOSE_POINT', 'position', '   ', 'Enter the position you propose'),
        mistake('REQUEST_CHANGES', 'comment', '   ', 'Enter what needs to change'),
        mistake('DECLINE', 'reason', '\n\t ', 'Enter the reason for declining'),
        mistake('PROPOSE_TERMS', 'clinicalFocus', '   ', 'Enter where clinical time will be focused'),
        mistake('PROPOSE_TERMS', 'startDate', '   ', 'Enter the start date'),
        mistake('RETURN_FOR_CHANGES', 'comment', '   ', 'Enter what needs to change'),
        mistake('SCHEDULE_MEETING', 'location', '   ', 'Enter the place or video link'),
        mistake('SCHEDULE_MEETING', 'supervisorEmail', '   ', "Enter the supervisor's email address"),
        mistake('RECORD_MEETING', 'researchQuestion', '   ', 'Enter the agreed research question'),
        mistake('RECORD_MEETING', 'actions', ['Draft the application', '   '], 'Enter the action', 'actions.1'),
        mistake('SUBMIT_APPLICATION', 'callName', '   ', 'Enter the name of the funding call'),
        mistake('RECORD_OUTCOME', 'decidedOn', '   ', 'Enter the date of the decision'),
        mistake('WITHDRAW', 'reason', '   ', 'Enter the reason for withdrawing'),
        mistake('COMMENT', 'text', '   ', 'Enter your comment'),
        mistake('UPDATE_IDEA', 'title', '   ', 'Enter a title for the plan'),
      ])('%s', (_name, row) => expectRefused(row));
    });

    describe('a value of the wrong kind', () => {
      it.each([
        mistake('PROPOSE_TERMS', 'durationMonths', '24', 'Duration in months must be a number'),
        mistake('PROPOSE_TERMS', 'academicPercent', '40', 'Academic share of the week must be a number'),
        mistake('PROPOSE_TERMS', 'applicationHoursPerWeek', '7.5', 'Protected hours a week for the application must be a number'),
        mistake('PROPOSE_TERMS', 'durationMonths', 2.5, 'Duration in months must be a whole number'),
        mistake('PROPOSE_TERMS', 'estimatedBackfillCostPerYear', 18_500.5, 'Estimated backfill cost a year must be a whole number'),
        mistake('PROPOSE_TERMS', 'specialistPost', 'yes', 'Select yes if the post is a specialist post'),
        mistake('PROPOSE_TERMS', 'teamContribution', 'audit', 'Select what the clinician offers the team'),
        mistake('PROPOSE_TERMS', 'backfillDetail', 42, 'How the backfill will work must be text'),
        mistake('ACCEPT_TERMS', 'termsVersion', '2', 'Number of the terms you accept must be a number'),
        mistake('SIGN_OFF', 'capacityConfirmed', 'true', 'Confirm the trust has the capacity and capability to support this'),
        mistake('SIGN_OFF', 'conditions', 7, 'Any conditions must be text'),
        mistake('SCHEDULE_MEETING', 'supervisorName', 5, "Supervisor's name must be text"),
        mistake('SCHEDULE_MEETING', 'durationMinutes', '60', 'Length of the meeting must be a number'),
        mistake('SCHEDULE_MEETING', 'startsAt', 1_803_981_600_000, 'Date and time of the meeting must be a date and time'),
        mistake('RECORD_MEETING', 'actions', 'Draft the application', 'Actions must be a list'),
        mistake('RECORD_MEETING', 'actions', [1], 'Action must be text', 'actions.0'),
        mistake('SUBMIT_APPLICATION', 'callDeadline', 20270612, 'Call deadline must be a date'),
        mistake('RECORD_OUTCOME', 'awardStart', 20280201, 'Date the award starts must be a date'),
        mistake('AGREE_IN_PRINCIPLE', 'peopleNotes', true, 'Whether the proposed people are right must be text'),
        mistake('REOPEN', 'comment', ['why'], 'Comment must be text'),
        mistake('COMMENT', 'text', 42, 'Comment must be text'),
        mistake('UPDATE_IDEA', 'whyNow', 1, 'Why this opportunity is right now must be text'),
        mistake('UPDATE_IDEA', 'inDevelopmentPlan', 'yes', 'Select yes if this is in your personal development plan'),
        mistake('UPDATE_IDEA', 'collaborators', collaborator, 'Collaborators must be a list'),
      ])('%s', (_name, row) => expectRefused(row));
    });

    describe('a number out of range', () => {
      it.each([
        mistake('PROPOSE_TERMS', 'durationMonths', 0, 'Duration in months must be between 1 and 120 months'),
        mistake('PROPOSE_TERMS', 'durationMonths', 121, 'Duration in months must be between 1 and 120 months'),
        mistake('PROPOSE_TERMS', 'academicPercent', 0, 'Academic share of the week must be between 1 and 100%'),
        mistake('PROPOSE_TERMS', 'academicPercent', 101, 'Academic share of the week must be between 1 and 100%'),
        mistake('PROPOSE_TERMS', 'applicationHoursPerWeek', 38, 'Protected hours a week for the application must be between 0 and 37.5 hours'),
        mistake('PROPOSE_TERMS', 'applicationHoursPerWeek', -1, 'Protected hours a week for the application must be between 0 and 37.5 hours'),
        mistake('PROPOSE_TERMS', 'estimatedBackfillCostPerYear', -1, 'Estimated backfill cost a year must be between 0 and 10,000,000 pounds'),
        mistake('ACCEPT_TERMS', 'termsVersion', 0, 'Number of the terms you accept must be between 1 and 10,000'),
        mistake('SCHEDULE_MEETING', 'durationMinutes', 10, 'Length of the meeting must be between 15 and 480 minutes'),
        mistake('SCHEDULE_MEETING', 'durationMinutes', 481, 'Length of the meeting must be between 15 and 480 minutes'),
      ])('%s', (_name, row) => expectRefused(row));
    });

    describe('text that is too long', () => {
      it.each([
        mistake('UPDATE_IDEA', 'whyNow', long(5001), 'Why this opportunity is right now must be 5,000 characters or fewer'),
        mistake('UPDATE_IDEA', 'title', long(201), 'Title for the plan must be 200 characters or fewer'),
        mistake('UPDATE_IDEA', 'scheme', long(201), 'Scheme or funder must be 200 characters or fewer'),
        mistake('AGREE_IN_PRINCIPLE', 'longTermPlan', long(5001), 'Long-term plan must be 5,000 characters or fewer'),
        mistake('REQUEST_CHANGES', 'comment', long(5001), 'What needs to change must be 5,000 characters or fewer'),
        mistake('DECLINE', 'reason', long(5001), 'Reason for declining must be 5,000 characters or fewer'),
        mistake('PROPOSE_TERMS', 'backfillDetail', long(5001), 'How the backfill will work must be 5,000 characters or fewer'),
        mistake('PROPOSE_TERMS', 'comment', long(5001), 'Comment must be 5,000 characters or fewer'),
        mistake('SIGN_OFF', 'conditions', long(5001), 'Any conditions must be 5,000 characters or fewer'),
        mistake('RETURN_FOR_CHANGES', 'comment', long(5001), 'What needs to change must be 5,000 characters or fewer'),
        mistake('SCHEDULE_MEETING', 'supervisorName', long(201), "Supervisor's name must be 200 characters or fewer"),
        mistake('SCHEDULE_MEETING', 'supervisorOrganisation', long(201), "Supervisor's organisation must be 200 characters or fewer"),
        mistake('SCHEDULE_MEETING', 'location', long(501), 'Place or video link must be 500 characters or fewer'),
        mistake('RECORD_MEETING', 'relationshipPlan', long(5001), 'Plan for a longer-term relationship must be 5,000 characters or fewer'),
        mistake('RECORD_MEETING', 'actions', [long(1001)], 'Action must be 1,000 characters or fewer', 'actions.0'),
        mistake('SUBMIT_APPLICATION', 'reference', long(201), 'Application reference must be 200 characters or fewer'),
        mistake('RECORD_OUTCOME', 'feedback', long(5001), 'Feedback must be 5,000 characters or fewer'),
        mistake('REOPEN', 'comment', long(5001), 'Comment must be 5,000 characters or fewer'),
        mistake('WITHDRAW', 'reason', long(5001), 'Reason for withdrawing must be 5,000 characters or fewer'),
        mistake('COMMENT', 'text', long(5001), 'Comment must be 5,000 characters or fewer'),
      ])('%s', (_name, row) => expectRefused(row));

      it('measures the length after trimming', () => {
        expect(parsePayload('COMMENT', { text: `  ${long(5000)}  ` }, TODAY).ok).toBe(true);
      });
    });

    describe('a value that is not one of the choices', () => {
      it.each([
        mistake('UPDATE_IDEA', 'profession', 'surgeon', 'Select your profession'),
        mistake('UPDATE_IDEA', 'profession', 'Nurse', 'Select your profession'),
        mistake('UPDATE_IDEA', 'opportunityLevel', 'phd', 'Select the level of opportunity'),
        mistake('PROPOSE_TERMS', 'roleDuringTraining', 'full-time', 'Select the role during training'),
        mistake('PROPOSE_TERMS', 'backfillArrangement', 'locum', 'Select how the clinical work will be covered'),
        mistake('PROPOSE_TERMS', 'teamContribution', ['audit', 'teaching'], 'Select what the clinician offers the team', 'teamContribution.1'),
        mistake('PROPOSE_TERMS', 'teamContribution', [], 'Select at least one thing the clinician offers the team'),
        mistake('SIGN_OFF', 'budgetHolder', 'charity', 'Select who will hold the budget'),
        mistake('RECORD_OUTCOME', 'outcome', 'pending', 'Select whether the application was awarded'),
      ])('%s', (_name, row) => expectRefused(row));
    });

    describe('a date or time that is not real', () => {
      it.each([
        mistake('PROPOSE_TERMS', 'startDate', '2027-02-30', 'Start date must be a real date'),
        mistake('PROPOSE_TERMS', 'startDate', '2027-13-01', 'Start date must be a real date'),
        mistake('PROPOSE_TERMS', 'startDate', '01/04/2027', 'Start date must be a real date'),
        mistake('SUBMIT_APPLICATION', 'callDeadline', '2027-02-29', 'Call deadline must be a real date'),
        mistake('SUBMIT_APPLICATION', 'submittedOn', '2027-6-10', 'Date you submitted must be a real date'),
        mistake('RECORD_OUTCOME', 'decidedOn', '2027-04-31', 'Date of the decision must be a real date'),
        mistake('RECORD_OUTCOME', 'awardStart', '2028-02-30', 'Date the award starts must be a real date'),
        mistake('UPDATE_IDEA', 'expectedDeadline', '2027-02-29', 'Expected closing date of the funding call must be a real date'),
        mistake('UPDATE_IDEA', 'expectedDeadline', '1/3/2027', 'Expected closing date of the funding call must be a real date'),
        mistake('UPDATE_IDEA', 'expectedDeadline', 20270301, 'Expected closing date of the funding call must be a date'),
        mistake('SCHEDULE_MEETING', 'startsAt', '2027-03-01T10:00:00', 'Date and time of the meeting must be a real date and time'),
        mistake('SCHEDULE_MEETING', 'startsAt', '2027-03-01', 'Date and time of the meeting must be a real date and time'),
        mistake('SCHEDULE_MEETING', 'startsAt', '2027-02-30T10:00:00Z', 'Date and time of the meeting must be a real date and time'),
        mistake('SCHEDULE_MEETING', 'startsAt', 'next Tuesday at 10', 'Date and time of the meeting must be a real date and time'),
      ])('%s', (_name, row) => expectRefused(row));
    });

    it('refuses an email address that is not one', () => {
      expectRefused({
        type: 'SCHEDULE_MEETING',
        input: change('SCHEDULE_MEETING', { supervisorEmail: 'amara.okafor at leeds' }),
        path: 'supervisorEmail',
        message: "Enter the supervisor's email address in the correct format, like name@example.nhs.uk",
      });
    });

    it('gives one message per field, the first that matters', () => {
      // A blank date is both empty and not a real date; the person needs only "Enter".
      expect(errorsOf('PROPOSE_TERMS', change('PROPOSE_TERMS', { startDate: '' }))).toEqual([
        { path: 'startDate', message: 'Enter the start date' },
      ]);
    });
  });

  describe('a field the form does not have', () => {
    it.each(userEventTypes)('%s refuses an unknown extra field at its own path', (type) => {
      expect(parsePayload(type, { ...example(type), hacker: 1 }, TODAY)).toEqual({
        ok: false,
        errors: [{ path: 'hacker', message: 'This form has no field called "hacker"' }],
      });
    });

    it('names each unknown field in its own message', () => {
      expect(errorsOf('SUBMIT_FOR_AGREEMENT', { type: 'X', admin: true })).toEqual([
        { path: 'type', message: 'This form has no field called "type"' },
        { path: 'admin', message: 'This form has no field called "admin"' },
      ]);
    });

    it('refuses an unknown field inside a collaborator', () => {
      expect(errorsOf('UPDATE_IDEA', { collaborators: [{ ...collaborator, phone: '0113 000 0000' }] })).toEqual([
        { path: 'collaborators.0.phone', message: 'This form has no field called "phone"' },
      ]);
    });
  });

  describe('a payload that is not a set of named fields', () => {
    it.each(userEventTypes)('%s refuses null, a list and plain text', (type) => {
      const refusal = { ok: false, errors: [{ path: '', message: 'Send the answers as a set of named fields' }] };
      expect(parsePayload(type, null, TODAY)).toEqual(refusal);
      expect(parsePayload(type, [], TODAY)).toEqual(refusal);
      expect(parsePayload(type, 'hello', TODAY)).toEqual(refusal);
    });
  });

  describe('rules across fields', () => {
    it('PROPOSE_TERMS for a specialist post needs a plan to train cover', () => {
      expectRefused({
        type: 'PROPOSE_TERMS',
        input: change('PROPOSE_TERMS', { specialistPost: true, coverTrainingPlan: undefined }),
        path: 'coverTrainingPlan',
        message: 'Enter how another team member will be trained for the specialist post',
      });
    });

    it('PROPOSE_TERMS for a specialist post does not take a blank plan to train cover', () => {
      expectRefused({
        type: 'PROPOSE_TERMS',
        input: change('PROPOSE_TERMS', { specialistPost: true, coverTrainingPlan: '   ' }),
        path: 'coverTrainingPlan',
        message: 'Enter how another team member will be trained for the specialist post',
      });
    });

    it('PROPOSE_TERMS for a post that is not specialist needs no plan to train cover', () => {
      expect(parsePayload('PROPOSE_TERMS', change('PROPOSE_TERMS', { specialistPost: false, coverTrainingPlan: undefined }), TODAY).ok).toBe(true);
    });

    it('PROPOSE_TERMS reports the missing cover plan alongside other mistakes', () => {
      expect(errorsOf('PROPOSE_TERMS', change('PROPOSE_TERMS', { coverTrainingPlan: undefined, durationMonths: 0 }))).toEqual([
        { path: 'durationMonths', message: 'Duration in months must be between 1 and 120 months' },
        { path: 'coverTrainingPlan', message: 'Enter how another team member will be trained for the specialist post' },
      ]);
    });

    it('PROPOSE_TERMS reports the missing cover plan even when other answers are missing, so the form lists every mistake at once', () => {
      const errors = errorsOf('PROPOSE_TERMS', change('PROPOSE_TERMS', { coverTrainingPlan: undefined, clinicalFocus: undefined }));
      expect(errors).toHaveLength(2);
      expect(errors).toEqual(expect.arrayContaining([
        { path: 'clinicalFocus', message: 'Enter where clinical time will be focused' },
        { path: 'coverTrainingPlan', message: 'Enter how another team member will be trained for the specialist post' },
      ]));
    });

    const noAwardStart = { path: 'awardStart', message: 'Enter the date the award starts' };
    const noEndOfAwardPlan = { path: 'endOfAwardPlan', message: 'Enter the plan for the end of the award' };

    it.each<[string, Fields, FieldError[]]>([
      ['neither the start nor the plan', { awardStart: undefined, endOfAwardPlan: undefined }, [noAwardStart, noEndOfAwardPlan]],
      ['blank answers for both', { awardStart: '  ', endOfAwardPlan: '  ' }, [noAwardStart, noEndOfAwardPlan]],
      ['only the start', { endOfAwardPlan: undefined }, [noEndOfAwardPlan]],
      ['only the plan', { awardStart: undefined }, [noAwardStart]],
    ])('RECORD_OUTCOME awarded with %s asks for what is missing', (_given, fields, errors) => {
      expect(parsePayload('RECORD_OUTCOME', change('RECORD_OUTCOME', fields), TODAY)).toEqual({ ok: false, errors });
    });

    it.each<[string, Fields]>([
      ['no start or plan', { awardStart: undefined, endOfAwardPlan: undefined }],
      ['a blank start and plan, as a form sends them', { awardStart: '', endOfAwardPlan: '' }],
    ])('RECORD_OUTCOME not awarded is valid with %s', (_given, fields) => {
      expect(parsePayload('RECORD_OUTCOME', change('RECORD_OUTCOME', { outcome: 'not-awarded', ...fields }), TODAY).ok).toBe(true);
    });

    it('RECORD_OUTCOME not awarded still checks an award start that is given', () => {
      expectRefused({
        type: 'RECORD_OUTCOME',
        input: change('RECORD_OUTCOME', { outcome: 'not-awarded', awardStart: '2028-02-30' }),
        path: 'awardStart',
        message: 'Date the award starts must be a real date',
      });
    });

    it.each([false, 'yes', undefined])('SIGN_OFF refuses capacityConfirmed %s', (capacityConfirmed) => {
      expectRefused({
        type: 'SIGN_OFF',
        input: change('SIGN_OFF', { capacityConfirmed }),
        path: 'capacityConfirmed',
        message: 'Confirm the trust has the capacity and capability to support this',
      });
    });
  });

  describe('UPDATE_IDEA, a partial save', () => {
    it('accepts an empty set of fields', () => {
      expect(parsePayload('UPDATE_IDEA', {}, TODAY)).toEqual({ ok: true, value: {} });
    });

    it.each(Object.keys(validExamples.UPDATE_IDEA))('accepts %s on its own', (field) => {
      const input = { [field]: validExamples.UPDATE_IDEA[field] };
      expect(parsePayload('UPDATE_IDEA', input, TODAY)).toEqual({ ok: true, value: trimmed(input) });
    });

    it.each<Fields>([
      { profession: 'nurse', opportunityLevel: 'internship' },
      { whyNow: 'Now is the time.', careerGoal: 'A clinical academic career.', inDevelopmentPlan: false },
      { collaborators: [] },
    ])('accepts the subset %j', (input) => {
      expect(parsePayload('UPDATE_IDEA', input, TODAY)).toEqual({ ok: true, value: input });
    });

    it('keeps a blank optional answer as empty text, so a save can clear it', () => {
      expect(parsePayload('UPDATE_IDEA', { whyNow: '   ' }, TODAY)).toEqual({ ok: true, value: { whyNow: '' } });
    });

    /** A list of two collaborators, the one at `entry` with a mistake in `field`. */
    function collaboratorMistake(entry: 0 | 1, field: string, value: unknown, message: string): [string, Mistake] {
      const people = [{ ...collaborator }, { ...collaborator, kind: 'mentor' }].map((person, i) =>
        i === entry ? changed(person, { [field]: value }) : person);
      const path = `collaborators.${entry}.${field}`;
      const what = value === undefined ? 'left out' : show(value);
      return [`${path} ${what} says "${message}"`, { type: 'UPDATE_IDEA', input: { collaborators: people }, path, message }];
    }

    it.each([
      collaboratorMistake(0, 'email', 'not-an-email', 'Enter their email address in the correct format, like name@example.nhs.uk'),
      collaboratorMistake(0, 'email', undefined, 'Enter their email address'),
      collaboratorMistake(0, 'name', undefined, 'Enter their name'),
      collaboratorMistake(0, 'name', long(201), 'Their name must be 200 characters or fewer'),
      collaboratorMistake(1, 'organisation', '   ', 'Enter their organisation'),
      collaboratorMistake(1, 'kind', 'boss', 'Select whether they are a supervisor, mentor or collaborator'),
    ])('checks each collaborator: %s', (_name, row) => expectRefused(row));

    it('refuses more than 20 collaborators', () => {
      expectRefused({
        type: 'UPDATE_IDEA',
        input: { collaborators: Array.from({ length: 21 }, () => ({ ...collaborator })) },
        path: 'collaborators',
        message: 'Name 20 people or fewer',
      });
    });
  });
});
