import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Role } from '../domain/options.js';
import { roleLabels } from '../../workflows/plan.labels.js';
import type { PlanContext } from '../../workflows/plan.types.js';
import type { Recipient } from './outbox.js';

// Who a plan waits on, as people to tell: the plan's own clinician, manager
// or supervisor, or every R&D lead (or administrator) of its trust.

export async function partyOf(trx: Kysely<Database>, context: PlanContext, role: Role): Promise<Recipient[]> {
  switch (role) {
    case 'clinician': return [{ userId: context.clinicianId }];
    case 'manager': return [{ userId: context.managerId }];
    case 'supervisor':
      if (context.supervisorId) return [{ userId: context.supervisorId }];
      // A supervisor without an account still gets the email, at the address given for the meeting.
      return context.meeting ? [{ email: context.meeting.supervisorEmail, name: context.meeting.supervisorName }] : [];
    case 'rdLead':
    case 'admin': {
      const users = await trx.selectFrom('users').select('id')
        .where('organisation_id', '=', context.organisationId).where('role', '=', role).where('deactivated_at', 'is', null)
        .orderBy('name').execute();
      return users.map((u) => ({ userId: u.id }));
    }
  }
}

/** Who hears of an escalation: R&D, or the trust's administrators when the plan waits on R&D itself. */
export const escalationRole = (awaiting: Role): Role => (awaiting === 'rdLead' ? 'admin' : 'rdLead');

/** "Sam Patel (manager)", or "R&D" for a wait on the trust's R&D leads. */
export async function describeParty(trx: Kysely<Database>, context: PlanContext, role: Role): Promise<string> {
  if (role === 'rdLead') return 'R&D';
  if (role === 'admin') return "the trust's administrators";
  const [who] = await partyOf(trx, context, role);
  if (!who) return `the ${roleLabels[role]}`;
  if (!('userId' in who)) return `${who.name} (${roleLabels[role]})`;
  const user = await trx.selectFrom('users').select('name').where('id', '=', who.userId).executeTakeFirst();
  return user ? `${user.name} (${roleLabels[role]})` : `the ${roleLabels[role]}`;
}

/** "Sam Patel (manager)": a person by their account, in the role they act in. */
export async function nameOf(trx: Kysely<Database>, person: { userId: string; role: Role | 'system' }): Promise<string> {
  const user = await trx.selectFrom('users').select('name').where('id', '=', person.userId).executeTakeFirst();
  const role = roleLabels[person.role];
  return user ? `${user.name} (${role})` : `The ${role}`;
}

export const sameRecipient = (a: Recipient, b: Recipient): boolean =>
  'userId' in a ? 'userId' in b && a.userId === b.userId : !('userId' in b) && a.email.toLowerCase() === b.email.toLowerCase();
