import type { Kysely } from 'kysely';

// R&D leads and administrators list every plan of their trust. Without these,
// their dashboard sorted the whole trust on each visit (about 0.3 s at 100,000
// plans, bench/http.ts); with them it reads the page it shows. Both follow the
// listing's order exactly (src/plans/plan.queries.ts). Frozen, like the others.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('plans_organisation_updated').on('plans')
    .columns(['organisation_id', 'updated_at desc', 'id']).execute();
  await db.schema.createIndex('plans_organisation_awaiting').on('plans')
    .columns(['organisation_id', 'awaiting_role', 'waiting_since', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('plans_organisation_awaiting').execute();
  await db.schema.dropIndex('plans_organisation_updated').execute();
}
