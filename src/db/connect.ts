import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { cachingDatabase } from './statement-cache.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** For SQLite, the file path; for PostgreSQL, the URL without its password. */
  location: string;
  /** The raw SQLite handle, for operations Kysely does not cover (backup, pragmas). */
  sqlite?: BetterSqlite3.Database;
  destroy(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/app.db';

export function connect(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): Db {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return connectPostgres(url);
  if (url.startsWith('sqlite:')) return connectSqlite(url.slice('sqlite:'.length));
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:")`);
}

function connectSqlite(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  // FULL: an acknowledged transition survives a power cut, not only a crash.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  // A second process waits for the write lock instead of failing at once.
  database.pragma('busy_timeout = 10000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingDatabase(database) }) });
  return { kysely, dialect: 'sqlite', location: file, sqlite: database, destroy: () => kysely.destroy() };
}

function connectPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10) });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  safe.password = '';
  return { kysely, dialect: 'postgres', location: safe.toString(), destroy: () => kysely.destroy() };
}

/**
 * Run `work` in one transaction. On SQLite it starts with BEGIN IMMEDIATE, so
 * the write lock is taken first and a writer in another process waits (busy
 * timeout) rather than failing half-way through with SQLITE_BUSY.
 */
export async function inTransaction<T>(db: Db, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres') return db.kysely.transaction().execute(work);
  return db.kysely.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/** COUNT(*) comes back as a bigint string on PostgreSQL and a number on SQLite. */
export const toCount = (value: string | number | bigint | null | undefined): number => Number(value ?? 0);
