import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AccountNotFoundError, AccountRuleError } from './errors.js';
import type { OrganisationRow, User, UserRow } from './accounts.repository.js';

// What an administrator may act on: the organisations their trust administers
// (their own, and those it added) and the accounts in them. Anything else is
// "not found", as a plan is to someone who does not take part in it.

export type ScopedUser = UserRow & { organisation_name: string; organisation_kind: string };

export function scopedOrganisations(db: Kysely<Database>, admin: User): Promise<OrganisationRow[]> {
  return db.selectFrom('organisations').selectAll().where('trust_id', '=', admin.organisationId).orderBy('name').execute();
}

export async function scopedOrganisation(db: Kysely<Database>, admin: User, id: string): Promise<OrganisationRow> {
  const org = await db.selectFrom('organisations').selectAll()
    .where('id', '=', id).where('trust_id', '=', admin.organisationId).executeTakeFirst();
  if (!org) throw new AccountNotFoundError('organisation');
  return org;
}

export async function scopedUser(db: Kysely<Database>, admin: User, id: string): Promise<ScopedUser> {
  const row = await db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .selectAll('users').select(['organisations.name as organisation_name', 'organisations.kind as organisation_kind'])
    .where('users.id', '=', id).where('organisations.trust_id', '=', admin.organisationId).executeTakeFirst();
  if (!row) throw new AccountNotFoundError();
  return row;
}

/**
 * Start an administrator's change: take the trust's row lock (a no-op update;
 * SQLite's BEGIN IMMEDIATE already serialises writers, PostgreSQL needs it) so
 * that two administrators' changes to one trust run one after the other, then
 * check the administrator still is one. Without this, two administrators could
 * deactivate each other at the same moment and leave the trust with none.
 */
export async function beginAdminChange(trx: Kysely<Database>, admin: User): Promise<void> {
  await trx.updateTable('organisations').set({ name: sql`name` }).where('id', '=', admin.organisationId).execute();
  const actor = await trx.selectFrom('users').select(['role', 'deactivated_at']).where('id', '=', admin.id).executeTakeFirst();
  if (actor?.role !== 'admin' || actor.deactivated_at) throw new AccountRuleError('You are no longer an administrator of this trust.');
}

/** Would the trust still have an administrator who can sign in without `userId`? */
export async function othersAdminister(trx: Kysely<Database>, trustId: string, userId: string): Promise<boolean> {
  const other = await trx.selectFrom('users').select('id')
    .where('organisation_id', '=', trustId).where('role', '=', 'admin').where('deactivated_at', 'is', null)
    .where('id', '<>', userId).limit(1).executeTakeFirst();
  return other !== undefined;
}
