import { type Kysely, PostgresAdapter } from 'kysely';

// The outbox / notifications and the reminder timers (DESIGN section 8:
// timers and the outbox live in the database, so any instance can do the work
// and a restart loses nothing). Frozen: a later change is a new migration.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('notifications')
    .$call((t) => (postgres
      ? t.addColumn('seq', 'bigserial', (c) => c.primaryKey())
      : t.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('plan_id', 'text', (c) => c.references('plans.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('calendar', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('delivered_at', 'text')
    .execute();
  // A person's list, newest first, and their unread count.
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'seq']).execute();
  // The sender's queue.
  await db.schema.createIndex('notifications_delivery').on('notifications').columns(['delivery', 'next_attempt_at']).execute();

  await db.schema
    .createTable('plan_timers')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fire_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_timers_fire_at').on('plan_timers').column('fire_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_timers').execute();
  await db.schema.dropTable('notifications').execute();
}
