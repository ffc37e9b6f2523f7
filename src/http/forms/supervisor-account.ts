import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { findUserByEmail } from '../../accounts/accounts.repository.js';
import { accountFacts } from '../../accounts/account-facts.js';
import { one, type FormBody } from './fields.js';

// Arranging the supervisor meeting (issue 16.4): when the email typed is an
// active supervisor's account, the plan takes that account's name and
// organisation (the plan service's lookup, linkSupervisor, tells the machine;
// workflows/steps/meeting.ts). The person arranging sees whose account it is
// and confirms before anything is sent, so nobody is misled by a name they
// typed differently. The confirmation names the account it was given for:
// change the email and they are asked again.

export const CONFIRMED_ACCOUNT = 'confirmedAccount';

export interface AccountToConfirm {
  userId: string;
  name: string;
  organisation: string;
  /** What was typed, when it differs from the account's. */
  typedName?: string;
  typedOrganisation?: string;
}

const differs = (typed: string | undefined, actual: string) =>
  typed?.trim() && typed.trim().toLowerCase() !== actual.toLowerCase() ? typed.trim() : undefined;

/**
 * The supervisor's account the email belongs to, when it is one the plan will
 * use and it has not been confirmed yet; `linked` is the account the plan's
 * meeting already names.
 */
export async function accountToConfirm(db: Kysely<Database>, body: FormBody, linked?: string | null): Promise<AccountToConfirm | undefined> {
  const email = one(body, 'supervisorEmail')?.trim();
  if (!email) return undefined;
  const account = await findUserByEmail(db, email);
  // The same accounts the plan service links: active supervisors.
  if (!account || account.role !== 'supervisor' || account.deactivated_at) return undefined;
  // Confirmed on this form, or already the plan's supervisor when a meeting is rearranged.
  if (one(body, CONFIRMED_ACCOUNT) === account.id || linked === account.id) return undefined;
  const facts = await accountFacts(db, account.id);
  if (!facts) return undefined;
  const typedName = differs(one(body, 'supervisorName'), facts.name);
  const typedOrganisation = differs(one(body, 'supervisorOrganisation'), facts.organisation);
  return {
    userId: facts.userId, name: facts.name, organisation: facts.organisation,
    ...(typedName ? { typedName } : {}), ...(typedOrganisation ? { typedOrganisation } : {}),
  };
}
