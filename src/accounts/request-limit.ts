import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// Counting requests per key in a fixed window, with one atomic upsert (the same
// statement on SQLite and PostgreSQL), so parallel requests cannot slip past
// the limit. Used to throttle "forgotten password" emails.

export interface Limit {
  max: number;
  windowMs: number;
}

/** Count this request; true while the key is within its limit for the current window. */
export async function withinLimit(db: Kysely<Database>, key: string, now: Date, limit: Limit): Promise<boolean> {
  const at = now.toISOString();
  const windowStartedBefore = new Date(now.getTime() - limit.windowMs).toISOString();
  const row = await db.insertInto('request_counts').values({ key, count: 1, window_start: at })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({
      count: eb.case().when('request_counts.window_start', '<=', windowStartedBefore).then(1)
        .else(eb('request_counts.count', '+', 1)).end(),
      window_start: eb.case().when('request_counts.window_start', '<=', windowStartedBefore).then(at)
        .else(eb.ref('request_counts.window_start')).end(),
    })))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count) <= limit.max;
}
