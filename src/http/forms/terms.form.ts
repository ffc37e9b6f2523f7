import { backfillArrangements, rolesDuringTraining, teamContributions } from '../../domain/options.js';
import type { TermsProposal } from '../../../workflows/plan.types.js';
import { termsFields as termsRowFields, type Field } from '../../presenters/fields.js';
import { answerRows } from './answers.js';
import { costingField } from '../../costing/costing.form.js';
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
  serviceImpact: text,
  clinicalFlexibility: text,
  costing: costingField,
  comment: text,
};

/**
 * The form starts from the current proposal, so a counter-proposal changes
 * only what differs. The comment is left out: it belonged to that proposal.
 */
export const termsFormValues = (current: TermsProposal | undefined) => storedValues(termsFields, current?.terms);


const commentField: Field[] = [{ key: 'comment', label: 'Comment' }];

/** The terms as summary rows; a proposal's comment is shown only when it has one. */
export function termsRows(terms: Record<string, unknown>) {
  return answerRows([...termsRowFields, ...(terms.comment ? commentField : [])], terms);
}
