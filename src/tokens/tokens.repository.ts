import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { ApiTokensTable } from '../db/tables/integrations.js';
import { param, runPrepared } from '../db/prepared.js';

// API tokens: made with 32 random bytes, shown once, kept only as their SHA-256
// (a stolen database gives no working token), found by that hash.

export type ApiTokenRow = Selectable<ApiTokensTable>;

export const TOKEN_PREFIX = 'cap_';
const LAST_USED_EVERY_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function insertToken(
  db: Kysely<Database>, input: { organisationId: string; name: string; scopes: string[]; createdBy: string; at: string },
): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  await db.insertInto('api_tokens').values({
    id, organisation_id: input.organisationId, name: input.name, scopes: [...new Set(input.scopes)].join(' '), token_hash: hashToken(token),
    created_by: input.createdBy, created_at: input.at, last_used_at: null, revoked_at: null,
  }).execute();
  return { id, token };
}

/** The live token this secret is, or undefined (unknown, or revoked). */
export async function findLiveToken(db: Kysely<Database>, token: string): Promise<ApiTokenRow | undefined> {
  const { rows } = await runPrepared<ApiTokenRow>(db, 'tokens:byHash', () => db.selectFrom('api_tokens').selectAll()
    .where('token_hash', '=', param('hash')).where('revoked_at', 'is', null), { hash: hashToken(token) });
  return rows[0];
}

/** Note the use, at most once a minute a token: a read is not worth a disk write each time. */
export async function noteUse(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  const before = new Date(now.getTime() - LAST_USED_EVERY_MS).toISOString();
  await runPrepared(db, 'tokens:noteUse', () => db.updateTable('api_tokens').set({ last_used_at: param('at') })
    .where('id', '=', param('id'))
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', param('before'))])), { id, at: now.toISOString(), before });
}

export function listTokens(db: Kysely<Database>, organisationId: string) {
  return db.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.created_by')
    .select(['t.id', 't.name', 't.scopes', 't.created_at', 't.last_used_at', 't.revoked_at', 'u.name as created_by_name'])
    .where('t.organisation_id', '=', organisationId).orderBy('t.created_at', 'desc').orderBy('t.id').execute();
}

export function findToken(db: Kysely<Database>, organisationId: string, id: string) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'scopes', 'revoked_at'])
    .where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** Revoke a token of this trust: false when it has no such token. Revoking twice changes nothing. */
export async function revokeToken(db: Kysely<Database>, organisationId: string, id: string, at: string): Promise<boolean> {
  const found = await findToken(db, organisationId, id);
  if (!found) return false;
  if (!found.revoked_at) await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  return true;
}
