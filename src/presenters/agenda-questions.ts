import {
  budgetHolderPreferences, flexiblePeriods, knowsPeople, promotionViability, startingPoints,
} from '../domain/agenda.js';
import type { AgendaKey } from '../domain/options.js';
import { formatYesNo } from './format.js';
import type { Field } from './fields.js';

// How each point of the agenda is asked (DESIGN section 9): what the shared
// position is about, and its own questions, each taken from section 6 of the
// reference and written for both people. The forms ask them; the plan page,
// the agenda and the training agreement show the answers with `label`.

export type AnswerKind = 'yesNo' | 'choice' | 'text' | 'list';

export interface AnswerQuestion {
  key: string;
  /** The question on the form. */
  question: string;
  /** The answer's name in a summary ("Manager knows the proposed people"). */
  label: string;
  kind: AnswerKind;
  options?: Record<string, string>;
  hint?: string;
}

export interface PointQuestions {
  /** What the shared position should say. */
  position: string;
  hint: string;
  answers: AnswerQuestion[];
}

export const pointQuestions: Record<AgendaKey, PointQuestions> = {
  opportunity: {
    position: 'Why is this the right opportunity, at the right time?',
    hint: 'For example, how it builds on what has been done so far, and why now rather than later.',
    answers: [
      { key: 'startingPoint', kind: 'choice', options: startingPoints, label: 'Where to start',
        question: 'Is an internship or short project the best place to start, or is it time for formal research training?' },
    ],
  },
  people: {
    position: 'Who will support the research, and how?',
    hint: 'The supervisor, mentor and collaborators, and what each brings.',
    answers: [
      { key: 'managerKnowsThem', kind: 'choice', options: knowsPeople, label: 'The manager knows them',
        question: 'Does the manager know the proposed supervisor, mentor and collaborators?' },
      { key: 'rightPeople', kind: 'yesNo', label: 'The right people to support this', question: 'Are they the right people to support this?' },
    ],
  },
  careerPlan: {
    position: 'What is the career plan?',
    hint: 'Where the clinician wants to be in five to ten years, and how this step gets them there.',
    answers: [
      { key: 'inDevelopmentPlan', kind: 'yesNo', label: 'In the personal development plan',
        question: 'Will the research training be written into the personal development plan?' },
    ],
  },
  midTermPlan: {
    position: 'What is the plan for the next few years?',
    hint: 'What the clinician will do in the team while training, and what the team can expect.',
    answers: [
      { key: 'mentorOthers', kind: 'yesNo', label: 'Mentors others', question: 'Will they be expected to mentor or supervise others who want a clinical academic role?' },
      { key: 'expectationsOfOthers', kind: 'text', label: 'Managing others’ expectations', question: 'How will you manage the expectations of others in the team?' },
      { key: 'shareOutputs', kind: 'text', label: 'Sharing research outputs', question: 'How will research outputs be shared inside the organisation?' },
      { key: 'flexiblePeriods', kind: 'list', options: flexiblePeriods, label: 'Periods that need flexibility',
        question: 'Which periods will need flexibility between clinical and academic work?', hint: 'Select all that apply.' },
    ],
  },
  longTermPlan: {
    position: 'What is the long-term plan?',
    hint: 'The place of clinical academics in the team, and what happens after the award.',
    answers: [
      { key: 'clinicalAcademicsInTeam', kind: 'yesNo', label: 'Clinical academics planned in the team',
        question: 'Is there a plan for clinical academics to be part of the team for the long term?' },
      { key: 'workingTogether', kind: 'text', label: 'Working together on it', question: 'If so, how will you work together to make it happen?' },
      { key: 'endOfAward', kind: 'text', label: 'At the end of the award', question: 'What will happen at the end of the award?' },
      { key: 'promotionViable', kind: 'choice', options: promotionViability, label: 'Promotion viable for the service',
        question: 'If the clinician seeks promotion, is that viable for the service?' },
      { key: 'acrossTeams', kind: 'yesNo', label: 'Skills used across teams',
        question: 'Could their skills be used across several teams, sharing the costs and the benefits?' },
    ],
  },
  teamDevelopment: {
    position: 'How will the team’s research skills grow?',
    hint: 'For example, a journal club, audit or service evaluation, and a review of evidence that matters to the team.',
    answers: [
      { key: 'formalised', kind: 'text', label: 'How it is formalised', question: 'How will the team’s learning be made formal?' },
      { key: 'systematicReview', kind: 'yesNo', label: 'A systematic review is part of the training',
        question: 'Will a systematic review be part of the training, relevant to the team’s clinical work?' },
      { key: 'levelExpectations', kind: 'text', label: 'What to expect at this level',
        question: 'What can the team fairly expect at this stage of training?', hint: 'An intern cannot give what someone late in a doctorate can.' },
    ],
  },
  researchQuestion: {
    position: 'How does the research question serve the service?',
    hint: 'How it could help the team’s day-to-day work.',
    answers: [
      { key: 'clinicallyRelevant', kind: 'yesNo', label: 'Relevant to the team’s daily work',
        question: 'Can the question be clinically relevant and useful to the team’s day-to-day work?' },
      { key: 'managerRole', kind: 'text', label: 'The manager’s part', question: 'What part will the manager play in planning the research?' },
    ],
  },
  support: {
    position: 'What support is there while applying?',
    hint: 'For example, protected time to write the funding application.',
    answers: [
      { key: 'ownTimeUnderstood', kind: 'yesNo', label: 'Both know applications take the applicant’s own time',
        question: 'Do you both understand that applications are usually written in the applicant’s own time?' },
      { key: 'budgetHolderPreference', kind: 'choice', options: budgetHolderPreferences, label: 'Who should hold the budget',
        question: 'If the application succeeds, who should hold the budget?' },
    ],
  },
  supervisorEngagement: {
    position: 'How will you work with the academic supervisor?',
    hint: 'Shaping a project that is relevant locally, with the supervisor’s team.',
    answers: [
      { key: 'managerWillMeetSupervisor', kind: 'yesNo', label: 'The manager meets the supervisor',
        question: 'Will the manager meet the supervisor and the clinician to shape a project that is relevant locally?' },
      { key: 'academicHelpForTeam', kind: 'text', label: 'How the academic can help the team',
        question: 'How could the academic help the team understand what research can do for the service?' },
      { key: 'longTermRelationship', kind: 'text', label: 'A long-term relationship',
        question: 'Is there scope for a long-term relationship between the supervisor’s research team and the service?' },
    ],
  },
};

const format = (q: AnswerQuestion) => (value: never): string => {
  switch (q.kind) {
    case 'yesNo': return formatYesNo(value);
    case 'choice': return q.options?.[value as string] ?? String(value);
    case 'list': return (value as string[]).map((v) => q.options?.[v] ?? v).join('\n');
    default: return String(value);
  }
};

/** The position and answers of a point as fields, for summaries and "what changed" between versions. */
export const pointFields = (key: AgendaKey): Field[] => [
  { key: 'position', label: 'Position' },
  ...pointQuestions[key].answers.map((q) => ({ key: q.key, label: q.label, format: format(q) })),
];
