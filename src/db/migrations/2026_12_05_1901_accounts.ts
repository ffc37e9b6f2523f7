import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Administration, accounts and single sign-on (issue 19):
// - which trust administers each organisation (a trust itself; a university
//   the trust that added it),
// - when an account was activated (an invited one is not yet) and deactivated,
// - single-use links (invitations, password resets), stored as hashes,
// - the administration log, append-only like plan_events,
// - the state of a single sign-on in progress, and request counters.
// Frozen: a later change is a new migration, never an edit of this one.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable('organisations').addColumn('trust_id', 'text').execute();
  await sql`update organisations set trust_id = id where kind = 'nhs-trust'`.execute(db);
  // A database of 1.0 with one trust: its universities are that trust's partners.
  await sql`update organisations set trust_id = (select min(id) from organisations where kind = 'nhs-trust')
    where kind <> 'nhs-trust' and (select count(*) from organisations where kind = 'nhs-trust') = 1`.execute(db);

  await db.schema.alterTable('users').addColumn('activated_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
  await sql`update users set activated_at = created_at`.execute(db);

  await db.schema
    .createTable('account_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The public half of the link finds the row; the secret half is only ever stored as its SHA-256.
    .addColumn('selector', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('account_tokens_user').on('account_tokens').columns(['user_id', 'purpose']).execute();

  await db.schema
    .createTable('admin_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trust_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('admin_events_trust_at').on('admin_events').columns(['trust_id', 'at']).execute();
  await db.schema.createIndex('admin_events_subject').on('admin_events').columns(['subject_id', 'at']).execute();

  if (postgres) {
    await sql`create function admin_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'admin_events is append-only'; end $$`.execute(db);
    await sql`create trigger admin_events_no_update before update or delete on admin_events
      for each row execute function admin_events_append_only()`.execute(db);
  } else {
    await sql`create trigger admin_events_no_update before update on admin_events
      begin select raise(abort, 'admin_events is append-only'); end`.execute(db);
    await sql`create trigger admin_events_no_delete before delete on admin_events
      begin select raise(abort, 'admin_events is append-only'); end`.execute(db);
  }

  await db.schema
    .createTable('oidc_logins')
    // The SHA-256 of the value in the browser's cookie: the flow is bound to the browser that started it.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('invitation', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('request_counts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['request_counts', 'oidc_logins', 'admin_events', 'account_tokens']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('users').dropColumn('deactivated_at').execute();
  await db.schema.alterTable('users').dropColumn('activated_at').execute();
  await db.schema.alterTable('organisations').dropColumn('trust_id').execute();
}
