import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Role } from '../domain/options.js';
import type { AccountStatus, User } from './accounts.repository.js';

// Reading for the admin console: searching accounts, and the open plans a
// person takes part in (for R&D to reassign when they leave).

export interface UserSearch {
  q?: string;
  role?: Role;
  status?: AccountStatus;
}

export const SEARCH_LIMIT = 50;

export function searchUsers(db: Kysely<Database>, admin: User, search: UserSearch) {
  let query = db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.name', 'users.email', 'users.role', 'users.activated_at', 'users.deactivated_at', 'organisations.name as organisation_name'])
    .where('organisations.trust_id', '=', admin.organisationId);
  const q = search.q?.trim().toLowerCase();
  if (q) {
    // LIKE with the user's text escaped, so "%" and "_" match themselves.
    const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where(sql<boolean>`(lower(users.name) like ${pattern} escape '\\' or users.email like ${pattern} escape '\\')`);
  }
  if (search.role) query = query.where('users.role', '=', search.role);
  if (search.status === 'deactivated') query = query.where('users.deactivated_at', 'is not', null);
  if (search.status === 'active') query = query.where('users.deactivated_at', 'is', null).where('users.activated_at', 'is not', null);
  if (search.status === 'invited') query = query.where('users.deactivated_at', 'is', null).where('users.activated_at', 'is', null);
  return query.orderBy('users.name').orderBy('users.email').limit(SEARCH_LIMIT + 1).execute();
}

export type Part = 'clinician' | 'manager' | 'supervisor';

export interface PlanOfPerson {
  id: string;
  title: string;
  state: string;
  part: Part;
  /** The plan waits on this person now. */
  waitingOnThem: boolean;
}

/** Open plans of the administrator's trust in which this person is the clinician, manager or supervisor. */
export async function openPlansOf(db: Kysely<Database>, trustId: string, userId: string): Promise<PlanOfPerson[]> {
  const rows = await db.selectFrom('plans')
    .select(['id', 'title', 'state', 'awaiting_role', 'clinician_id', 'manager_id', 'supervisor_id'])
    .where('organisation_id', '=', trustId).where('step', 'is not', null)
    .where((eb) => eb.or([eb('clinician_id', '=', userId), eb('manager_id', '=', userId), eb('supervisor_id', '=', userId)]))
    .orderBy('updated_at', 'desc').execute();
  return rows.map((row) => {
    const part: Part = row.manager_id === userId ? 'manager' : row.supervisor_id === userId ? 'supervisor' : 'clinician';
    return { id: row.id, title: row.title, state: row.state, part, waitingOnThem: row.awaiting_role === part };
  });
}
