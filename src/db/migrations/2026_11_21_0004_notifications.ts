import type { Kysely } from 'kysely';

// The notifications tables (filled in by the notifications work).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
