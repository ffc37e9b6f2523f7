import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { AccountTokensTable } from '../db/tables/accounts.js';

// Single-use links for invitations and password resets. A link carries
// `selector.secret`: the selector (random, not secret) finds the row, and the
// secret is compared with the stored SHA-256 in constant time, so neither the
// database nor the time a lookup takes gives a working link away. Issuing a
// new link of the same purpose revokes the old ones; using one marks it used
// in the same conditional UPDATE that checks it is still unused and unexpired,
// so two uses at once cannot both succeed.

export type TokenPurpose = 'invitation' | 'password-reset';
export type TokenRow = Selectable<AccountTokensTable>;

export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;
export const validityMs: Record<TokenPurpose, number> = {
  invitation: INVITATION_DAYS * 24 * 3600_000,
  'password-reset': RESET_MINUTES * 60_000,
};

const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/** Make a new link for this person and purpose, replacing any earlier one still unused. Returns the link's token. */
export async function issueToken(trx: Kysely<Database>, userId: string, purpose: TokenPurpose, now: Date): Promise<string> {
  const at = now.toISOString();
  await trx.updateTable('account_tokens').set({ revoked_at: at })
    .where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
  const selector = randomBytes(12).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  await trx.insertInto('account_tokens').values({
    id: randomUUID(), selector, secret_hash: hashSecret(secret).toString('hex'), user_id: userId, purpose,
    created_at: at, expires_at: new Date(now.getTime() + validityMs[purpose]).toISOString(), used_at: null, revoked_at: null,
  }).execute();
  return `${selector}.${secret}`;
}

export type TokenCheck =
  | { ok: true; token: TokenRow }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'replaced' };

/** What a link is worth now: usable, or why not. The token is never logged or stored. */
export async function checkToken(db: Kysely<Database>, link: string, purpose: TokenPurpose, now: Date): Promise<TokenCheck> {
  const [selector, secret, extra] = link.split('.');
  if (!selector || !secret || extra !== undefined || selector.length > 64 || secret.length > 128) return { ok: false, reason: 'unknown' };
  const row = await db.selectFrom('account_tokens').selectAll().where('selector', '=', selector).where('purpose', '=', purpose).executeTakeFirst();
  const expected = Buffer.from(row?.secret_hash ?? '0'.repeat(64), 'hex');
  const matches = timingSafeEqual(hashSecret(secret), expected);
  if (!row || !matches) return { ok: false, reason: 'unknown' };
  if (row.used_at) return { ok: false, reason: 'used' };
  if (row.revoked_at) return { ok: false, reason: 'replaced' };
  if (row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' };
  return { ok: true, token: row };
}

/** Mark the link used, if it still may be: false when it was used, replaced or ran out meanwhile. */
export async function consumeToken(trx: Kysely<Database>, tokenId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await trx.updateTable('account_tokens').set({ used_at: at })
    .where('id', '=', tokenId).where('used_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', at)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The person's invitation still open, if any: for the admin pages ("invited, link valid until…"). */
export function openInvitation(db: Kysely<Database>, userId: string): Promise<TokenRow | undefined> {
  return db.selectFrom('account_tokens').selectAll().where('user_id', '=', userId).where('purpose', '=', 'invitation')
    .where('used_at', 'is', null).where('revoked_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
}
