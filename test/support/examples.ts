import type { Payload, UserEventType } from '../../src/domain/events.js';
import { londonDate } from '../../workflows/plan.dates.js';
import type { AgendaKey } from '../../src/domain/options.js';

// A valid, realistic payload for every event a person can send.

export const idea = {
  profession: 'allied-health-professional',
  opportunityLevel: 'doctoral',
  scheme: 'NIHR Doctoral Clinical and Practitioner Academic Fellowship',
  whyNow: 'I finished my MRes last year and my service has a gap in falls research.',
  researchIdeas: 'Early mobilisation after hip fracture in people living with frailty.',
  researchQuestion: 'Does supported mobilisation within 24 hours reduce readmission?',
  serviceRelevance: 'Readmissions after hip fracture are a trust priority this year.',
  collaborators: [{ name: 'Dr Jo Evans', organisation: 'University of Northshire', email: 'jo.evans@northshire.ac.uk', kind: 'supervisor' }],
  careerGoal: 'To lead a physiotherapy research programme as a clinical academic.',
  inDevelopmentPlan: true,
} satisfies Payload<'UPDATE_IDEA'>;

export const terms = {
  startDate: '2027-10-01',
  durationMonths: 36,
  academicPercent: 60,
  roleDuringTraining: 'same-role-part-time',
  backfillArrangement: 'recruit-fixed-term',
  backfillDetail: 'Recruit a band 6 physiotherapist on a 3-year fixed-term contract at 0.6 WTE.',
  specialistPost: true,
  coverTrainingPlan: 'The new post holder shadows me for six weeks before I start.',
  clinicalFocus: 'The orthogeriatric ward, two days a week.',
  skillsMaintenance: 'Monthly supervision and the trust falls study day.',
  applicationHoursPerWeek: 4,
  teamContribution: ['journal-club', 'evidence-updates'],
  estimatedBackfillCostPerYear: 28000,
} satisfies Payload<'PROPOSE_TERMS'>;

export const counterTerms = { ...terms, academicPercent: 50, comment: 'Half and half keeps the ward safe in winter.' } satisfies Payload<'PROPOSE_TERMS'>;

/** A realistic first proposal of every point of the agenda. */
export const pointProposals: { [K in AgendaKey]: Payload<'PROPOSE_POINT'> & { point: K } } = {
  opportunity: { point: 'opportunity', position: 'A doctoral fellowship is the right next step after the MRes.', answers: { startingPoint: 'formal-training' } },
  people: { point: 'people', position: 'Dr Evans supervises; the falls network lead mentors.', answers: { managerKnowsThem: 'some', rightPeople: true } },
  careerPlan: { point: 'careerPlan', position: 'The fellowship goes into this year’s personal development plan.', answers: { inDevelopmentPlan: true } },
  midTermPlan: {
    point: 'midTermPlan', position: 'Mentor one junior colleague; lighter clinical weeks while writing up.',
    answers: { mentorOthers: true, shareOutputs: 'Quarterly team briefing.', flexiblePeriods: ['thesis-writing'] },
  },
  longTermPlan: {
    point: 'longTermPlan', position: 'A permanent clinical academic post in the team is the aim.',
    answers: { clinicalAcademicsInTeam: true, endOfAward: 'Return at band 7 with 20% research time.', promotionViable: 'not-yet-known', acrossTeams: true },
  },
  teamDevelopment: { point: 'teamDevelopment', position: 'A monthly journal club and a review of falls evidence for the team.', answers: { systematicReview: true } },
  researchQuestion: { point: 'researchQuestion', position: 'Readmission after hip fracture, using the ward’s own audit data.', answers: { clinicallyRelevant: true } },
  support: { point: 'support', position: 'Four protected hours a week while writing the application.', answers: { ownTimeUnderstood: true, budgetHolderPreference: 'nhs-trust' } },
  supervisorEngagement: { point: 'supervisorEngagement', position: 'The manager joins the first supervisor meeting.', answers: { managerWillMeetSupervisor: true } },
};

/** The points the manager's notes at "agree in principle" propose (each as version 1). */
export const notePoints: AgendaKey[] = ['opportunity', 'people', 'midTermPlan', 'longTermPlan'];

/**
 * After the manager agrees in principle with the four notes of examples.AGREE_IN_PRINCIPLE: the clinician
 * agrees those four, proposes the other five, and the manager agrees them. Every point is then agreed.
 */
export const agendaSteps: Array<['clinician' | 'manager', UserEventType, object]> = [
  ...notePoints.map((point): ['clinician', UserEventType, object] => ['clinician', 'AGREE_POINT', { point, pointVersion: 1 }]),
  ...(Object.keys(pointProposals) as AgendaKey[]).filter((p) => !notePoints.includes(p))
    .map((point): ['clinician', UserEventType, object] => ['clinician', 'PROPOSE_POINT', pointProposals[point]]),
  ...(Object.keys(pointProposals) as AgendaKey[]).filter((p) => !notePoints.includes(p))
    .map((point): ['manager', UserEventType, object] => ['manager', 'AGREE_POINT', { point, pointVersion: 1 }]),
];

export const examples: { [T in UserEventType]: (termsVersion: number) => Payload<T> } = {
  UPDATE_IDEA: () => idea,
  SUBMIT_FOR_AGREEMENT: () => ({}),
  AGREE_IN_PRINCIPLE: () => ({
    opportunityNotes: 'A doctoral fellowship is the right next step after the MRes.',
    peopleNotes: 'I know Dr Evans from the falls network; a good fit.',
    midTermPlan: 'Mentor one junior colleague; flexibility during thesis writing.',
    longTermPlan: 'A permanent clinical academic post in the team is the aim.',
  }),
  REQUEST_CHANGES: () => ({ comment: 'Please say more about how this helps the ward.' }),
  DECLINE: () => ({ reason: 'The service cannot release anyone this year.' }),
  PROPOSE_TERMS: () => terms,
  ACCEPT_TERMS: (termsVersion) => ({ termsVersion }),
  PROPOSE_POINT: () => pointProposals.teamDevelopment,
  AGREE_POINT: () => ({ point: 'opportunity', pointVersion: 1 }),
  DISPUTE_POINT: () => ({ point: 'opportunity', pointVersion: 1, reason: 'An internship first would suit the service better.' }),
  SIGN_OFF: () => ({ budgetHolder: 'nhs-trust', capacityConfirmed: true, conditions: 'Review at 12 months.' }),
  RETURN_FOR_CHANGES: () => ({ comment: 'The backfill cost looks low for a band 6 post.' }),
  SCHEDULE_MEETING: () => ({
    supervisorName: 'Dr Jo Evans', supervisorOrganisation: 'University of Northshire',
    supervisorEmail: 'jo.evans@northshire.ac.uk', startsAt: '2027-01-15T10:00:00+00:00', durationMinutes: 60,
    location: 'Research office, Level 2, Northshire General',
  }),
  RECORD_MEETING: () => ({
    heldOn: '2026-12-01',
    researchQuestion: 'Does supported mobilisation within 24 hours reduce 30-day readmission?',
    localRelevance: 'Uses the trust hip fracture audit data.',
    relationshipPlan: 'Quarterly joint journal club between the ward and the university team.',
    actions: ['Draft the application outline by March', 'Book a meeting with the R&D costing team'],
  }),
  SUBMIT_APPLICATION: () => ({
    funder: 'NIHR', scheme: 'Doctoral Clinical and Practitioner Academic Fellowship', callName: 'Round 12',
    callDeadline: '2027-03-01', submittedOn: '2026-12-01', reference: 'NIHR-DCAF-12-0042',
  }),
  RECORD_OUTCOME: () => ({
    outcome: 'awarded', decidedOn: '2026-12-01', awardStart: '2027-10-01',
    endOfAwardPlan: 'Return to a band 7 clinical academic post with 20% research time.',
  }),
  REAPPLY: () => ({}),
  REOPEN: () => ({ comment: 'The service position has changed.' }),
  WITHDRAW: () => ({ reason: 'I have decided to wait a year.' }),
  COMMENT: () => ({ text: 'Thanks, looks good.' }),
  AUTHORISE_DOCUMENT: () => ({ documentId: '00000000-0000-4000-8000-000000000000', sha256: 'a'.repeat(64) }),
  CONFIRM_CONDITION: () => ({ condition: 'backfill-in-place', note: 'Band 6 post filled from 1 October.' }),
  START_TRAINING: () => ({ startedOn: '2026-12-01' }),
  COMPLETE_AWARD: () => ({ completedOn: '2026-12-01', summary: 'PhD awarded; a clinical academic post in the team from next year.' }),
  REASSIGN: () => ({ role: 'manager', userId: '00000000-0000-4000-8000-000000000001', reason: 'Sam Patel has moved to another service.' }),
  REISSUE_DOCUMENT: () => ({ kind: 'training-agreement', reason: 'The budget holder was corrected.' }),
};

/**
 * An example payload dated as a person would date it on the day they send it: a meeting recorded on the day
 * it is recorded, an application submitted and a decision made today (the machine refuses days still to come).
 */
export function onTheDay<T extends object>(type: string, payload: T, now: Date): T {
  const today = londonDate(now.toISOString());
  const field = { RECORD_MEETING: 'heldOn', SUBMIT_APPLICATION: 'submittedOn', RECORD_OUTCOME: 'decidedOn', START_TRAINING: 'startedOn' }[type];
  return field && field in payload ? { ...payload, [field]: today } : payload;
}
