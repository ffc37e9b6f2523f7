import { agendaKeys, agendaPoints, type AgendaKey } from '../../domain/options.js';
import type { FieldError } from '../../domain/events.js';
import { latestProposal } from '../../../workflows/plan.agenda.js';
import type { PlanContext } from '../../../workflows/plan.types.js';
import { pointQuestions, type AnswerKind } from '../../presenters/agenda-questions.js';
import { choice, list, one, text, yesNo, type FieldKind, type FormBody, type FormValues } from './fields.js';

// The agenda's forms: a point's position and answers, read from a posted form
// into a PROPOSE_POINT payload and back. One point's form names its inputs
// after the answers (`position`, `mentorOthers`); the form of every point
// prefixes each with the point (`midTermPlan-position`).

const kinds: Record<AnswerKind, FieldKind> = { yesNo, choice, text, list };

export const isAgendaKey = (key: string | undefined): key is AgendaKey => !!key && (agendaKeys as string[]).includes(key);

const prefixOf = (key: AgendaKey, many: boolean) => (many ? `${key}-` : '');

/** The PROPOSE_POINT payload a form posts for one point. */
export function proposalFrom(body: FormBody, key: AgendaKey, many = false) {
  const prefix = prefixOf(key, many);
  const answers: Record<string, unknown> = {};
  for (const q of pointQuestions[key].answers) {
    const value = kinds[q.kind].read(body, `${prefix}${q.key}`);
    if (value !== undefined) answers[q.key] = value;
  }
  const comment = one(body, 'comment');
  return { point: key, position: one(body, `${prefix}position`) ?? '', answers, ...(comment?.trim() ? { comment } : {}) };
}

/** What the form shows back: the typed values of one point's inputs. */
export function typedPoint(body: FormBody, key: AgendaKey, many = false): FormValues {
  const prefix = prefixOf(key, many);
  const values: FormValues = { [`${prefix}position`]: one(body, `${prefix}position`) ?? '' };
  for (const q of pointQuestions[key].answers) Object.assign(values, kinds[q.kind].typed(body, `${prefix}${q.key}`));
  return values;
}

/** The form's starting values: the point's latest version, as the form shows it. */
export function storedPoint(context: PlanContext, key: AgendaKey, many = false): FormValues {
  const prefix = prefixOf(key, many);
  const latest = latestProposal(context.agenda[key]);
  if (!latest) return {};
  const values: FormValues = { [`${prefix}position`]: latest.position };
  for (const q of pointQuestions[key].answers) {
    if (q.key in latest.answers) Object.assign(values, kinds[q.kind].shown(latest.answers[q.key], `${prefix}${q.key}`));
  }
  return values;
}

/** An error path of a point's payload (`answers.mentorOthers`) as the id of its input. */
export function inputOf(key: AgendaKey, path: string, many = false): string {
  const field = path.startsWith('answers.') ? path.split('.')[1]! : path.split('.')[0]!;
  return `${prefixOf(key, many)}${field}`;
}

export const errorsOfPoint = (key: AgendaKey, errors: FieldError[], many = false): Record<string, string> =>
  Object.fromEntries(errors.map((e) => [inputOf(key, e.path, many), e.message]));

/** Has the person changed this point from its latest version (so it is worth proposing)? */
export function isChanged(context: PlanContext, proposal: ReturnType<typeof proposalFrom>): boolean {
  const latest = latestProposal(context.agenda[proposal.point]);
  const normal = (answers: Record<string, unknown>) => JSON.stringify(Object.entries(answers)
    .filter(([, v]) => v !== '' && v !== undefined && !(Array.isArray(v) && v.length === 0)).sort());
  if (!latest) return proposal.position.trim() !== '' || normal(proposal.answers) !== '[]';
  return latest.position !== proposal.position.trim() || normal(latest.answers) !== normal(
    Object.fromEntries(Object.entries(proposal.answers).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])),
  );
}

/** The questions of each point, with the input names a form of one point (or of all) uses. */
export function pointInputs(key: AgendaKey, many = false) {
  const prefix = prefixOf(key, many);
  const q = pointQuestions[key];
  return {
    key, title: agendaPoints[key], positionName: `${prefix}position`, positionLabel: q.position, positionHint: q.hint,
    answers: q.answers.map((a) => ({
      ...a, name: `${prefix}${a.key}`,
      items: a.kind === 'yesNo' ? [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }]
        : a.options ? Object.entries(a.options).map(([value, label]) => ({ value, text: label })) : [],
    })),
  };
}
