import type { Kysely } from 'kysely';

// The documents tables (filled in by the documents work).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
