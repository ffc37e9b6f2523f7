import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';

// The version of each plan a person last looked at, so the plan page can say
// what changed since. Kept per person; no event, no history.

export async function lastSeenVersion(db: Kysely<Database>, userId: string, planId: string): Promise<number | null> {
  const { rows } = await runPrepared<{ version: number }>(db, 'lastSeenVersion', () => db.selectFrom('plan_views').select('version')
    .where('user_id', '=', param('userId')).where('plan_id', '=', param('planId')), { userId, planId });
  return rows[0] ? Number(rows[0].version) : null;
}

export async function recordView(db: Kysely<Database>, userId: string, planId: string, version: number, at: string): Promise<void> {
  await db.insertInto('plan_views').values({ user_id: userId, plan_id: planId, version, seen_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'plan_id']).doUpdateSet({ version, seen_at: at }))
    .execute();
}
