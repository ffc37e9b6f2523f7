import type { Db } from '../db/connect.js';
import { newOrganisationSchema, newUserSchema } from '../domain/accounts.js';
import { toFieldErrors } from '../domain/events.js';
import { InvalidInputError } from '../plans/errors.js';
import {
  findOrganisation, findUserByEmail, insertOrganisation, insertUser, type OrganisationRow, type User,
} from './accounts.repository.js';

// Creating organisations and accounts, shared by the CLI and the demo seed.

export async function createOrganisation(db: Db, input: unknown, now = new Date()): Promise<OrganisationRow> {
  const parsed = newOrganisationSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(toFieldErrors(parsed.error));
  if (await findOrganisation(db.kysely, parsed.data.name)) {
    throw new InvalidInputError([{ path: 'name', message: `An organisation called "${parsed.data.name}" already exists` }]);
  }
  return insertOrganisation(db.kysely, parsed.data, now);
}

/** `organisation` may be an organisation's id or its exact name. */
export async function createUser(db: Db, input: Record<string, unknown> & { organisation: string }, now = new Date()): Promise<User> {
  const { organisation, ...rest } = input;
  const org = await findOrganisation(db.kysely, organisation);
  if (!org) throw new InvalidInputError([{ path: 'org', message: `There is no organisation with the id or name "${organisation}"` }]);
  const parsed = newUserSchema.safeParse({ ...rest, organisationId: org.id });
  if (!parsed.success) throw new InvalidInputError(toFieldErrors(parsed.error));
  if (await findUserByEmail(db.kysely, parsed.data.email)) {
    throw new InvalidInputError([{ path: 'email', message: `An account with the email ${parsed.data.email} already exists` }]);
  }
  return insertUser(db.kysely, parsed.data, now);
}
