import type { Kysely } from 'kysely';

// Sessions end after SESSION_IDLE_MINUTES without use: when each was last
// used (null for sessions started before this migration: their start counts).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
}
