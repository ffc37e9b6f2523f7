import { z } from 'zod';
import { agendaPoints, keysOf, type AgendaKey } from './options.js';
import { choice, form, optionalText, requiredText, wholeNumber, yesNo } from './fields.js';

// The agenda's own questions (DESIGN section 9): each point has a shared
// position and a few questions of section 6 asked of both people. Every answer
// is optional; the position is what they agree.

export const startingPoints = {
  'internship-or-project': 'An internship or short project first',
  'formal-training': 'Formal research training now',
} as const;

export const knowsPeople = { yes: 'Yes, all of them', some: 'Some of them', no: 'Not yet' } as const;

export const flexiblePeriods = {
  upgrade: 'Upgrade or progression review',
  'thesis-writing': 'Thesis writing',
  'clinical-exams': 'Clinical exams',
  other: 'Other busy periods',
} as const;

export const promotionViability = { yes: 'Yes', no: 'No', 'not-yet-known': 'Not known yet' } as const;

export const budgetHolderPreferences = {
  'nhs-trust': 'The NHS trust',
  university: 'The university',
  'not-yet-known': 'Not known yet',
} as const;

const text = (label: string) => optionalText(label);
const flag = (message: string) => yesNo(message).optional();

export const answerSchemas = {
  opportunity: form({
    startingPoint: choice(startingPoints, 'Select where the research journey should start').optional(),
  }),
  people: form({
    managerKnowsThem: choice(knowsPeople, 'Select whether the manager knows the proposed people').optional(),
    rightPeople: flag('Select yes if they are the right people to support this'),
  }),
  careerPlan: form({
    inDevelopmentPlan: flag('Select yes if the research training is in the personal development plan'),
  }),
  midTermPlan: form({
    mentorOthers: flag('Select yes if they will be expected to mentor others'),
    expectationsOfOthers: text('how others’ expectations will be managed'),
    shareOutputs: text('how research outputs will be shared in the team'),
    flexiblePeriods: z.array(choice(flexiblePeriods, 'Select the periods that need flexibility'), {
      error: 'Select the periods that need flexibility',
    }).optional(),
  }),
  longTermPlan: form({
    clinicalAcademicsInTeam: flag('Select yes if there is a long-term place for clinical academics in the team'),
    workingTogether: text('how you will work together on it'),
    endOfAward: text('what happens at the end of the award'),
    promotionViable: choice(promotionViability, 'Select whether promotion is viable for the service').optional(),
    acrossTeams: flag('Select yes if the skills could be used across several teams'),
  }),
  teamDevelopment: form({
    formalised: text('how the team’s learning will be formalised'),
    systematicReview: flag('Select yes if a systematic review will be part of the training'),
    levelExpectations: text('what the team can expect at this level of training'),
  }),
  researchQuestion: form({
    clinicallyRelevant: flag('Select yes if the question is relevant to the team’s daily work'),
    managerRole: text('the part the manager will play in planning the research'),
  }),
  support: form({
    ownTimeUnderstood: flag('Select yes if you both understand applications are usually written in the applicant’s own time'),
    budgetHolderPreference: choice(budgetHolderPreferences, 'Select who should hold the budget').optional(),
  }),
  supervisorEngagement: form({
    managerWillMeetSupervisor: flag('Select yes if the manager will meet the supervisor'),
    academicHelpForTeam: text('how the academic could help the team'),
    longTermRelationship: text('the scope for a long-term relationship with the supervisor’s team'),
  }),
} satisfies Record<AgendaKey, z.ZodType>;

export type Answers = Record<string, unknown>;

const point = z.enum(keysOf(agendaPoints), {
  error: `Choose a point of the agenda: ${Object.keys(agendaPoints).join(', ')}`,
});

/** Drop answers left blank, so a cleared answer is absent rather than an empty string or list. */
const answered = (answers: Answers): Answers =>
  Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));

export const proposePointSchema = form({
  point,
  position: requiredText('the position you propose'),
  answers: z.record(z.string(), z.unknown(), { error: 'Answers must be a set of named answers' }).optional(),
  comment: optionalText('a comment'),
}).transform((value, ctx) => {
  const parsed = answerSchemas[value.point].safeParse(value.answers ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ['answers', ...issue.path] } as never);
    return z.NEVER;
  }
  const { answers: _given, comment, ...rest } = value;
  return { ...rest, answers: answered(parsed.data), ...(comment ? { comment } : {}) };
});

const pointVersion = wholeNumber('the version of the point', 1, 10_000);

export const agreePointSchema = form({ point, pointVersion });
export const disputePointSchema = form({ point, pointVersion, reason: requiredText('why you disagree') });

export const agendaKeysSchema = z.array(point, { error: 'Points must be a list of agenda points' })
  .max(Object.keys(agendaPoints).length, { error: 'Name each point once' })
  .refine((keys) => new Set(keys).size === keys.length, { error: 'Name each point once' });
