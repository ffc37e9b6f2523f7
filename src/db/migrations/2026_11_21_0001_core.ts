import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Organisations, users, plans and the append-only audit trail.
// Frozen: a later change is a new migration, never an edit of this one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_organisation_role').on('users').columns(['organisation_id', 'role']).execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('manager_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('supervisor_id', 'text', (c) => c.references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('top_state', 'text', (c) => c.notNull())
    .addColumn('step', 'text')
    .addColumn('awaiting_role', 'text')
    .addColumn('waiting_since', 'text')
    .addColumn('due_at', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plans_organisation_state').on('plans').columns(['organisation_id', 'top_state']).execute();
  await db.schema.createIndex('plans_clinician').on('plans').column('clinician_id').execute();
  await db.schema.createIndex('plans_manager').on('plans').column('manager_id').execute();
  await db.schema.createIndex('plans_supervisor').on('plans').column('supervisor_id').execute();

  await db.schema
    .createTable('plan_events')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_organisation_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state_before', 'text')
    .addColumn('state_after', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_events_pk', ['plan_id', 'seq'])
    .execute();

  // The audit trail is append-only, enforced by the database itself.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function plan_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'plan_events is append-only'; end $$`.execute(db);
    await sql`create trigger plan_events_no_update before update or delete on plan_events
      for each row execute function plan_events_append_only()`.execute(db);
  } else {
    await sql`create trigger plan_events_no_update before update on plan_events
      begin select raise(abort, 'plan_events is append-only'); end`.execute(db);
    await sql`create trigger plan_events_no_delete before delete on plan_events
      begin select raise(abort, 'plan_events is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['plan_events', 'plans', 'users', 'organisations']) await db.schema.dropTable(table).execute();
}
