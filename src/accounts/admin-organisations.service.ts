import { sql, type Kysely } from 'kysely';
import { inTransaction } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { organisationFormSchema } from '../domain/accounts.js';
import { toFieldErrors } from '../domain/events.js';
import { InvalidInputError } from '../plans/errors.js';
import { findOrganisation, insertOrganisation, type OrganisationRow, type User } from './accounts.repository.js';
import { recordAdminEvent } from './admin-log.repository.js';
import { beginAdminChange, scopedOrganisation } from './admin-scope.js';
import type { AdminDeps } from './admin-users.service.js';
import { AccountRuleError } from './errors.js';

// Organisations an administrator's trust administers: adding one (a partner
// university, say), renaming it, or changing its kind.

function parse(input: unknown) {
  const result = organisationFormSchema.safeParse(input);
  if (!result.success) throw new InvalidInputError(toFieldErrors(result.error));
  return result.data;
}

async function refuseTakenName(trx: Kysely<Database>, name: string, exceptId?: string): Promise<void> {
  const same = await findOrganisation(trx, name);
  if (same && same.id !== exceptId) throw new InvalidInputError([{ path: 'name', message: `There is already an organisation called "${name}"` }]);
}

export async function addOrganisation(deps: Pick<AdminDeps, 'db' | 'clock'>, admin: User, input: unknown): Promise<OrganisationRow> {
  const data = parse(input);
  return inTransaction(deps.db, async (trx) => {
    await beginAdminChange(trx, admin);
    await refuseTakenName(trx, data.name);
    const now = deps.clock();
    const org = await insertOrganisation(trx, data, now, admin.organisationId);
    await recordAdminEvent(trx, {
      trustId: admin.organisationId, at: now.toISOString(), actorId: admin.id, action: 'organisation.created',
      subject: { kind: 'organisation', id: org.id }, after: { name: org.name, kind: org.kind },
    });
    return org;
  });
}

/** Rename, or change the kind. Returns false when nothing changed. */
export async function changeOrganisation(deps: Pick<AdminDeps, 'db' | 'clock'>, admin: User, id: string, input: unknown): Promise<boolean> {
  const data = parse(input);
  const org = await scopedOrganisation(deps.db.kysely, admin, id);
  if (org.name === data.name && org.kind === data.kind) return false;
  if (org.id === admin.organisationId && data.kind !== org.kind) {
    throw new AccountRuleError('Your own trust stays an NHS trust: its administrators, R&D leads and plans belong to it.');
  }
  await inTransaction(deps.db, async (trx) => {
    await beginAdminChange(trx, admin);
    await refuseTakenName(trx, data.name, org.id);
    // Names on issued documents and in history are kept as they were written; pages show the new name from now on.
    await trx.updateTable('organisations').set({ name: data.name, kind: data.kind }).where('id', '=', org.id).execute();
    await recordAdminEvent(trx, {
      trustId: admin.organisationId, at: deps.clock().toISOString(), actorId: admin.id, action: 'organisation.changed',
      subject: { kind: 'organisation', id: org.id }, before: { name: org.name, kind: org.kind }, after: { name: data.name, kind: data.kind },
    });
  });
  return true;
}

/** Each organisation with how many accounts it has that can sign in. */
export function organisationsWithCounts(db: Kysely<Database>, admin: User) {
  return db.selectFrom('organisations')
    .leftJoin('users', (join) => join.onRef('users.organisation_id', '=', 'organisations.id').on('users.deactivated_at', 'is', null))
    .select(['organisations.id', 'organisations.name', 'organisations.kind', sql<number>`count(users.id)`.as('people')])
    .where('organisations.trust_id', '=', admin.organisationId)
    .groupBy(['organisations.id', 'organisations.name', 'organisations.kind'])
    .orderBy('organisations.name')
    .execute();
}
