import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// Cover (DESIGN section 11): someone away names a colleague of the same role
// and organisation to act for them between two dates, both included.

export interface Cover {
  userId: string;
  delegateId: string;
  startsOn: string;
  endsOn: string;
}

const toCover = (r: { user_id: string; delegate_id: string; starts_on: string; ends_on: string }): Cover =>
  ({ userId: r.user_id, delegateId: r.delegate_id, startsOn: r.starts_on, endsOn: r.ends_on });

/** The people this delegate covers for on `today` (a London date). */
export async function coveredBy(db: Kysely<Database>, delegateId: string, today: string): Promise<Cover[]> {
  const rows = await db.selectFrom('covers').selectAll().where('delegate_id', '=', delegateId)
    .where('starts_on', '<=', today).where('ends_on', '>=', today).execute();
  return rows.map(toCover);
}

export async function coverOf(db: Kysely<Database>, userId: string): Promise<Cover | undefined> {
  const row = await db.selectFrom('covers').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row && toCover(row);
}

export async function setCover(db: Kysely<Database>, cover: Cover, at: string): Promise<void> {
  const row = { user_id: cover.userId, delegate_id: cover.delegateId, starts_on: cover.startsOn, ends_on: cover.endsOn, created_at: at };
  await db.insertInto('covers').values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ delegate_id: row.delegate_id, starts_on: row.starts_on, ends_on: row.ends_on, created_at: at }))
    .execute();
}

export async function endCover(db: Kysely<Database>, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('covers').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
