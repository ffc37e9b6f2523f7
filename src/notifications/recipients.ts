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

/** Everyone concerned with news of a plan: its clinician, manager and linked supervisor, and with `rd` the trust's R&D leads. */
export async function concerned(trx: Kysely<Database>, context: PlanContext, rd: boolean): Promise<Recipient[]> {
  return [
    { userId: context.clinicianId }, { userId: context.managerId },
    ...(context.supervisorId ? [{ userId: context.supervisorId }] : []),
    ...(rd ? await partyOf(trx, context, 'rdLead') : []),
  ];
}

/** Has the plan been before R&D (sent for sign-off at least once)? Until then its news is for the clinician, manager and supervisor. */
export const hasReachedRd = (context: PlanContext): boolean =>
  context.acceptedTerms !== null || context.signOff !== null || context.declined?.stage === 'rdSignOff'
  || context.changeRequests.some((r) => r.kind === 'RETURN_FOR_CHANGES');

const TITLES = /^(dr|prof|professor|mr|mrs|ms|miss|mx|sir|dame)\.?\s+/i;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does the text name this person, by their full name (with or without a title such as "Dr")? */
export function names(text: string, name: string): boolean {
  const plain = name.replace(TITLES, '').trim();
  return [name, plain].filter((n) => n.length >= 3)
    .some((n) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(n)}($|[^\\p{L}])`, 'iu').test(text));
}

/**
 * Who hears of a comment: the people of the plan it names (anyone who takes part: its clinician, manager and
 * supervisor, or an R&D lead or administrator of its trust); when it names nobody, everyone concerned.
 */
export async function commentRecipients(trx: Kysely<Database>, context: PlanContext, text: string): Promise<{ to: Recipient[]; named: boolean }> {
  const ids = [context.clinicianId, context.managerId, ...(context.supervisorId ? [context.supervisorId] : [])];
  const people = await trx.selectFrom('users').select(['id', 'name'])
    .where((eb) => eb.or([eb('id', 'in', ids),
      eb.and([eb('organisation_id', '=', context.organisationId), eb('role', 'in', ['rdLead', 'admin'])])]))
    .where('deactivated_at', 'is', null).orderBy('name').execute();
  const named = people.filter((p) => names(text, p.name)).map((p) => ({ userId: p.id }));
  return named.length ? { to: named, named: true } : { to: await concerned(trx, context, hasReachedRd(context)), named: false };
}
