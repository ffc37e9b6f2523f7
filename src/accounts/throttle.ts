import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// Sign-in throttling, per account email: after `maxFailures` failures in a
// window the account is locked for `lockMinutes`. Counted in the database so
// that it holds across instances. A success clears the count.

export interface ThrottleRules {
  maxFailures: number;
  lockMinutes: number;
}

export async function lockedFor(db: Kysely<Database>, key: string, now: Date): Promise<number> {
  const row = await db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row?.locked_until) return 0;
  const ms = new Date(row.locked_until).getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

export async function recordFailure(db: Kysely<Database>, key: string, now: Date, rules: ThrottleRules): Promise<void> {
  const windowMs = rules.lockMinutes * 60_000;
  const row = await db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
  const fresh = !row || now.getTime() - new Date(row.window_start).getTime() > windowMs;
  const failures = fresh ? 1 : row.failures + 1;
  const lockedUntil = failures >= rules.maxFailures ? new Date(now.getTime() + windowMs).toISOString() : null;
  const values = { key, failures, window_start: fresh ? now.toISOString() : row.window_start, locked_until: lockedUntil };
  if (row) await db.updateTable('login_attempts').set(values).where('key', '=', key).execute();
  else await db.insertInto('login_attempts').values(values).execute();
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}
