import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Issued documents and their signatures. An issued document never changes: the
// database itself refuses to update or delete it, as it does for plan_events.
// A signature is written once (when it is authorised) and never removed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    // Two writers numbering the same version: one of them fails here instead of both succeeding.
    .addUniqueConstraint('documents_plan_kind_number', ['plan_id', 'kind', 'number'])
    .execute();

  await db.schema
    .createTable('document_signatures')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('authorised_at', 'text')
    .addColumn('statement', 'text')
    .addColumn('sha256_seen', 'text')
    .addPrimaryKeyConstraint('document_signatures_pk', ['document_id', 'user_id', 'role'])
    .execute();
  // "Waiting for you": the signatures a person has still to give.
  await db.schema.createIndex('document_signatures_user').on('document_signatures').columns(['user_id', 'authorised_at']).execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function documents_frozen() returns trigger language plpgsql as $$
      begin raise exception 'issued documents cannot be changed or deleted'; end $$`.execute(db);
    await sql`create trigger documents_no_update before update or delete on documents
      for each row execute function documents_frozen()`.execute(db);
    await sql`create function document_signatures_once() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' or old.authorised_at is not null or new.document_id <> old.document_id
          or new.user_id <> old.user_id or new.role <> old.role or new.position <> old.position then
          raise exception 'a signature is written once and never removed';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger document_signatures_no_rewrite before update or delete on document_signatures
      for each row execute function document_signatures_once()`.execute(db);
  } else {
    await sql`create trigger documents_no_update before update on documents
      begin select raise(abort, 'issued documents cannot be changed or deleted'); end`.execute(db);
    await sql`create trigger documents_no_delete before delete on documents
      begin select raise(abort, 'issued documents cannot be changed or deleted'); end`.execute(db);
    await sql`create trigger document_signatures_no_rewrite before update on document_signatures
      when old.authorised_at is not null or new.document_id <> old.document_id or new.user_id <> old.user_id
        or new.role <> old.role or new.position <> old.position
      begin select raise(abort, 'a signature is written once and never removed'); end`.execute(db);
    await sql`create trigger document_signatures_no_delete before delete on document_signatures
      begin select raise(abort, 'a signature is written once and never removed'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['document_signatures', 'documents']) await db.schema.dropTable(table).execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop function if exists documents_frozen()`.execute(db);
    await sql`drop function if exists document_signatures_once()`.execute(db);
  }
}
