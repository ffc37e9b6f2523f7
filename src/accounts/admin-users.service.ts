import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { inTransaction, type Db } from '../db/connect.js';
import { inviteSchema, roleChangeSchema } from '../domain/accounts.js';
import { toFieldErrors } from '../domain/events.js';
import { roles, type Role } from '../domain/options.js';
import { InvalidInputError } from '../plans/errors.js';
import type { Clock } from '../plans/plan.service.js';
import { queueInvitation } from './account-emails.js';
import { findOrganisation, findUserByEmail, NO_PASSWORD, normaliseEmail, statusOf, type User } from './accounts.repository.js';
import { recordAdminEvent } from './admin-log.repository.js';
import { beginAdminChange, othersAdminister, scopedUser, type ScopedUser } from './admin-scope.js';
import { AccountRuleError } from './errors.js';
import { endSessions } from './sessions.js';
import { issueToken } from './tokens.repository.js';

// What an administrator does to accounts: invite, resend an invitation, change
// a role, deactivate and reactivate. Each change is one transaction with its
// line in the administration log.

export interface AdminDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'OIDC_LABEL' | 'OIDC_ISSUER'>;
}

function parse<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof toFieldErrors>[0] } }, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInputError(toFieldErrors(result.error));
  return result.data;
}

const ssoLabel = (config: AdminDeps['config']) => (config.OIDC_ISSUER ? config.OIDC_LABEL : undefined);

export async function inviteUser(deps: AdminDeps, admin: User, input: unknown): Promise<{ id: string }> {
  const data = parse(inviteSchema, input);
  const { db, clock } = deps;
  const org = await findOrganisation(db.kysely, data.organisationId);
  if (!org || org.id !== data.organisationId || org.trust_id !== admin.organisationId) {
    throw new InvalidInputError([{ path: 'organisationId', message: 'Select one of the organisations your trust administers' }]);
  }
  const email = normaliseEmail(data.email);
  return inTransaction(db, async (trx) => {
    await beginAdminChange(trx, admin);
    if (await findUserByEmail(trx, email)) {
      throw new InvalidInputError([{ path: 'email', message: `There is already an account with the email address ${email}` }]);
    }
    const now = clock();
    const id = randomUUID();
    await trx.insertInto('users').values({
      id, organisation_id: org.id, email, name: data.name, role: data.role, password_hash: NO_PASSWORD,
      created_at: now.toISOString(), activated_at: null, deactivated_at: null,
    }).execute();
    const token = await issueToken(trx, id, 'invitation', now);
    const trust = await findOrganisation(trx, admin.organisationId);
    await queueInvitation(trx, {
      to: { email, name: data.name }, role: data.role, organisation: org.name, invitedBy: `${admin.name} (${trust?.name ?? org.name})`,
      token, ssoLabel: ssoLabel(deps.config), at: now,
    });
    await recordAdminEvent(trx, {
      trustId: admin.organisationId, at: now.toISOString(), actorId: admin.id, action: 'user.invited', subject: { kind: 'user', id },
      after: { email, name: data.name, role: data.role, organisation: org.name },
    });
    return { id };
  });
}

export async function resendInvitation(deps: AdminDeps, admin: User, userId: string): Promise<void> {
  const { db, clock } = deps;
  const target = await scopedUser(db.kysely, admin, userId);
  if (statusOf(target) !== 'invited') throw new AccountRuleError(`${target.name} has already set up their account, or it is deactivated: there is no invitation to send.`);
  await inTransaction(db, async (trx) => {
    await beginAdminChange(trx, admin);
    const now = clock();
    // Issuing a new link revokes the old one: only the latest email works.
    const token = await issueToken(trx, target.id, 'invitation', now);
    const trust = await findOrganisation(trx, admin.organisationId);
    await queueInvitation(trx, {
      to: { email: target.email, name: target.name }, role: target.role as Role, organisation: target.organisation_name,
      invitedBy: `${admin.name} (${trust?.name ?? target.organisation_name})`, token, ssoLabel: ssoLabel(deps.config), at: now,
    });
    await recordAdminEvent(trx, {
      trustId: admin.organisationId, at: now.toISOString(), actorId: admin.id, action: 'user.invitation-resent', subject: { kind: 'user', id: target.id },
    });
  });
}

/** Returns false when the role is already the one asked for (nothing to change). */
export async function changeRole(deps: AdminDeps, admin: User, userId: string, input: unknown): Promise<boolean> {
  const { role } = parse(roleChangeSchema, input);
  const target = await scopedUser(deps.db.kysely, admin, userId);
  if (target.id === admin.id) throw new AccountRuleError('You cannot change your own role. Ask another administrator of your trust.');
  if (target.role === role) return false;
  await inTransaction(deps.db, async (trx) => {
    await beginAdminChange(trx, admin);
    if (target.role === 'admin' && target.organisation_id === admin.organisationId && !(await othersAdminister(trx, admin.organisationId, target.id))) {
      throw new AccountRuleError(`${target.name} is the trust's last administrator, so their role cannot change.`);
    }
    // Every request reads the account afresh, so the new role applies from their next page.
    await trx.updateTable('users').set({ role }).where('id', '=', target.id).execute();
    await recordAdminEvent(trx, {
      trustId: admin.organisationId, at: deps.clock().toISOString(), actorId: admin.id, action: 'user.role-changed',
      subject: { kind: 'user', id: target.id }, before: { role: target.role }, after: { role },
    });
  });
  return true;
}

/** Ends their sessions at once and revokes their open links. Returns false when already deactivated. */
export async function deactivateUser(deps: AdminDeps, admin: User, userId: string): Promise<boolean> {
  const target = await scopedUser(deps.db.kysely, admin, userId);
  if (target.id === admin.id) throw new AccountRuleError('You cannot deactivate your own account. Ask another administrator of your trust.');
  if (target.deactivated_at) return false;
  await inTransaction(deps.db, async (trx) => {
    await beginAdminChange(trx, admin);
    if (target.role === 'admin' && target.organisation_id === admin.organisationId && !(await othersAdminister(trx, admin.organisationId, target.id))) {
      throw new AccountRuleError(`${target.name} is the trust's last administrator and cannot be deactivated.`);
    }
    const at = deps.clock().toISOString();
    await trx.updateTable('users').set({ deactivated_at: at }).where('id', '=', target.id).execute();
    await endSessions(trx, target.id);
    await trx.updateTable('account_tokens').set({ revoked_at: at })
      .where('user_id', '=', target.id).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
    await recordAdminEvent(trx, {
      trustId: admin.organisationId, at, actorId: admin.id, action: 'user.deactivated', subject: { kind: 'user', id: target.id },
      before: { status: statusOf(target) }, after: { status: 'deactivated' },
    });
  });
  return true;
}

/** They may sign in again as before (or, if they never did, be sent a new invitation). Returns false when already active. */
export async function reactivateUser(deps: AdminDeps, admin: User, userId: string): Promise<boolean> {
  const target = await scopedUser(deps.db.kysely, admin, userId);
  if (!target.deactivated_at) return false;
  await inTransaction(deps.db, async (trx) => {
    await beginAdminChange(trx, admin);
    await trx.updateTable('users').set({ deactivated_at: null }).where('id', '=', target.id).execute();
    await recordAdminEvent(trx, {
      trustId: admin.organisationId, at: deps.clock().toISOString(), actorId: admin.id, action: 'user.reactivated',
      subject: { kind: 'user', id: target.id }, before: { status: 'deactivated' }, after: { status: statusOf({ ...target, deactivated_at: null }) },
    });
  });
  return true;
}

export const roleLabel = (role: string) => roles[role as Role] ?? role;
export type { ScopedUser };
