import { sql } from 'kysely';
import type { Db } from '../src/db/connect.js';

// Bulk loading for the national seed, as fast as each database allows: the
// secondary indexes are dropped first and built once at the end, constraints
// and triggers are not checked row by row, and rows go in batches, one
// transaction a batch (prepared inserts on SQLite; one INSERT … SELECT FROM
// unnest(arrays) a table a batch on PostgreSQL).

export type ColumnType = 'text' | 'integer' | 'bigint';
export type TableSpec = Record<string, ColumnType>;

export interface BulkWriter {
  /** Queue rows (values in the order of the table's columns); written at the next flush. */
  add(table: string, row: unknown[]): void;
  flush(): Promise<void>;
  /** Put back the indexes and checks, and refresh the planner's statistics. */
  finish(): Promise<void>;
}

export async function bulkWriter(db: Db, tables: Record<string, TableSpec>): Promise<BulkWriter> {
  return db.dialect === 'sqlite' ? sqliteWriter(db, tables) : postgresWriter(db, tables);
}

function sqliteWriter(db: Db, tables: Record<string, TableSpec>): BulkWriter {
  const raw = db.sqlite!;
  raw.pragma('foreign_keys = OFF');
  // No journal while loading: a seed that fails half-way is started again, not recovered.
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -400000');
  const indexes = raw.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (" + Object.keys(tables).map(() => '?').join(',') + ')')
    .all(...Object.keys(tables)) as Array<{ name: string; sql: string }>;
  for (const index of indexes) raw.exec(`drop index "${index.name}"`);
  const inserts = Object.fromEntries(Object.entries(tables).map(([table, columns]) => [table,
    raw.prepare(`insert into ${table} (${Object.keys(columns).join(', ')}) values (${Object.keys(columns).map(() => '?').join(', ')})`)]));
  const queued = new Map<string, unknown[][]>(Object.keys(tables).map((t) => [t, []]));
  const write = raw.transaction(() => {
    for (const [table, rows] of queued) for (const row of rows) inserts[table]!.run(row);
  });
  return {
    add: (table, row) => queued.get(table)!.push(row),
    async flush() {
      write();
      for (const rows of queued.values()) rows.length = 0;
    },
    async finish() {
      for (const index of indexes) raw.exec(index.sql);
      raw.exec('analyze');
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = FULL');
      raw.pragma('foreign_keys = ON');
    },
  };
}

async function postgresWriter(db: Db, tables: Record<string, TableSpec>): Promise<BulkWriter> {
  const k = db.kysely;
  const names = Object.keys(tables);
  // Plain indexes only: those behind primary keys and unique constraints stay, and keep the data honest.
  const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = 'public' and i.tablename in (${sql.join(names)})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(k);
  for (const index of indexes) await sql`drop index ${sql.id(index.indexname)}`.execute(k);
  const queued = new Map<string, unknown[][]>(names.map((t) => [t, []]));
  return {
    add: (table, row) => queued.get(table)!.push(row),
    async flush() {
      await k.connection().execute(async (conn) => {
        // Foreign keys and the audit trail's triggers are not checked row by row while the seed loads (superuser only).
        await sql`set session_replication_role = replica`.execute(conn);
        await sql`set synchronous_commit = off`.execute(conn);
        await sql`begin`.execute(conn);
        for (const [table, rows] of queued) {
          if (rows.length === 0) continue;
          const columns = Object.entries(tables[table]!);
          const arrays = columns.map((_, i) => rows.map((row) => row[i] ?? null));
          const unnest = sql.join(columns.map(([, type], i) => sql`${arrays[i]}::${sql.raw(type)}[]`));
          await sql`insert into ${sql.id(table)} (${sql.join(columns.map(([name]) => sql.id(name)))}) select * from unnest(${unnest})`.execute(conn);
        }
        await sql`commit`.execute(conn);
        await sql`set session_replication_role = origin`.execute(conn);
      });
      for (const rows of queued.values()) rows.length = 0;
    },
    async finish() {
      for (const index of indexes) await sql.raw(index.indexdef).execute(k);
      await sql`vacuum analyze`.execute(k);
    },
  };
}
