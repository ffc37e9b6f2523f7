import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';
import { roleLabels } from '../../workflows/plan.labels.js';

export type Names = Map<string, string>;

/** Names for a set of user ids, in one query. */
export async function namesOf(db: Kysely<Database>, ids: Iterable<string | null | undefined>): Promise<Names> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  // Every plan page asks this; built once for each number of people (src/db/prepared.ts).
  const names = wanted.map((_, i) => `id${i}`);
  const { rows } = await runPrepared(db, `namesOf:${wanted.length}`,
    () => db.selectFrom('users').select(['id', 'name']).where('id', 'in', names.map((n) => param(n))),
    Object.fromEntries(wanted.map((id, i) => [names[i], id])));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** "Sam Patel (manager)" */
export function personLabel(names: Names, userId: string | null, role: string): string {
  const name = userId ? names.get(userId) : undefined;
  const roleName = roleLabels[role as keyof typeof roleLabels] ?? role;
  return name ? `${name} (${roleName})` : role === 'system' ? 'The system' : `A ${roleName}`;
}

/** "you" when the person is the reader, otherwise "Sam Patel (manager)": for words addressed to the reader. */
export function personFor(names: Names, userId: string | null, role: string, readerId: string): string {
  return userId !== null && userId === readerId ? 'you' : personLabel(names, userId, role);
}

/** The text with its first letter a capital: "You agreed…". */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
