import { backfillArrangements, rolesDuringTraining, teamContributions } from '../../domain/options.js';
import type { TermsProposal } from '../../../workflows/plan.types.js';
import { answerRows, formats, type Question } from './answers.js';
import { choice, date, list, number, storedValues, text, yesNo, type Fields } from './fields.js';

// The terms the clinician and manager negotiate. A proposal is checked on a
// check-your-answers page before it is sent, because each one is a numbered
// version the other party must accept or answer.

export const termsFields: Fields = {
  startDate: date,
  durationMonths: number,
  academicPercent: number,
  roleDuringTraining: choice,
  backfillArrangement: choice,
  backfillDetail: text,
  specialistPost: yesNo,
  coverTrainingPlan: text,
  clinicalFocus: text,
  skillsMaintenance: text,
  applicationHoursPerWeek: number,
  teamContribution: list,
  estimatedBackfillCostPerYear: number,
  comment: text,
};

/**
 * The form starts from the current proposal, so a counter-proposal changes
 * only what differs. The comment is left out: it belonged to that proposal.
 */
export const termsFormValues = (current: TermsProposal | undefined) => storedValues(termsFields, current?.terms);

const termsQuestions: Question[] = [
  { name: 'startDate', key: 'Start date', format: formats.date },
  { name: 'durationMonths', key: 'Duration', format: formats.suffix(' months') },
  {
    name: 'academicPercent', key: 'Time split',
    format: (academic: number) => `${academic}% academic, ${100 - academic}% clinical`,
  },
  { name: 'roleDuringTraining', key: 'Role during training', format: formats.option(rolesDuringTraining) },
  { name: 'backfillArrangement', key: 'Cover for clinical work', format: formats.option(backfillArrangements) },
  { name: 'backfillDetail', key: 'How the cover will work' },
  { name: 'specialistPost', key: 'Specialist post', format: formats.yesNo },
  { name: 'coverTrainingPlan', key: 'How another team member will be trained' },
  { name: 'clinicalFocus', key: 'Where clinical time is focused' },
  { name: 'skillsMaintenance', key: 'Keeping clinical skills up to date' },
  { name: 'applicationHoursPerWeek', key: 'Protected time for the funding application', format: formats.suffix(' hours a week') },
  { name: 'teamContribution', key: 'What the clinician offers the team', format: formats.options(teamContributions) },
  { name: 'estimatedBackfillCostPerYear', key: 'Estimated cost of cover a year', format: formats.pounds },
];

const commentQuestion: Question[] = [{ name: 'comment', key: 'Comment' }];

/** The terms as summary rows; a proposal's comment is shown only when it has one. */
export function termsRows(terms: Record<string, unknown>) {
  return answerRows([...termsQuestions, ...(terms.comment ? commentQuestion : [])], terms);
}
