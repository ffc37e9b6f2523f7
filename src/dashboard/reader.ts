import type { User } from '../accounts/accounts.repository.js';
import type { Role } from '../domain/options.js';

// Naming the people of a plan to the person reading the page: "you" for
// themselves, "Sam Patel (your manager)" to the clinician, "Alex Morgan
// (clinician)" to everyone else. Never a reader's own name in the third
// person, never "the clinician" to the clinician.

/** The plan's people as a list row or a loaded plan knows them; a name is null when there is no account. */
export interface PlanPeople {
  clinician: { id: string; name: string };
  manager: { id: string; name: string };
  supervisor: { id: string | null; name: string | null };
}

const roleNames: Record<'clinician' | 'manager' | 'supervisor', string> = { clinician: 'clinician', manager: 'manager', supervisor: 'supervisor' };

/** One of the plan's people, as the reader should read them. */
export function personFor(reader: User, people: PlanPeople, role: 'clinician' | 'manager' | 'supervisor'): string {
  const person = people[role];
  if (person.id && person.id === reader.id) return 'you';
  if (!person.name) return reader.id === people.clinician.id ? 'your supervisor' : 'the academic supervisor';
  // The clinician's manager and supervisor are theirs; to anyone else each is named with their role.
  return reader.id === people.clinician.id && role !== 'clinician' ? `${person.name} (your ${roleNames[role]})` : `${person.name} (${roleNames[role]})`;
}

/** Who a plan waits on (the machine's awaiting role), named for the reader; null when it waits on nobody. */
export function holderFor(reader: User, people: PlanPeople, role: Role | string | null): string | null {
  switch (role) {
    case 'clinician':
    case 'manager':
    case 'supervisor':
      return personFor(reader, people, role);
    // Any R&D lead of the trust may act on what waits for R&D.
    case 'rdLead': return reader.role === 'rdLead' ? 'you' : reader.id === people.clinician.id ? "your trust's R&D office" : 'the R&D office';
    case 'admin': return reader.role === 'admin' ? 'you' : "the trust's administrators";
    default: return null;
  }
}

/** "Waiting for you", "Waiting for Sam Patel (your manager)". */
export const waitingFor = (holder: string) => `Waiting for ${holder}`;
