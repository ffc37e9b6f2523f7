import { parseArgs } from 'node:util';
import { connect, DEFAULT_DATABASE_URL } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { seedNation } from './scale-seed.js';

// npm run seed:scale -- --plans 1000000 --trusts 200   (DATABASE_URL names the database)
// Fills an empty database with a national-sized load: see bench/scale-seed.ts.

const { values } = parseArgs({ options: { plans: { type: 'string', default: '1000000' }, trusts: { type: 'string', default: '200' }, largest: { type: 'string', default: '10000' } } });
const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const db = connect(url);
try {
  await migrate(db);
  const existing = await db.kysely.selectFrom('plans').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error(`${db.location} already holds ${existing.n} plans: seed an empty database.`);
  const plans = Number(values.plans);
  console.log(`Seeding ${plans.toLocaleString('en-GB')} plans in ${values.trusts} trusts into ${db.location}`);
  const seeded = await seedNation(db, { plans, trusts: Number(values.trusts), largest: Number(values.largest), now: new Date(), log: console.log });
  console.log(`Done in ${seeded.seconds.toFixed(0)} s. Every account's password is ${seeded.password}.`);
  console.log(`The largest trust (${seeded.bench.plans.toLocaleString('en-GB')} plans): R&D lead ${seeded.bench.rdLeadEmail}, clinician ${seeded.bench.clinicianEmail}.`);
} finally {
  await db.destroy();
}
