import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';
import { sha256 } from '../plans/hash.js';
import { toUser, type User } from './accounts.repository.js';

// Database sessions: the cookie holds a random value; the table holds its hash,
// the user, a CSRF token, the expiry and when it was last used. A session ends
// at its expiry (SESSION_HOURS after sign-in) or after SESSION_IDLE_MINUTES
// unused, whichever comes first.

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: string;
  /** The hash the table keys this session by: what endSessions' `except` takes. */
  idHash: string;
}

/** Last use is written at most this often, so reading pages does not write on every request. */
const TOUCH_MS = 60_000;

export async function startSession(db: Kysely<Database>, userId: string, now: Date, hours: number): Promise<{ cookie: string; csrfToken: string }> {
  const cookie = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + hours * 3600_000);
  await db.insertInto('sessions').values({
    id_hash: sha256(cookie), user_id: userId, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expires.toISOString(),
    last_seen_at: now.toISOString(),
  }).execute();
  return { cookie, csrfToken };
}

export async function findSession(db: Kysely<Database>, cookie: string, now: Date, idleMinutes = Number.POSITIVE_INFINITY): Promise<Session | undefined> {
  const idHash = sha256(cookie);
  // Every signed-in request starts here, so the query is built once (src/db/prepared.ts).
  const { rows: [row] } = await runPrepared(db, 'findSession', () => db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users').select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.created_at as session_created_at', 'sessions.last_seen_at'])
    .where('sessions.id_hash', '=', param('idHash')), { idHash });
  // A deactivated account's sessions are deleted when it is deactivated; this also covers any begun at that moment.
  if (!row || row.expires_at <= now.toISOString() || row.deactivated_at !== null) return undefined;
  const lastSeen = Date.parse(row.last_seen_at ?? row.session_created_at);
  if (now.getTime() - lastSeen >= idleMinutes * 60_000) return undefined;
  if (now.getTime() - lastSeen >= TOUCH_MS) {
    await runPrepared(db, 'touchSession', () => db.updateTable('sessions').set({ last_seen_at: param('at') }).where('id_hash', '=', param('idHash')),
      { at: now.toISOString(), idHash });
  }
  return { user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at, idHash };
}

export async function endSession(db: Kysely<Database>, cookie: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256(cookie)).execute();
}

/**
 * End every session of a person ("sign out everywhere", a new password, a
 * deactivated account), except, when given, one to keep: the session's
 * cookie value or its id hash. Returns how many ended.
 */
export async function endSessions(db: Kysely<Database>, userId: string, options: { except?: string } = {}): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (options.except) {
    const keep = /^[0-9a-f]{64}$/.test(options.except) ? options.except : sha256(options.except);
    query = query.where('id_hash', '!=', keep);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The person's sessions still open (expired and idle ones are not), for the page that ends them. */
export async function openSessions(db: Kysely<Database>, userId: string, now: Date, idleMinutes: number) {
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  const rows = await db.selectFrom('sessions').select(['id_hash', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId).where('expires_at', '>', now.toISOString()).orderBy('created_at', 'desc').execute();
  return rows.filter((r) => (r.last_seen_at ?? r.created_at) > idleSince);
}

/** Housekeeping: sessions past their expiry or idle too long. */
export async function removeExpiredSessions(db: Kysely<Database>, now: Date, idleMinutes = Number.POSITIVE_INFINITY): Promise<number> {
  const idleSince = Number.isFinite(idleMinutes) ? new Date(now.getTime() - idleMinutes * 60_000).toISOString() : '';
  const result = await db.deleteFrom('sessions').where((eb) => eb.or([
    eb('expires_at', '<=', now.toISOString()),
    eb.and([eb('last_seen_at', 'is not', null), eb('last_seen_at', '<', idleSince)]),
  ])).executeTakeFirst();
  return Number(result.numDeletedRows);
}
