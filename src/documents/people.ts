import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { PlanContext } from '../../workflows/plan.types.js';

// Names, emails and organisations of the people a document names, read in the
// caller's transaction so that a document issued with a transition names the
// people as they were at that moment.

export interface Person {
  name: string;
  email: string;
  organisation: string;
}

export interface DocumentPeople {
  trust: string;
  byId: Map<string, Person>;
}

/** Everyone a plan's documents may name: its people and everyone who stamped something. */
export function peopleOfPlan(c: PlanContext): string[] {
  const stamps = [c.agreement, c.acceptedTerms, c.signOff, c.meeting, c.meetingRecord, ...c.terms.map((t) => ({ by: t.proposedBy }))];
  return [c.clinicianId, c.managerId, c.supervisorId, ...stamps.map((s) => s?.by.userId)].filter((id): id is string => !!id);
}

export async function lookUpPeople(db: Kysely<Database>, context: PlanContext): Promise<DocumentPeople> {
  const ids = [...new Set(peopleOfPlan(context))];
  const rows = ids.length
    ? await db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.id', 'users.name', 'users.email', 'organisations.name as organisation']).where('users.id', 'in', ids).execute()
    : [];
  const trust = await db.selectFrom('organisations').select('name').where('id', '=', context.organisationId).executeTakeFirst();
  return {
    trust: trust?.name ?? 'The NHS trust',
    byId: new Map(rows.map((r) => [r.id, { name: r.name, email: r.email, organisation: r.organisation }])),
  };
}
