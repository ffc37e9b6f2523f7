import type { Context } from 'hono';
import type { FieldError, UserEventType } from '../../domain/events.js';
import { ConflictError, InvalidInputError, NotAllowedError } from '../../plans/errors.js';
import type { LoadedPlan } from '../../plans/plan.service.js';
import { availableEvents } from '../../../workflows/plan.decide.js';
import { stateLabels } from '../../../workflows/plan.labels.js';
import { stateName } from '../../../workflows/plan.status.js';
import type { Actor } from '../../../workflows/plan.types.js';
import { readForm } from '../body.js';
import { actorOf, type AppEnv } from '../context.js';
import { planHref } from '../links.js';
import { renderPage, requireUser } from '../render.js';
import { choices } from './choices.js';
import { errorsById, lines, one, postedInputs, text, typedValues, type Fields, type FormBody, type FormValues } from './fields.js';
import { planFacts } from './plan-facts.js';
import { labelOfInput } from '../../presenters/fields.js';
import { formatDateTime } from '../../presenters/format.js';
import { clearDraft, findDraft, saveDraft } from '../../plans/drafts.repository.js';

// What every form page shares: the plan as this person may see it, the
// machine's answer to "may they use this form now", the page data, and one
// way to send an event and turn each refusal into the right page.

type Ctx = Context<AppEnv>;

export interface OpenPlan extends LoadedPlan {
  id: string;
  actor: Actor;
  state: string;
  /** The events this person may send now: the machine decides, not this layer. */
  available: UserEventType[];
}

export async function openPlan(c: Ctx, id: string): Promise<OpenPlan> {
  const loaded = await c.get('services').plans.load(id, actorOf(requireUser(c)));
  // Covering for a colleague, a person acts as them: the machine is asked with that in the actor.
  const actor = loaded.actor!;
  return { ...loaded, id, actor, state: stateName(loaded.snapshot.value), available: availableEvents(loaded.snapshot, actor) };
}

/** 403 through the normal error page when the machine says this person may not use the form now. */
export function requireEvent(open: OpenPlan, type: UserEventType): void {
  if (!open.available.includes(type)) throw new NotAllowedError(undefined, type);
}

/**
 * The same check for a form being sent. At the version the person saw, the
 * machine's "no" is a plain 403; at an older version the plan has moved on, and
 * sending reports a conflict instead.
 */
export function requireEventAt(open: OpenPlan, type: UserEventType, version: number | undefined): void {
  if (version === open.row.version) requireEvent(open, type);
}

/** The plan version a form was rendered from (its hidden `version` field). */
export function postedVersion(body: FormBody): number | undefined {
  const version = Number(one(body, 'version'));
  return Number.isInteger(version) ? version : undefined;
}

/** The posted form as text: uploads are not expected and are dropped. */
export async function formBody(c: Ctx): Promise<FormBody> {
  const raw = await readForm(c);
  const body: FormBody = {};
  for (const [name, value] of Object.entries(raw)) {
    const texts = [value].flat().filter((v): v is string => typeof v === 'string');
    if (texts.length) body[name] = texts.length === 1 ? texts[0]! : texts;
  }
  return body;
}

export interface FormState {
  values: FormValues;
  /** Field id → message, or links to other pages ({ href, text }). */
  errors: Record<string, string> | Array<{ href: string; text: string }>;
  conflict?: { text: string; body: string };
  /** The plan version the form carries, when it is not the latest (an answer being corrected keeps its own). */
  version?: number;
}

export const blankForm = (values: FormValues = {}): FormState => ({ values, errors: {} });

export type PlanFacts = Awaited<ReturnType<typeof planFacts>>;

/**
 * Render a form page with the plan, the facts it may show, and the version it
 * was rendered from. `extra` may be worked out from the facts (the reader's
 * words for each person, for questions and messages that name them).
 */
export async function renderForm(c: Ctx, open: OpenPlan, template: string, title: string, state: FormState,
  extra: object | ((facts: PlanFacts) => object | Promise<object>) = {}, status = 200) {
  const { context } = open.snapshot;
  const { version, ...form } = state; // `version` is optional: drop it rather than spread an undefined
  const facts = await planFacts(c.get('services').db.kysely, context, open.state, open.actor.role);
  return renderPage(c, template, {
    title,
    plan: { id: open.id, title: context.title, href: planHref(open.id) },
    version: version ?? open.row.version,
    facts,
    // How the page names each person to its reader ("you", or their name).
    theClinician: facts.theClinician, theManager: facts.theManager, theSupervisor: facts.theSupervisor,
    choices,
    backLink: { href: planHref(open.id), text: 'Back to the plan' },
    ...form,
    ...(typeof extra === 'function' ? await extra(facts) : extra),
  }, status);
}

export interface Submission {
  type: UserEventType;
  fields: Fields;
  body: FormBody;
  payload: Record<string, unknown>;
  /** Where to go when it is sent. */
  done: string;
  /** The same form again: with errors (422), or after a conflict with the latest plan (409). */
  rerender(open: OpenPlan, state: FormState, status: number): Promise<Response>;
  /** Error summary entries, when they link somewhere other than this form's fields. */
  errorsFor?(errors: FieldError[]): FormState['errors'];
}

/** Send the event; on success 303 to `done`, otherwise the page that says what to do next. */
export async function submit(c: Ctx, open: OpenPlan, s: Submission): Promise<Response> {
  const version = postedVersion(s.body);
  requireEventAt(open, s.type, version);
  const values = typedValues(s.fields, s.body);
  try {
    // A form without a version cannot show what it was based on: version 0 makes it a conflict.
    await c.get('services').plans.send(open.id, open.actor, { type: s.type, version: version ?? 0, payload: s.payload });
    await forgetDraft(c, open, s.type);
    return c.redirect(s.done, 303);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      const errors = s.errorsFor ? s.errorsFor(error.errors) : errorsById(s.fields, s.body, error.errors);
      // Keep the version they started from, so a change made meanwhile is still caught when they send again.
      return s.rerender(open, { values, errors, version }, 422);
    }
    if (!(error instanceof ConflictError)) throw error;
    const latest = await openPlan(c, open.id);
    const label = stateLabels[latest.state];
    if (latest.available.includes(s.type)) {
      const conflict = {
        text: 'Someone else changed this plan while you were working on it',
        body: `The plan is now: ${label?.status ?? latest.state}. ${label?.next ?? ''}\n\nYour answers are kept below. Check them against the latest plan, then send them again.`,
      };
      return s.rerender(latest, { values, errors: {}, conflict }, 409);
    }
    return conflictPage(c, latest, s);
  }
}

/** The plan moved on and this form no longer applies: say so, and give back what they wrote. */
async function conflictPage(c: Ctx, open: OpenPlan, s: Submission) {
  const written = new Set(Object.entries(s.fields).filter(([, kind]) => kind === text || kind === lines).map(([name]) => name));
  const typed = postedInputs(s.fields, s.body).filter(({ name, value }) => written.has(name) && value.trim())
    .map(({ name, value }) => ({ label: labelOfInput(name), text: value }));
  const label = stateLabels[open.state];
  return renderForm(c, open, 'forms/conflict', 'Someone else changed this plan', blankForm(), {
    status: label?.status ?? open.state, next: label?.next ?? '', typed,
  }, 409);
}

export const doneHref = (planId: string, type: UserEventType) => `${planHref(planId)}?done=${type}`;

// "Save and come back later" (DESIGN section 9): a form's secondary button posts
// `_action=save-draft`; its values are kept for this person alone until they send it.

export const SAVE_DRAFT = 'save-draft';
export const isSaveDraft = (body: FormBody) => one(body, '_action') === SAVE_DRAFT;
const draftKey = (open: OpenPlan, form: string) => ({ userId: open.actor.userId, planId: open.id, form });

/** Keep what they typed, then back to the plan, which says it is saved. */
export async function keepDraft(c: Ctx, open: OpenPlan, form: string, values: FormValues): Promise<Response> {
  const { db, clock } = c.get('services');
  await saveDraft(db.kysely, draftKey(open, form), values, open.row.version, clock().toISOString());
  return c.redirect(`${planHref(open.id)}?done=DRAFT_SAVED`, 303);
}

/** A form's starting values: their saved draft if they have one (with when it was saved), else `initial`. */
export async function startingValues(c: Ctx, open: OpenPlan, form: string, initial: FormValues = {}): Promise<FormState & { draftSavedAt?: string }> {
  const draft = await findDraft(c.get('services').db.kysely, draftKey(open, form));
  return draft ? { values: draft.values, errors: {}, draftSavedAt: formatDateTime(draft.savedAt) } : blankForm(initial);
}

export const forgetDraft = (c: Ctx, open: OpenPlan, form: string) => clearDraft(c.get('services').db.kysely, draftKey(open, form));
