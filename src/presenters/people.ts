import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { roleLabels } from '../../workflows/plan.labels.js';

export type Names = Map<string, string>;

/** Names for a set of user ids, in one query. */
export async function namesOf(db: Kysely<Database>, ids: Iterable<string | null | undefined>): Promise<Names> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** "Sam Patel (manager)" */
export function personLabel(names: Names, userId: string | null, role: string): string {
  const name = userId ? names.get(userId) : undefined;
  const roleName = roleLabels[role as keyof typeof roleLabels] ?? role;
  return name ? `${name} (${roleName})` : role === 'system' ? 'The system' : `A ${roleName}`;
}
