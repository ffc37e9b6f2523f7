import type { Kysely } from 'kysely';

// Version 1.1's life after the award and cover (DESIGN section 11). Lists
// never parse snapshots, so the plan row counts the award's conditions still
// waiting on each role. A person away names a colleague of the same role and
// organisation to cover for them between two dates: one cover a person at a
// time. Frozen.

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['conditions_for_clinician', 'conditions_for_manager', 'conditions_for_rd']) {
    await db.schema.alterTable('plans').addColumn(column, 'integer', (c) => c.notNull().defaultTo(0)).execute();
  }
  await db.schema
    .createTable('covers')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('delegate_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('covers_delegate').on('covers').columns(['delegate_id', 'ends_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('covers').execute();
  for (const column of ['conditions_for_rd', 'conditions_for_manager', 'conditions_for_clinician']) {
    await db.schema.alterTable('plans').dropColumn(column).execute();
  }
}
