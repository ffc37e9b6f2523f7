import { createOrganisation, createUser } from '../../src/accounts/accounts.service.js';
import type { Db } from '../../src/db/connect.js';
import type { Role } from '../../src/domain/options.js';

// The four people of one plan, in a small trust and its partner university.
// Everyone signs in through the sign-in page with PASSWORD.

export const PASSWORD = 'e2e-long-test-password';

export interface Person {
  name: string;
  email: string;
  role: Role;
}

export interface People {
  trust: string;
  university: string;
  clinician: Person;
  manager: Person;
  rdLead: Person;
  supervisor: Person;
}

export async function createPeople(db: Db): Promise<People> {
  const trust = 'Northshire NHS Foundation Trust';
  const university = 'University of Northshire';
  await createOrganisation(db, { name: trust, kind: 'nhs-trust' });
  await createOrganisation(db, { name: university, kind: 'university' });
  const people = {
    clinician: { name: 'Alex Morgan', email: 'alex.morgan@northshire.nhs.uk', role: 'clinician' },
    manager: { name: 'Sam Patel', email: 'sam.patel@northshire.nhs.uk', role: 'manager' },
    rdLead: { name: 'Priya Shah', email: 'priya.shah@northshire.nhs.uk', role: 'rdLead' },
    supervisor: { name: 'Dr Jo Evans', email: 'jo.evans@northshire.ac.uk', role: 'supervisor' },
  } satisfies Record<string, Person>;
  for (const person of Object.values(people)) {
    await createUser(db, { ...person, organisation: person.role === 'supervisor' ? university : trust, password: PASSWORD });
  }
  return { trust, university, ...people };
}
