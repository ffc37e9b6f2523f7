import type { Kysely } from 'kysely';
import type { AccountFacts } from '../../workflows/plan.types.js';
import type { Database } from '../db/database.js';
import type { Role } from '../domain/options.js';

/** An account as the plan machine is told of it: its role, organisation, names and whether it is active. */
export async function accountFacts(db: Kysely<Database>, userId: string): Promise<AccountFacts | null> {
  const row = await db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.role', 'users.organisation_id', 'users.name', 'users.deactivated_at', 'organisations.name as organisation'])
    .where('users.id', '=', userId).executeTakeFirst();
  return row ? {
    userId: row.id, role: row.role as Role, organisationId: row.organisation_id, name: row.name, organisation: row.organisation,
    active: row.deactivated_at === null,
  } : null;
}
