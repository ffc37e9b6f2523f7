import { randomBytes, scrypt } from 'node:crypto';
import { createOrganisation } from '../../src/accounts/accounts.service.js';
import { findUserByEmail, insertUser, toUser, type User } from '../../src/accounts/accounts.repository.js';
import type { Db } from '../../src/db/connect.js';
import type { Role } from '../../src/domain/options.js';
import type { Actor } from '../../workflows/plan.types.js';

// The people of a small trust, its partner university, and a second trust
// whose staff must never see the first trust's plans.

export const PASSWORD = 'a-long-test-password';

export interface World {
  trust: { id: string; name: string };
  university: { id: string; name: string };
  otherTrust: { id: string; name: string };
  clinician: User;
  manager: User;
  rdLead: User;
  supervisor: User;
  admin: User;
  otherClinician: User;
  otherManager: User;
  outsiderRdLead: User;
  outsiderAdmin: User;
}

export const actorOf = (user: User): Actor => ({ userId: user.id, role: user.role, organisationId: user.organisationId });

/** The world's people in a database made earlier with createWorld (a fixture), found by their emails. */
export async function findWorld(db: Db): Promise<World> {
  const users = await db.kysely.selectFrom('users').select('email').execute();
  const byEmail = new Map<string, User>();
  for (const { email } of users) byEmail.set(email, (await findUserByEmail(db.kysely, email).then((row) => row && toUser(row)))!);
  const orgs = new Map((await db.kysely.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o]));
  const person = (email: string) => {
    const user = byEmail.get(email);
    if (!user) throw new Error(`no ${email} in this database`);
    return user;
  };
  return {
    trust: orgs.get('Northshire NHS Foundation Trust')!, university: orgs.get('University of Northshire')!, otherTrust: orgs.get('Southvale NHS Trust')!,
    clinician: person('alex.morgan@northshire.nhs.uk'), manager: person('sam.patel@northshire.nhs.uk'), rdLead: person('priya.shah@northshire.nhs.uk'),
    supervisor: person('jo.evans@northshire.ac.uk'), admin: person('chris.lee@northshire.nhs.uk'), otherClinician: person('robin.hale@northshire.nhs.uk'),
    otherManager: person('kim.ford@northshire.nhs.uk'), outsiderRdLead: person('lee.grant@southvale.nhs.uk'), outsiderAdmin: person('ola.berg@southvale.nhs.uk'),
  };
}

// The world's people sign in hundreds of times a run. Their stored hash is real scrypt at a cost of 2^10,
// made once per process: verifying reads the cost from the hash, so every sign-in still checks the password
// for real, in a millisecond instead of a third of a second. Accounts a test makes itself, and passwords set
// through the service, keep the production cost (src/accounts/password.ts).
let fixtureHash: Promise<string> | undefined;
function cheapHash(password: string): Promise<string> {
  return (fixtureHash ??= new Promise((resolve, reject) => {
    const salt = randomBytes(16);
    scrypt(password, salt, 32, { N: 2 ** 10, r: 8, p: 1 }, (err, key) => err ? reject(err)
      : resolve(['scrypt', 2 ** 10, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')));
  }));
}

export async function createWorld(db: Db): Promise<World> {
  const trust = await createOrganisation(db, { name: 'Northshire NHS Foundation Trust', kind: 'nhs-trust' });
  const university = await createOrganisation(db, { name: 'University of Northshire', kind: 'university' });
  const otherTrust = await createOrganisation(db, { name: 'Southvale NHS Trust', kind: 'nhs-trust' });
  const hash = await cheapHash(PASSWORD);
  const user = (name: string, email: string, role: Role, organisationId: string) =>
    insertUser(db.kysely, { name, email, role, organisationId, password: PASSWORD }, new Date(), hash);
  const [clinician, manager, rdLead, supervisor, admin, otherClinician, otherManager, outsiderRdLead, outsiderAdmin] = await Promise.all([
    user('Alex Morgan', 'alex.morgan@northshire.nhs.uk', 'clinician', trust.id),
    user('Sam Patel', 'sam.patel@northshire.nhs.uk', 'manager', trust.id),
    user('Priya Shah', 'priya.shah@northshire.nhs.uk', 'rdLead', trust.id),
    user('Dr Jo Evans', 'jo.evans@northshire.ac.uk', 'supervisor', university.id),
    user('Chris Lee', 'chris.lee@northshire.nhs.uk', 'admin', trust.id),
    user('Robin Hale', 'robin.hale@northshire.nhs.uk', 'clinician', trust.id),
    user('Kim Ford', 'kim.ford@northshire.nhs.uk', 'manager', trust.id),
    user('Lee Grant', 'lee.grant@southvale.nhs.uk', 'rdLead', otherTrust.id),
    user('Ola Berg', 'ola.berg@southvale.nhs.uk', 'admin', otherTrust.id),
  ]);
  return { trust, university, otherTrust, clinician, manager, rdLead, supervisor, admin, otherClinician, otherManager, outsiderRdLead, outsiderAdmin } as World;
}
