import { backfillArrangements, rolesDuringTraining } from '../../domain/options.js';
import type { TermsProposal } from '../../../workflows/plan.types.js';
import { termsFields as termsRowFields, type Field } from '../../presenters/fields.js';
import { answerRows } from './answers.js';
import { costingField } from '../../costing/costing.form.js';
import { choice, date, list, number, one, storedValues, text, yesNo, type FieldKind, type Fields, type FormBody, type FormValues } from './fields.js';
import type { PersonWords } from './reader.js';

// The terms the clinician and manager negotiate. Follow-up questions appear
// only when they apply (NHS.UK conditional reveals: without JavaScript they
// simply show). A proposal is checked on a check-your-answers page before it
// is sent, because each one is a numbered version the other party must
// accept or answer.

type BackfillArrangement = keyof typeof backfillArrangements;
const ARRANGEMENTS = Object.keys(backfillArrangements) as BackfillArrangement[];
const detailInput = (arrangement: string) => `backfillDetail-${arrangement}`;

/**
 * How the cover will work, asked under the arrangement chosen: one box per
 * arrangement ("backfillDetail-<arrangement>"), of which the chosen one is
 * read. A plain "backfillDetail" input (an older form, or a script) is read
 * when the chosen box is empty.
 */
export const backfillDetailField: FieldKind = {
  read(body, name) {
    const arrangement = one(body, 'backfillArrangement');
    const chosen = arrangement && ARRANGEMENTS.includes(arrangement as BackfillArrangement) ? one(body, detailInput(arrangement)) : undefined;
    return chosen?.trim() ? chosen : one(body, name);
  },
  typed: (body, name) => ({
    [name]: Object.fromEntries([['', one(body, name) ?? ''], ...ARRANGEMENTS.map((a) => [a, one(body, detailInput(a)) ?? ''])]),
  }),
  shown: (value, name) => ({ [name]: { '': value === undefined ? '' : String(value) } }),
  inputs: (name) => [name, ...ARRANGEMENTS.map(detailInput)],
  // With an arrangement chosen, the error is at its box; without one, "Select how…" at the radios says it all.
  idFor: (_rest, body) => {
    const arrangement = one(body, 'backfillArrangement');
    return arrangement && ARRANGEMENTS.includes(arrangement as BackfillArrangement) ? detailInput(arrangement) : 'backfillArrangement';
  },
};

export const termsFields: Fields = {
  startDate: date,
  durationMonths: number,
  academicPercent: number,
  applicationHoursPerWeek: number,
  roleDuringTraining: choice,
  backfillArrangement: choice,
  backfillDetail: backfillDetailField,
  costing: costingField,
  estimatedBackfillCostPerYear: number,
  specialistPost: yesNo,
  coverTrainingPlan: text,
  clinicalFocus: text,
  skillsMaintenance: text,
  serviceImpact: text,
  clinicalFlexibility: text,
  teamContribution: list,
  comment: text,
};

/**
 * The form starts from the current proposal, so a counter-proposal changes
 * only what differs. The comment is left out: it belonged to that proposal.
 */
export const termsFormValues = (current: TermsProposal | undefined) => storedValues(termsFields, current?.terms);

/** The follow-up question under each arrangement, in the reader's words (`clinician` is "you" or their name). */
function detailQuestion(arrangement: BackfillArrangement, clinician: PersonWords): { label: string; hint: string; missing: string } {
  switch (arrangement) {
    case 'recruit-fixed-term': return {
      label: 'What post will be recruited, and for how long?', missing: 'Enter the post that will be recruited, and for how long',
      hint: 'For example, the band, the hours a week and the length of the fixed-term contract.',
    };
    case 'upskill-team-member': return {
      label: 'Who will be trained to take on the work, and how?', missing: 'Enter who will be trained to take on the work, and how',
      hint: 'For example, their role, the training they need and how long it takes.',
    };
    case 'redistribute': return {
      label: 'How will the work be shared across the team?', missing: 'Enter how the work will be shared across the team',
      hint: `For example, who takes on which of ${clinician.your} clinics or caseload.`,
    };
    case 'bank-or-agency': return {
      label: 'What bank or agency cover is needed?', missing: 'Enter the bank or agency cover that is needed', hint: 'For example, the band and the hours a week.',
    };
    case 'not-needed': return {
      label: 'Why is no cover needed?', missing: 'Enter why no cover is needed', hint: 'For example, work that will stop or wait during the training.',
    };
  }
}

/** The arrangement radios, each revealing its own follow-up question (NHS.UK conditional content). */
export function arrangementItems(values: FormValues, errors: Record<string, string>, clinician: PersonWords) {
  const typed = (values.backfillDetail ?? {}) as Record<string, string>;
  const chosen = values.backfillArrangement;
  return ARRANGEMENTS.map((value) => {
    // A stored or plain answer shows under the arrangement it was given for.
    const detail = typed[value] || (value === chosen ? typed[''] ?? '' : '');
    const { label, hint } = detailQuestion(value, clinician);
    return {
      value, text: backfillArrangements[value],
      conditional: { kind: 'textarea', name: detailInput(value), label, hint, rows: 3, value: detail, error: errors[detailInput(value)], spellcheck: true },
    };
  });
}

/** The role during training, in the reader's words. */
export const roleItems = (clinician: PersonWords) => [
  { value: 'same-role-part-time', text: rolesDuringTraining['same-role-part-time'] },
  { value: 'new-role', text: `A new role that develops with ${clinician.your} research` },
];

/** "Is it a specialist post?": yes reveals how another team member will be trained to cover it. */
export function specialistItems(values: FormValues, errors: Record<string, string>, clinician: PersonWords) {
  return [
    {
      value: 'yes', text: 'Yes',
      conditional: {
        kind: 'textarea', name: 'coverTrainingPlan', rows: 3, value: values.coverTrainingPlan, error: errors.coverTrainingPlan, spellcheck: true,
        label: `How will another team member be trained to cover, and shadow ${clinician.you}?`,
        hint: 'For example, who it will be, what they need to learn and how long it takes.',
      },
    },
    { value: 'no', text: 'No' },
  ];
}

/** Messages that name the clinician, in the reader's words, where the form's question does. */
export function personalMessages(errors: Record<string, string>, clinician: PersonWords): Record<string, string> {
  const own: Record<string, string> = {
    roleDuringTraining: `Select what ${clinician.your} role will be during the training`,
    teamContribution: `Select what ${clinician.you} will offer the team in return`,
    coverTrainingPlan: `Enter how another team member will be trained to cover ${clinician.your} specialist post`,
    academicPercent: `Enter the share of ${clinician.your} working week that will be research`,
    applicationHoursPerWeek: `Enter how many protected hours a week ${clinician.you} will have to write the funding application`,
    specialistPost: `Select yes if ${clinician.your} post is a specialist one`,
    clinicalFocus: `Enter where ${clinician.your} clinical time will be focused`,
    skillsMaintenance: `Enter how ${clinician.you} will keep clinical skills up to date`,
    estimatedBackfillCostPerYear: 'Enter the estimated cost of the cover a year',
    // Each follow-up question of the arrangement has its own words.
    ...Object.fromEntries(ARRANGEMENTS.map((a) => [detailInput(a), detailQuestion(a, clinician).missing])),
  };
  return Object.fromEntries(Object.entries(errors).map(([id, message]) =>
    [id, own[id] && /^(Enter|Select) /.test(message) ? own[id] : message]));
}

/** The questions of the terms, as the check page lists them, in the reader's words. */
function questions(clinician: PersonWords): Field[] {
  const relabel: Record<string, string> = {
    roleDuringTraining: `${clinician.Your} role during training`,
    teamContribution: `What ${clinician.you} will offer the team`,
    academicPercent: 'Time split',
    backfillArrangement: 'Who covers the clinical work',
    backfillDetail: 'How the cover will work',
    estimatedBackfillCostPerYear: 'Estimated cost of cover a year',
    clinicalFocus: `Where ${clinician.your} clinical time is focused`,
    skillsMaintenance: `How ${clinician.you} will keep clinical skills up to date`,
  };
  const order = Object.keys(termsFields);
  return termsRowFields.map((f) => ({ ...f, label: relabel[f.key] ?? f.label }))
    .sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

const commentField: Field[] = [{ key: 'comment', label: 'Comment' }];

/** Where each answer is asked on the form, for a Change link: the id its error would link to. */
function answerId(name: string, terms: Record<string, unknown>): string {
  if (name === 'backfillDetail') return typeof terms.backfillArrangement === 'string' ? detailInput(terms.backfillArrangement) : 'backfillArrangement';
  if (name === 'costing') return 'costing-clinicianBand';
  return name;
}

/**
 * The terms as summary rows, in the reader's words; a proposal's comment is
 * shown only when it has one. With `changeHref`, each row links to its question.
 */
export function termsRows(terms: Record<string, unknown>, clinician: PersonWords, changeHref?: (id: string) => string) {
  const fields = [...questions(clinician), ...(terms.comment || changeHref ? commentField : [])];
  return answerRows(fields, terms, changeHref ? (name) => changeHref(answerId(name, terms)) : undefined);
}

/** What was posted, as a form body (a saved draft keeps it, so the check page can be shown again). */
export const postedBody = (body: FormBody): FormBody => Object.fromEntries(Object.entries(body).filter(([name]) => name !== '_csrf' && name !== '_action'));
