import type { FieldError } from '../../domain/events.js';
import { missingIdeaFields, requiredIdeaFields } from '../../../workflows/plan.idea.js';
import type { PlanContext } from '../../../workflows/plan.types.js';
import { ideaFields, type Field } from '../../presenters/fields.js';
import { answerRows, isBlank } from './answers.js';
import { choice, one, optionalDate, text, yesNo, type FieldKind, type Fields, type FormBody, type FormValues } from './fields.js';

// The research idea is long, so it is written over four short pages, one topic
// each. Every page saves what it holds (UPDATE_IDEA accepts a partial idea), and
// a check-your-answers page then sends the whole idea to the manager.

const ROWS = 3;
const PARTS = ['name', 'organisation', 'email', 'kind'] as const;
type Person = Record<(typeof PARTS)[number], string>;

const person = (body: FormBody, row: number): Person =>
  Object.fromEntries(PARTS.map((part) => [part, (one(body, `collaborators-${row}-${part}`) ?? '').trim()])) as Person;

/** How many person rows were posted (at least three, more when the plan already names more). */
function postedRows(body: FormBody): number {
  const indexes = Object.keys(body).map((key) => /^collaborators-(\d+)-/.exec(key)?.[1]).filter(Boolean).map(Number);
  return Math.min(Math.max(ROWS, ...indexes.map((i) => i + 1)), 20);
}

/** The rows someone filled in; a row with no name, organisation or email is left out. */
function filledRows(body: FormBody): number[] {
  return Array.from({ length: postedRows(body) }, (_, row) => row)
    .filter((row) => { const p = person(body, row); return Boolean(p.name || p.organisation || p.email); });
}

/** Up to three rows of name, organisation, email and kind, posted as "collaborators-<row>-<part>". */
const collaborators: FieldKind = {
  read: (body) => filledRows(body).map((row) => {
    const { kind, ...rest } = person(body, row);
    return kind ? { ...rest, kind } : rest;
  }),
  typed: (body) => ({ collaborators: Array.from({ length: postedRows(body) }, (_, row) => person(body, row)) }),
  shown: (value) => {
    const stored = Array.isArray(value) ? (value as Person[]) : [];
    const blank = { name: '', organisation: '', email: '', kind: '' };
    return { collaborators: Array.from({ length: Math.max(ROWS, stored.length) }, (_, i) => ({ ...blank, ...stored[i] })) };
  },
  inputs: () => Array.from({ length: ROWS }, (_, row) => PARTS.map((part) => `collaborators-${row}-${part}`)).flat(),
  // The payload skips blank rows, so its second person may be the form's third row.
  idFor: ([index = '0', part = 'name'], body) => `collaborators-${filledRows(body)[Number(index)] ?? 0}-${part}`,
};

export interface IdeaPage {
  slug: string;
  title: string;
  fields: Fields;
}

export const ideaPages: IdeaPage[] = [
  {
    slug: 'about', title: 'About you and the opportunity',
    fields: { title: text, profession: choice, opportunityLevel: choice, schemeId: text, scheme: text, expectedDeadline: optionalDate },
  },
  { slug: 'why-now', title: 'Why now', fields: { whyNow: text, careerGoal: text, inDevelopmentPlan: yesNo } },
  { slug: 'research', title: 'Your research', fields: { researchIdeas: text, researchQuestion: text, serviceRelevance: text } },
  { slug: 'people', title: 'People', fields: { collaborators } },
];

export const ideaPage = (slug: string) => ideaPages.find((page) => page.slug === slug);
const pageOf = (field: string) => ideaPages.find((page) => field in page.fields) ?? ideaPages[0]!;

const ideaPageHref = (planId: string, slug: string) => `/plans/${planId}/idea/${slug}`;

/** Where the next "Save and continue" goes: the next page, or the check page after the last (or when changing an answer). */
export function afterIdeaPage(planId: string, slug: string, fromCheck: boolean): string {
  const next = ideaPages[ideaPages.findIndex((page) => page.slug === slug) + 1];
  return next && !fromCheck ? ideaPageHref(planId, next.slug) : `/plans/${planId}/idea/check`;
}

/** What the plan holds for the idea, as a form (the plan's title is part of the idea). */
export const storedIdea = (context: PlanContext) => ({ title: context.title, ...context.idea }) as Record<string, unknown>;

/** Person rows for the people page, each input with its own id, value and error. */
export function peopleRows(values: FormValues, errors: Record<string, string>) {
  const rows = (values.collaborators as Person[] | undefined) ?? (collaborators.shown([], 'collaborators').collaborators as Person[]);
  return rows.map((p, row) => ({
    number: row + 1,
    ...Object.fromEntries(PARTS.map((part) => {
      const id = `collaborators-${row}-${part}`;
      return [part, { id, value: p[part], error: errors[id] }];
    })),
  }));
}

// The check page also shows the plan's title, which is answered on the first page.
const ideaQuestions: Field[] = [{ key: 'title', label: 'Plan title' }, ...ideaFields];

/** Where a question is answered, for a link from the check page (the people page starts at its first name box). */
const answerHref = (planId: string, name: string) =>
  `${ideaPageHref(planId, pageOf(name).slug)}?from=check#${name === 'collaborators' ? 'collaborators-0-name' : name}`;

/** The idea as summary rows; with a plan id, each row links to the page that asks it. */
export function ideaRows(context: PlanContext, planId?: string) {
  return answerRows(ideaQuestions, storedIdea(context), planId ? (name) => answerHref(planId, name) : undefined);
}

/** Missing answers in the error summary, each linking to the page where it is answered. */
export function missingIdeaLinks(planId: string, errors: FieldError[]) {
  return errors.map(({ path, message }) => ({ href: answerHref(planId, path), text: message }));
}

/**
 * A page is done when it holds every answer the manager needs from it (the
 * machine's list of required idea fields); the people page is optional.
 */
export function ideaTasks(planId: string, context: PlanContext) {
  const idea = storedIdea(context);
  const missing = new Set<string>(missingIdeaFields(context.idea));
  const answered = (name: string) => name !== 'title' && !isBlank(idea[name]);
  return ideaPages.map((page) => {
    const names = Object.keys(page.fields);
    const started = names.some(answered);
    const complete = started && !names.some((name) => missing.has(name));
    const required = names.some((name) => (requiredIdeaFields as readonly string[]).includes(name));
    const status = complete ? 'Completed' : started ? 'In progress' : required ? 'Not started' : 'Optional';
    return { title: page.title, href: ideaPageHref(planId, page.slug), status, ...(complete ? {} : { statusTag: 'blue' }) };
  });
}
