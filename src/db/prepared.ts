import type { CompiledQuery, Kysely } from 'kysely';
import { execute, isDirect, type Executed } from './direct.js';

// A query whose shape is fixed is built and compiled by Kysely once, with
// named placeholders as its values; later runs only bind the values. Kysely
// still writes the SQL for the dialect in use. Used on the transition path,
// where building the same three queries on every request cost as much as
// running them (see bench/transitions.ts).

const MARK = '\u0000param:';

/** A placeholder for the value named `name`, given when the query runs. */
export const param = <T = string>(name: string): T => `${MARK}${name}` as T;

interface Shape {
  sql: string;
  /** For each SQL parameter, the name of the value to bind, or a constant the query itself holds. */
  binds: Array<{ name: string } | { constant: unknown }>;
}

const shapes = new Map<string, Shape>();

export function runPrepared<R>(
  kysely: Kysely<any>, key: string, build: () => { compile(): CompiledQuery<R> }, values: Record<string, unknown>,
): Promise<Executed<R>> {
  const cacheKey = `${isDirect(kysely) ? 'sqlite' : 'pg'}:${key}`;
  let shape = shapes.get(cacheKey);
  if (!shape) {
    const compiled = build().compile();
    shape = {
      sql: compiled.sql,
      binds: compiled.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(MARK) ? { name: p.slice(MARK.length) } : { constant: p }),
    };
    shapes.set(cacheKey, shape);
  }
  const parameters = shape.binds.map((b) => {
    if ('constant' in b) return b.constant;
    if (!(b.name in values)) throw new Error(`no value for ${b.name} in prepared query ${key}`);
    return values[b.name];
  });
  return execute(kysely, { compile: () => ({ sql: shape.sql, parameters, query: undefined as never, queryId: undefined as never }) });
}
