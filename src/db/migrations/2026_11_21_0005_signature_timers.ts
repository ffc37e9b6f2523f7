import type { Kysely } from 'kysely';

// Each signatory's next reminder or escalation for a document they have still
// to authorise: the scheduler's second queue, beside plan_timers (which holds
// one timer a plan, for whoever the plan waits on). Frozen: a later change is
// a new migration.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signature_timers')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fire_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('signature_timers_pk', ['document_id', 'user_id'])
    .execute();
  await db.schema.createIndex('signature_timers_fire_at').on('signature_timers').column('fire_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signature_timers').execute();
}
