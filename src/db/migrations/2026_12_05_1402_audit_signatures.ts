import type { Kysely } from 'kysely';

// The audit trail anchored outside the database: a signature of each audit
// event's hash, made with a key the database never holds, and the record of
// the one moment the events written before signing began were signed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_signatures')
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_signatures_pk', ['plan_id', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_anchors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('anchored_at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_anchors').execute();
  await db.schema.dropTable('audit_signatures').execute();
}
