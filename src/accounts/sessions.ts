import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';
import { sha256 } from '../plans/hash.js';
import { toUser, type User } from './accounts.repository.js';

// Database sessions: the cookie holds a random value; the table holds its hash,
// the user, a CSRF token and the expiry.

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

export async function startSession(db: Kysely<Database>, userId: string, now: Date, hours: number): Promise<{ cookie: string; csrfToken: string }> {
  const cookie = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + hours * 3600_000);
  await db.insertInto('sessions').values({
    id_hash: sha256(cookie), user_id: userId, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expires.toISOString(),
  }).execute();
  return { cookie, csrfToken };
}

export async function findSession(db: Kysely<Database>, cookie: string, now: Date): Promise<Session | undefined> {
  // Every signed-in request starts here, so the query is built once (src/db/prepared.ts).
  const { rows: [row] } = await runPrepared(db, 'findSession', () => db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users').select(['sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', param('idHash')), { idHash: sha256(cookie) });
  // A deactivated account's sessions are deleted when it is deactivated; this also covers any begun at that moment.
  if (!row || row.expires_at <= now.toISOString() || row.deactivated_at !== null) return undefined;
  return { user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function endSession(db: Kysely<Database>, cookie: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256(cookie)).execute();
}

/** End every session of a person, or every one but `except` (the cookie of the session to keep). */
export async function endSessions(db: Kysely<Database>, userId: string, options: { except?: string } = {}): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (options.except) query = query.where('id_hash', '<>', sha256(options.except));
  await query.execute();
}

export async function removeExpiredSessions(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}
