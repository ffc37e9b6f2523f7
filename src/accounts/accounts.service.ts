import type { Db } from '../db/connect.js';
import { newOrganisationSchema, newUserSchema } from '../domain/accounts.js';
import { toFieldErrors } from '../domain/events.js';
import { InvalidInputError } from '../plans/errors.js';
import {
  findOrganisation, findUserByEmail, insertOrganisation, insertUser, type OrganisationRow, type User,
} from './accounts.repository.js';

// Creating organisations and accounts, shared by the CLI and the demo seed.

/**
 * `trust` (an id or exact name) is the trust whose administrators manage the new
 * organisation. Without it a trust manages itself, and a university is managed
 * by the only trust when there is exactly one.
 */
export async function createOrganisation(db: Db, input: unknown, now = new Date(), trust?: string): Promise<OrganisationRow> {
  const parsed = newOrganisationSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(toFieldErrors(parsed.error));
  if (await findOrganisation(db.kysely, parsed.data.name)) {
    throw new InvalidInputError([{ path: 'name', message: `An organisation called "${parsed.data.name}" already exists` }]);
  }
  const trustId = trust || parsed.data.kind !== 'nhs-trust' ? await administeringTrust(db, trust) : null;
  return insertOrganisation(db.kysely, parsed.data, now, trustId);
}

/** For the command line: which trust's administrators manage an organisation (both named by id or exact name). */
export async function setAdministeringTrust(db: Db, organisation: string, trust: string): Promise<OrganisationRow> {
  const org = await findOrganisation(db.kysely, organisation);
  if (!org) throw new InvalidInputError([{ path: 'org', message: `There is no organisation with the id or name "${organisation}"` }]);
  const trustId = await administeringTrust(db, trust || '-');
  await db.kysely.updateTable('organisations').set({ trust_id: trustId }).where('id', '=', org.id).execute();
  return { ...org, trust_id: trustId };
}

async function administeringTrust(db: Db, trust: string | undefined): Promise<string | null> {
  if (trust) {
    const found = await findOrganisation(db.kysely, trust);
    if (found?.kind !== 'nhs-trust') throw new InvalidInputError([{ path: 'trust', message: `There is no NHS trust with the id or name "${trust}"` }]);
    return found.id;
  }
  const trusts = await db.kysely.selectFrom('organisations').select('id').where('kind', '=', 'nhs-trust').limit(2).execute();
  return trusts.length === 1 ? trusts[0]!.id : null;
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
