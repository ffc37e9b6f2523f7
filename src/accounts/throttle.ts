import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

// Sign-in throttling, counted in the database so it holds across instances,
// per account and per client address. Every attempt is counted before its
// password is checked, by one upsert that adds one and returns the new
// count: parallel guesses each get their own number, so no more than the
// limit of them are ever checked. A count runs for a window of
// `lockMinutes` from its first attempt, then starts again.

export interface ThrottleRules {
  maxFailures: number;
  lockMinutes: number;
}

/** Count one more attempt under `key`; the count in this window, this one included. */
export async function countAttempt(db: Kysely<Database>, key: string, now: Date, rules: ThrottleRules): Promise<number> {
  const at = now.toISOString();
  const windowOpenedBefore = new Date(now.getTime() - rules.lockMinutes * 60_000).toISOString();
  const row = await db.insertInto('login_attempts')
    .values({ key, failures: 1, window_start: at, locked_until: null })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({
      failures: eb.case().when('login_attempts.window_start', '<=', windowOpenedBefore).then(1)
        .else(eb('login_attempts.failures', '+', 1)).end(),
      window_start: eb.case().when('login_attempts.window_start', '<=', windowOpenedBefore).then(at)
        .else(eb.ref('login_attempts.window_start')).end(),
    })))
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

/** A correct password: the account's count starts again. */
export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}

/** A correct password from this address: its attempt is taken back off the address's count, which counts failures. */
export async function forgiveAttempt(db: Kysely<Database>, key: string): Promise<void> {
  await db.updateTable('login_attempts').set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key).where('failures', '>', 0).execute();
}

/** Housekeeping: counts whose window closed long ago. */
export async function removeOldAttempts(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('login_attempts').where('window_start', '<', before.toISOString()).execute();
}
