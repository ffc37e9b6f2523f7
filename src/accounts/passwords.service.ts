import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { inTransaction, type Db } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { InvalidInputError } from '../plans/errors.js';
import type { Clock } from '../plans/plan.service.js';
import { queueReset } from './account-emails.js';
import { findUserByEmail, findUserById, normaliseEmail, statusOf, type UserRow } from './accounts.repository.js';
import { recordAdminEvent } from './admin-log.repository.js';
import { hashPassword, verifyPassword } from './password.js';
import { passwordProblem } from './password-rules.js';
import { withinLimit } from './request-limit.js';
import { endSessions } from './sessions.js';
import { clearFailures, countAttempt } from './throttle.js';
import { checkToken, consumeToken, issueToken, type TokenCheck, type TokenPurpose } from './tokens.repository.js';

// Setting a password: accepting an invitation, resetting a forgotten one, and
// changing it while signed in. Every way ends the person's other sessions and
// leaves a line in their trust's administration log (never the link itself).

export interface PasswordDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'PASSWORD_RESETS_PER_HOUR' | 'LOGIN_MAX_FAILURES' | 'LOGIN_LOCK_MINUTES'>;
}

/** The trust whose log an account's changes go in. */
async function trustOf(db: Kysely<Database>, user: Pick<UserRow, 'organisation_id'>): Promise<string> {
  const org = await db.selectFrom('organisations').select(['id', 'trust_id']).where('id', '=', user.organisation_id).executeTakeFirstOrThrow();
  return org.trust_id ?? org.id;
}

function refuseWeak(password: string, email: string, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new InvalidInputError([{ path: field, message: problem }]);
}

export class LinkError extends Error {
  constructor(readonly reason: Exclude<TokenCheck, { ok: true }>['reason']) { super(`link ${reason}`); }
}

/** The account a link is for, or LinkError saying why it will not do. */
export async function accountForLink(deps: PasswordDeps, link: string, purpose: TokenPurpose): Promise<{ user: UserRow; tokenId: string }> {
  const check = await checkToken(deps.db.kysely, link, purpose, deps.clock());
  if (!check.ok) throw new LinkError(check.reason);
  const user = await findUserById(deps.db.kysely, check.token.user_id);
  // A deactivated account's links were revoked; this covers one issued at that moment.
  if (!user || user.deactivated_at) throw new LinkError('replaced');
  if (purpose === 'invitation' && statusOf(user) !== 'invited') throw new LinkError('used');
  return { user, tokenId: check.token.id };
}

/** Accept an invitation or use a reset link: set the password, activate the account, end every session. */
export async function setPasswordWithLink(deps: PasswordDeps, link: string, purpose: TokenPurpose, password: string): Promise<UserRow> {
  const { user, tokenId } = await accountForLink(deps, link, purpose);
  refuseWeak(password, user.email);
  const hash = await hashPassword(password);
  await inTransaction(deps.db, async (trx) => {
    const now = deps.clock();
    if (!(await consumeToken(trx, tokenId, now))) throw new LinkError('used');
    const at = now.toISOString();
    await trx.updateTable('users').set({ password_hash: hash, activated_at: user.activated_at ?? at }).where('id', '=', user.id).execute();
    await endSessions(trx, user.id);
    await recordAdminEvent(trx, {
      trustId: await trustOf(trx, user), at, actorId: user.id, subject: { kind: 'user', id: user.id },
      action: purpose === 'invitation' ? 'invitation.accepted' : 'password.reset',
      ...(purpose === 'invitation' ? { before: { status: 'invited' }, after: { status: 'active' } } : {}),
    });
  });
  return user;
}

/**
 * Accept an invitation by signing in with single sign-on (the identity provider
 * vouched for the invited address): the account becomes active without a password.
 * False when the link was used, replaced or ran out meanwhile.
 */
export async function acceptInvitationBySso(deps: Pick<PasswordDeps, 'db' | 'clock'>, tokenId: string, user: UserRow): Promise<boolean> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock();
    if (!(await consumeToken(trx, tokenId, now))) return false;
    const at = now.toISOString();
    await trx.updateTable('users').set({ activated_at: at }).where('id', '=', user.id).where('activated_at', 'is', null).execute();
    await recordAdminEvent(trx, {
      trustId: await trustOf(trx, user), at, actorId: user.id, action: 'invitation.accepted', subject: { kind: 'user', id: user.id },
      before: { status: 'invited' }, after: { status: 'active', 'signs in with': 'single sign-on' },
    });
    return true;
  });
}

/**
 * "Forgotten password": a link for an active account, at most PASSWORD_RESETS_PER_HOUR
 * an hour. The caller answers the same whatever happens here, so nobody learns
 * from it whether an address has an account.
 */
export async function requestPasswordReset(deps: PasswordDeps, email: string): Promise<void> {
  const { db, clock, config } = deps;
  const now = clock();
  const address = normaliseEmail(email);
  if (!(await withinLimit(db.kysely, `reset:${address}`, now, { max: config.PASSWORD_RESETS_PER_HOUR, windowMs: 3600_000 }))) return;
  const user = await findUserByEmail(db.kysely, address);
  if (!user || statusOf(user) !== 'active') return;
  await inTransaction(db, async (trx) => {
    const token = await issueToken(trx, user.id, 'password-reset', now);
    await queueReset(trx, { email: user.email, name: user.name }, token, now);
    await recordAdminEvent(trx, {
      trustId: await trustOf(trx, user), at: now.toISOString(), actorId: null, action: 'password.reset-requested', subject: { kind: 'user', id: user.id },
    });
  });
}

/** Change while signed in: the current password is needed; every other session ends. */
export async function changePassword(deps: PasswordDeps, userId: string, keepSession: string, current: string, next: string): Promise<void> {
  const user = await findUserById(deps.db.kysely, userId);
  if (!user) throw new InvalidInputError([{ path: 'currentPassword', message: 'Enter your current password' }]);
  // Guessing the current password on an unattended computer counts as failed sign-ins.
  const key = `email:${user.email}`;
  const now = deps.clock();
  const errors = [];
  if (!current) errors.push({ path: 'currentPassword', message: 'Enter your current password' });
  else {
    // Counted before the password is checked, as signing in is (src/accounts/throttle.ts).
    const rules = { maxFailures: deps.config.LOGIN_MAX_FAILURES, lockMinutes: deps.config.LOGIN_LOCK_MINUTES };
    if (await countAttempt(deps.db.kysely, key, now, rules) > rules.maxFailures) {
      throw new InvalidInputError([{ path: 'currentPassword', message: `Too many wrong passwords. Try again in ${rules.lockMinutes} minutes` }]);
    }
    if (await verifyPassword(current, user.password_hash)) await clearFailures(deps.db.kysely, key);
    else errors.push({ path: 'currentPassword', message: 'Your current password is not right. Check it and try again' });
  }
  const problem = passwordProblem(next, user.email) ?? (next && next === current ? 'Your new password must be different from your current one' : null);
  if (problem) errors.push({ path: 'newPassword', message: problem === 'Enter a password' ? 'Enter a new password' : problem });
  if (errors.length) throw new InvalidInputError(errors);
  const hash = await hashPassword(next);
  await inTransaction(deps.db, async (trx) => {
    const at = deps.clock().toISOString();
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute();
    await endSessions(trx, user.id, { except: keepSession });
    await recordAdminEvent(trx, { trustId: await trustOf(trx, user), at, actorId: user.id, action: 'password.changed', subject: { kind: 'user', id: user.id } });
  });
}

export { refuseWeak };
