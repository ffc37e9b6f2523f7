import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { planHref } from '../links.js';
import { findDraft, saveDraft } from '../../plans/drafts.repository.js';
import { formatDateTime } from '../../presenters/format.js';
import { typedValues, type FormBody, type FormValues } from './fields.js';
import type { OpenPlan } from './form-page.js';
import { termsFields } from './terms.form.js';

// The terms form's answers, kept for the person writing them (a draft: no
// event, nobody else sees it). "Save and come back later" keeps them, and so
// does reaching the check page, whose Change links open the form with them.
// The draft holds the form as posted, so the check page can be shown again.

const FORM = 'PROPOSE_TERMS';
const keyOf = (open: OpenPlan) => ({ userId: open.actor.userId, planId: open.id, form: FORM });

export interface TermsDraft {
  values: FormValues;
  /** The form as posted; absent in a draft saved before drafts kept it. */
  body?: FormBody;
  planVersion: number;
  savedAt: string;
}

export async function termsDraft(c: Context<AppEnv>, open: OpenPlan): Promise<TermsDraft | undefined> {
  const draft = await findDraft(c.get('services').db.kysely, keyOf(open));
  if (!draft) return undefined;
  const body = draft.values.posted as FormBody | undefined;
  const values = body ? typedValues(termsFields, body) : draft.values;
  return { values, ...(body ? { body } : {}), planVersion: draft.planVersion, savedAt: formatDateTime(draft.savedAt) };
}

/**
 * Keep what they posted, at the version they started from; then back to the
 * plan, which says it is saved, unless it is kept `quietly` on the way to the check page.
 */
export async function keepTermsDraft(c: Context<AppEnv>, open: OpenPlan, body: FormBody, version: number | undefined, options: { quietly?: boolean } = {}) {
  const { db, clock } = c.get('services');
  await saveDraft(db.kysely, keyOf(open), { posted: body }, version ?? open.row.version, clock().toISOString());
  return options.quietly ? undefined : c.redirect(`${planHref(open.id)}?done=DRAFT_SAVED`, 303);
}
