import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { User } from '../accounts/accounts.repository.js';
import type { Database } from '../db/database.js';
import { toCount } from '../db/connect.js';

// Listing plans from their derived columns (never parsing snapshots).
// Who sees a plan: its clinician, manager and linked supervisor, and the
// R&D leads and administrators of its organisation (DESIGN section 5). This
// is the SQL form of workflows/plan.participants.ts, for lists only; a single
// plan is always checked against the machine's own rule.

export type PlanListRow = {
  id: string; title: string; state: string; step: string | null; awaiting_role: string | null;
  waiting_since: string | null; due_at: string | null; version: number; updated_at: string; created_at: string;
  clinician_name: string; manager_name: string;
};

function visibleTo(db: Kysely<Database>, user: User) {
  let query = db.selectFrom('plans')
    .innerJoin('users as clinician', 'clinician.id', 'plans.clinician_id')
    .innerJoin('users as manager', 'manager.id', 'plans.manager_id')
    .select(['plans.id', 'plans.title', 'plans.state', 'plans.step', 'plans.awaiting_role', 'plans.waiting_since',
      'plans.due_at', 'plans.version', 'plans.updated_at', 'plans.created_at',
      'clinician.name as clinician_name', 'manager.name as manager_name']);
  switch (user.role) {
    case 'clinician': query = query.where('plans.clinician_id', '=', user.id); break;
    case 'manager': query = query.where('plans.manager_id', '=', user.id); break;
    case 'supervisor': query = query.where('plans.supervisor_id', '=', user.id); break;
    case 'rdLead':
    case 'admin': query = query.where('plans.organisation_id', '=', user.organisationId); break;
  }
  return query as SelectQueryBuilder<any, any, PlanListRow>;
}

/** Plans now waiting on this user's role: the longest waits first, and how many there are in all. */
export async function plansAwaiting(db: Kysely<Database>, user: User, limit = 10): Promise<PlanPage> {
  const query = visibleTo(db, user).where('plans.awaiting_role', '=', user.role);
  const [rows, count] = await Promise.all([
    query.orderBy('plans.waiting_since').orderBy('plans.id').limit(limit).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as Promise<{ n: string | number }>,
  ]);
  return { rows, total: toCount(count.n) };
}

export interface PlanPage {
  rows: PlanListRow[];
  total: number;
}

export async function listPlans(
  db: Kysely<Database>, user: User, options: { step?: string; waiting?: boolean; page?: number; perPage?: number } = {},
): Promise<PlanPage> {
  const perPage = options.perPage ?? 25;
  const page = Math.max(1, options.page ?? 1);
  let query = visibleTo(db, user);
  if (options.waiting) query = query.where('plans.awaiting_role', '=', user.role);
  if (options.step === 'closed') query = query.where('plans.step', 'is', null);
  else if (options.step) query = query.where('plans.step', '=', options.step);
  const [rows, count] = await Promise.all([
    query.orderBy('plans.updated_at', 'desc').orderBy('plans.id').limit(perPage).offset((page - 1) * perPage).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as Promise<{ n: string | number }>,
  ]);
  return { rows, total: toCount(count.n) };
}
