import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { useDirect } from './direct.js';
import { cachingDatabase } from './statement-cache.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** For SQLite, the file path; for PostgreSQL, the URL without its password. */
  location: string;
  /** The raw SQLite handle, for operations Kysely does not cover (backup, pragmas). */
  sqlite?: BetterSqlite3.Database;
  /** SQLite's prepared statements, cached by SQL text. */
  statements?: SqliteDatabase;
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
  database.pragma(`busy_timeout = ${Number(process.env.SQLITE_BUSY_TIMEOUT_MS ?? 10_000)}`);
  const statements = cachingDatabase(database);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  useDirect(kysely, statements);
  return { kysely, dialect: 'sqlite', location: file, sqlite: database, statements, destroy: () => kysely.destroy() };
}

function connectPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10) });
  // An idle connection can be closed by the server (restart, failover, admin);
  // the pool replaces it. Without a listener Node would treat it as a crash.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
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
  const statements = db.statements!;
  // Holding Kysely's single connection keeps other queries of this process out
  // until the transaction ends; the transaction itself runs on the raw handle.
  return db.kysely.connection().execute(async (conn) => {
    useDirect(conn, statements);
    statements.prepare('begin immediate').run([]);
    try {
      const result = await work(conn);
      statements.prepare('commit').run([]);
      return result;
    } catch (error) {
      if (db.sqlite?.inTransaction) statements.prepare('rollback').run([]);
      throw error;
    }
  });
}

/** COUNT(*) comes back as a bigint string on PostgreSQL and a number on SQLite. */
export const toCount = (value: string | number | bigint | null | undefined): number => Number(value ?? 0);
