import type { CompiledQuery, Kysely, SqliteDatabase } from 'kysely';

// Kysely builds every query; on SQLite the hot path (a plan transition) runs
// the compiled SQL straight through the cached prepared statement instead of
// Kysely's asynchronous executor. Measured by `npm run bench`: that executor
// costs ~12 µs a statement, as much as SQLite itself, and is what stood
// between the plan service and half the speed of a raw write.

const direct = new WeakMap<object, SqliteDatabase>();

export function useDirect(kysely: Kysely<any>, database: SqliteDatabase): void {
  direct.set(kysely, database);
}

export const isDirect = (kysely: Kysely<any>): boolean => direct.has(kysely);

export interface Executed<R> {
  rows: R[];
  changes: number;
}

export async function execute<R>(kysely: Kysely<any>, query: { compile(): CompiledQuery<R> }): Promise<Executed<R>> {
  const compiled = query.compile();
  const database = direct.get(kysely);
  if (!database) {
    const result = await kysely.executeQuery(compiled);
    return { rows: result.rows, changes: Number(result.numAffectedRows ?? 0n) };
  }
  const statement = database.prepare(compiled.sql);
  if (statement.reader) return { rows: statement.all(compiled.parameters) as R[], changes: 0 };
  return { rows: [], changes: Number(statement.run(compiled.parameters).changes) };
}
