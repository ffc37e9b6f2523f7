import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, OrganisationsTable, UsersTable } from '../db/database.js';
import type { NewOrganisation, NewUser } from '../domain/accounts.js';
import type { Role } from '../domain/options.js';
import { hashPassword } from './password.js';

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisationId: string;
}

export const toUser = (row: UserRow): User => ({
  id: row.id, name: row.name, email: row.email, role: row.role as Role, organisationId: row.organisation_id,
});

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** `trustId` is the trust that administers it; without one, a new trust administers itself. */
export async function insertOrganisation(db: Kysely<Database>, org: NewOrganisation, now: Date, trustId: string | null = null): Promise<OrganisationRow> {
  const id = randomUUID();
  const row = { id, name: org.name, kind: org.kind, created_at: now.toISOString(), trust_id: trustId ?? (org.kind === 'nhs-trust' ? id : null) };
  await db.insertInto('organisations').values(row).execute();
  return row;
}

/**
 * An account that can sign in at once, with its password (the command line, the demo). A hash made earlier
 * may be given (the tests' fixture people share one).
 */
export async function insertUser(db: Kysely<Database>, user: NewUser, now: Date, passwordHash?: string): Promise<User> {
  const at = now.toISOString();
  const row: UserRow = {
    id: randomUUID(), organisation_id: user.organisationId, email: normaliseEmail(user.email), name: user.name,
    role: user.role, password_hash: passwordHash ?? await hashPassword(user.password), created_at: at, activated_at: at, deactivated_at: null,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

/** No password yet: the hash of nothing, which no password matches. */
export const NO_PASSWORD = '!';

export function findOrganisation(db: Kysely<Database>, idOrName: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)])).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

/** The people of an organisation who can still take part: deactivated accounts are left out. */
export function listUsers(db: Kysely<Database>, organisationId: string, role?: Role): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll().where('organisation_id', '=', organisationId).where('deactivated_at', 'is', null);
  if (role) query = query.where('role', '=', role);
  return query.orderBy('name').execute();
}

export type AccountStatus = 'invited' | 'active' | 'deactivated';

export const statusOf = (row: Pick<UserRow, 'activated_at' | 'deactivated_at'>): AccountStatus =>
  row.deactivated_at ? 'deactivated' : row.activated_at ? 'active' : 'invited';

export function countOrganisations(db: Kysely<Database>) {
  return db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
}
