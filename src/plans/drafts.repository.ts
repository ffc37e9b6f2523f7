import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// "Save and come back later": a form someone has part-written, kept for them
// alone. A draft is no event: nobody else sees it, it is not in the plan's
// history, and sending the form clears it.

export interface FormDraft {
  values: Record<string, unknown>;
  planVersion: number;
  savedAt: string;
}

export interface DraftKey {
  userId: string;
  planId: string;
  /** The form: an event type, or a form of several events (`agenda`, `PROPOSE_POINT:people`). */
  form: string;
}

export async function saveDraft(db: Kysely<Database>, key: DraftKey, values: Record<string, unknown>, planVersion: number, at: string): Promise<void> {
  const row = { user_id: key.userId, plan_id: key.planId, form: key.form, values: JSON.stringify(values), plan_version: planVersion, saved_at: at };
  await db.insertInto('form_drafts').values(row)
    .onConflict((oc) => oc.columns(['user_id', 'plan_id', 'form']).doUpdateSet({ values: row.values, plan_version: planVersion, saved_at: at }))
    .execute();
}

export async function findDraft(db: Kysely<Database>, key: DraftKey): Promise<FormDraft | undefined> {
  const row = await db.selectFrom('form_drafts').select(['values', 'plan_version', 'saved_at'])
    .where('user_id', '=', key.userId).where('plan_id', '=', key.planId).where('form', '=', key.form).executeTakeFirst();
  return row && { values: JSON.parse(row.values) as Record<string, unknown>, planVersion: Number(row.plan_version), savedAt: row.saved_at };
}

export async function clearDraft(db: Kysely<Database>, key: DraftKey): Promise<void> {
  await db.deleteFrom('form_drafts').where('user_id', '=', key.userId).where('plan_id', '=', key.planId).where('form', '=', key.form).execute();
}

/** The forms this person has drafts of on this plan, so the plan page can say so. */
export async function draftsOf(db: Kysely<Database>, userId: string, planId: string): Promise<Array<{ form: string; savedAt: string }>> {
  const rows = await db.selectFrom('form_drafts').select(['form', 'saved_at'])
    .where('user_id', '=', userId).where('plan_id', '=', planId).orderBy('saved_at', 'desc').execute();
  return rows.map((r) => ({ form: r.form, savedAt: r.saved_at }));
}
