import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

// Kysely's SQLite driver prepares every statement it runs. Preparing costs
// about as much as running a small statement, so this keeps the prepared
// statements by their SQL text. Safe because the driver runs one statement at
// a time on its single connection.

const LIMIT = 500;

export function cachingDatabase(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
        statement = db.prepare(sql) as unknown as SqliteStatement;
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
