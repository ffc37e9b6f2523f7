import { z } from 'zod';
import { labelOfInput } from '../presenters/fields.js';
import { field, type FormBody } from './body.js';
import { choices } from './forms/choices.js';
import { planHref } from './links.js';

// Someone whose session ended while they were writing (it lasts SESSION_HOURS
// from sign-in, and a form left open overnight outlives it) must not lose
// what they typed. Their form is carried, in hidden fields of the sign-in page
// and never stored on the server, to a page after sign-in that shows the
// answers and sends them only when they press the button: with the new
// session's CSRF token, to the same route, where the plan's version, the
// machine and validation are checked as for any other form.

/** Forms on a plan, or starting one. Authorising a document is not carried: its page must be read again. */
const CARRIED_PATH = /^\/plans(\/[A-Za-z0-9_-]+)*\/?$/;
const DOCUMENT_PATH = /^\/plans\/[^/]+\/documents\//;
const carriedTo = (path: string) => CARRIED_PATH.test(path) && !DOCUMENT_PATH.test(path);

export interface CarriedForm {
  to: string;
  inputs: Array<{ name: string; value: string }>;
}

/** A page form sent by someone no longer signed in: the sign-in page carries it. */
export class SignedOutWhileWritingError extends Error {
  constructor(readonly form: CarriedForm) { super('Signed out before the form was sent.'); }
}

/** A page form's POST that can be carried through signing in again, or null. */
export function carriable(path: string, body: FormBody): CarriedForm | null {
  if (!carriedTo(path)) return null;
  const inputs = Object.entries(body).flatMap(([name, value]) =>
    (name === '_csrf' ? [] : [value].flat().filter((v): v is string => typeof v === 'string').map((v) => ({ name, value: v }))));
  return { to: path, inputs };
}

const inputsSchema = z.array(z.object({ name: z.string().max(200), value: z.string() })).max(500);

/** The carried form from the sign-in page's hidden fields; null when there is none or it was tampered into nonsense. */
export function readCarried(body: FormBody): CarriedForm | null {
  const to = field(body, 'carriedTo');
  if (!carriedTo(to)) return null;
  try {
    const inputs = inputsSchema.safeParse(JSON.parse(field(body, 'carried')));
    return inputs.success ? { to, inputs: inputs.data.filter((i) => i.name !== '_csrf') } : null;
  } catch {
    return null;
  }
}

/** The hidden fields that carry a form through the sign-in page. */
export const carriedFields = (form: CarriedForm) => ({ carriedTo: form.to, carried: JSON.stringify(form.inputs) });

const DATE_PART = /-(day|month|year)$/;

/** The list each choice was made from, by input name, so a choice reads as it did on the form. */
const chosenFrom: Record<string, Array<{ value: string; text: string }>> = {
  profession: choices.professions, opportunityLevel: choices.opportunityLevels, kind: choices.collaboratorKinds,
  roleDuringTraining: choices.rolesDuringTraining, backfillArrangement: choices.backfillArrangements,
  teamContribution: choices.teamContributions, budgetHolder: choices.budgetHolders, outcome: choices.outcomes,
  specialistPost: choices.yesNo, inDevelopmentPlan: choices.yesNo, capacityConfirmed: choices.capacityConfirmed,
  reviseTerms: choices.reviseTerms, points: choices.agendaPoints,
  schemeId: choices.schemes,
};

const shown = (name: string, value: string) =>
  (chosenFrom[name] ?? chosenFrom[name.split('-').at(-1)!])?.find((item) => item.value === value)?.text ?? value;

/**
 * What they typed, one row a question they can recognise: the parts of a date read as one, several
 * choices one a line. Inputs without a question (the version, a draft button) are carried but not shown.
 */
function answers(form: CarriedForm): Array<{ key: string; value: string }> {
  const rows = new Map<string, { key: string; parts: string[]; date: boolean }>();
  for (const { name, value } of form.inputs) {
    const label = labelOfInput(name);
    if (!label || !value.trim()) continue;
    // One row a question: a date's three boxes, or a collaborator's name, organisation, email and role.
    const row = rows.get(label) ?? { key: label, parts: [], date: DATE_PART.test(name) };
    row.parts.push(shown(name, value.trim()));
    rows.set(label, row);
  }
  return [...rows.values()].map((r) => ({ key: r.key, value: r.parts.join(r.date ? '/' : '\n') }));
}

/** The page after signing in again: their answers, and the button that sends them. */
export function carriedPage(form: CarriedForm) {
  const plan = /^\/plans\/([A-Za-z0-9_-]+)/.exec(form.to)?.[1];
  return {
    title: 'Send your answers',
    to: form.to,
    inputs: form.inputs,
    answers: answers(form),
    back: plan ? planHref(plan) : '/',
    backText: plan ? 'Go to the plan without sending them' : 'Go to your plans without sending them',
  };
}
