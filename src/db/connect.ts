import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type pg from 'pg';
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

export interface ConnectOptions {
  /** SQLITE_BUSY_TIMEOUT_MS: how long a writer waits for another process's lock. */
  busyTimeoutMs?: number;
  /** PG_POOL_SIZE: PostgreSQL connections of this process. */
  poolSize?: number;
  /** Told when the PostgreSQL pool loses an idle connection (the server's logger); standard error otherwise. */
  onPoolError?: (error: Error) => void;
}

export function connect(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL, options: ConnectOptions = {}): Db {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return connectPostgres(url, options.poolSize ?? 10, options.onPoolError);
  if (url.startsWith('sqlite:')) return connectSqlite(url.slice('sqlite:'.length), options.busyTimeoutMs ?? 10_000);
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:")`);
}

function connectSqlite(file: string, busyTimeoutMs: number): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  // FULL: an acknowledged transition survives a power cut, not only a crash.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  // A second process waits for the write lock instead of failing at once.
  database.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  const statements = cachingDatabase(database);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  useDirect(kysely, statements);
  return { kysely, dialect: 'sqlite', location: file, sqlite: database, statements, destroy: () => kysely.destroy() };
}

function connectPostgres(url: string, poolSize: number, onPoolError?: (error: Error) => void): Db {
  // Loaded only for PostgreSQL: a command on SQLite should not pay for it at start.
  const { Pool } = createRequire(import.meta.url)('pg') as typeof pg;
  const pool = new Pool({ connectionString: url, max: poolSize });
  // An idle connection can be closed by the server (restart, failover, admin);
  // the pool replaces it. Without a listener Node would treat it as a crash.
  pool.on('error', onPoolError ?? ((error) => console.error(`PostgreSQL connection lost: ${error.message}`)));
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
