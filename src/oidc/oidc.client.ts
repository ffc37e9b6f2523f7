import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';

// Single sign-on with OpenID Connect through openid-client: the provider's
// metadata (discovered once, again after a failure), and the state of each
// sign-in between the redirect and the callback, kept in the database (so any
// instance can take the callback) under the hash of a value held in the
// browser's cookie (so only the browser that started it can finish it).

export type OidcConfig = Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'APP_URL'>;

export const SCOPES = 'openid email profile';
export const CALLBACK_PATH = '/auth/oidc/callback';
const LOGIN_MINUTES = 10;

export const redirectUri = (config: Pick<Config, 'APP_URL'>) => `${config.APP_URL}${CALLBACK_PATH}`;

const discovered = new Map<string, Promise<client.Configuration>>();

/** The provider's configuration; a failed discovery is forgotten, so the next sign-in tries again. */
export function providerConfiguration(config: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(config.OIDC_ISSUER!);
  const key = `${issuer.href} ${config.OIDC_CLIENT_ID}`;
  let found = discovered.get(key);
  if (!found) {
    // config.ts accepts http only on the loopback (the tests' provider); openid-client refuses it unless told.
    const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
    found = client.discovery(issuer, config.OIDC_CLIENT_ID!, config.OIDC_CLIENT_SECRET!, undefined, { execute, timeout: 10 });
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  invitation: string | null;
}

const hash = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** Remember a sign-in about to start; returns the value for the browser's cookie. */
export async function rememberLogin(db: Kysely<Database>, login: PendingLogin, now: Date): Promise<string> {
  const cookie = randomBytes(32).toString('base64url');
  // Old unfinished sign-ins go as new ones start: nothing else reads them.
  await db.deleteFrom('oidc_logins').where('expires_at', '<=', now.toISOString()).execute();
  await db.insertInto('oidc_logins').values({
    id_hash: hash(cookie), state: login.state, nonce: login.nonce, code_verifier: login.codeVerifier, next: login.next,
    invitation: login.invitation, expires_at: new Date(now.getTime() + LOGIN_MINUTES * 60_000).toISOString(),
  }).execute();
  return cookie;
}

/** Take (and forget) the sign-in this browser started; undefined when there is none or it ran out. */
export async function takeLogin(db: Kysely<Database>, cookie: string | undefined, now: Date): Promise<PendingLogin | undefined> {
  if (!cookie) return undefined;
  const row = await db.deleteFrom('oidc_logins').where('id_hash', '=', hash(cookie)).returningAll().executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, next: row.next, invitation: row.invitation };
}

export interface VerifiedIdentity {
  email: string | null;
  emailVerified: boolean;
}

/**
 * The email address the provider vouches for. `email_verified` is the standard
 * claim; Microsoft Entra ID sends none, and instead `xms_edov` (email domain
 * owner verified) when that optional claim is configured (README).
 */
export function identityOf(claims: Record<string, unknown> | undefined): VerifiedIdentity {
  const email = typeof claims?.email === 'string' && claims.email.includes('@') ? claims.email.trim().toLowerCase() : null;
  return { email, emailVerified: claims?.email_verified === true || claims?.xms_edov === true };
}
