import { generatePassword } from './accounts/password.js';
import { createOrganisation, createUser } from './accounts/accounts.service.js';
import { countOrganisations } from './accounts/accounts.repository.js';
import { toCount, type Db } from './db/connect.js';
import type { Role } from './domain/options.js';

// The demo: one trust, one university, one account for each role, all with
// the same generated password, printed once when the database is empty.

export const demoAccounts: Array<{ name: string; email: string; role: Role; org: 'trust' | 'university' }> = [
  { name: 'Alex Morgan', email: 'clinician@demo.nhs.uk', role: 'clinician', org: 'trust' },
  { name: 'Sam Patel', email: 'manager@demo.nhs.uk', role: 'manager', org: 'trust' },
  { name: 'Priya Shah', email: 'rd@demo.nhs.uk', role: 'rdLead', org: 'trust' },
  { name: 'Dr Jo Evans', email: 'supervisor@demo.ac.uk', role: 'supervisor', org: 'university' },
  { name: 'Chris Lee', email: 'admin@demo.nhs.uk', role: 'admin', org: 'trust' },
];

export async function seedDemo(db: Db, password = generatePassword()): Promise<{ password: string } | null> {
  if (toCount((await countOrganisations(db.kysely)).n) > 0) return null;
  const trust = await createOrganisation(db, { name: 'Demo NHS Foundation Trust', kind: 'nhs-trust' });
  const university = await createOrganisation(db, { name: 'Demo University', kind: 'university' });
  for (const account of demoAccounts) {
    await createUser(db, { name: account.name, email: account.email, role: account.role, password,
      organisation: account.org === 'trust' ? trust.id : university.id });
  }
  return { password };
}
