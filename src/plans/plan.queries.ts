import type { CompiledQuery, Kysely } from 'kysely';
import type { User } from '../accounts/accounts.repository.js';
import type { Database } from '../db/database.js';
import { toCount } from '../db/connect.js';
import { param, runPrepared } from '../db/prepared.js';
import { PRIVATE_DRAFT_STATE } from '../../workflows/plan.participants.js';
import { jointlyAwaiting } from './joint-waits.js';

// Listing plans from their derived columns (never parsing snapshots).
// Who sees a plan: its clinician, manager and linked supervisor, and the
// R&D leads and administrators of its organisation (DESIGN section 5). This
// is the SQL form of workflows/plan.participants.ts, for lists only; a single
// plan is always checked against the machine's own rule.

export type PlanListRow = {
  id: string; title: string; state: string; step: string | null; awaiting_role: string | null;
  waiting_since: string | null; due_at: string | null; version: number; updated_at: string; created_at: string;
  clinician_id: string; clinician_name: string; manager_id: string; manager_name: string; supervisor_id: string | null; supervisor_name: string | null;
  points_for_clinician: number; points_for_manager: number; rd_help_since: string | null;
  conditions_for_clinician: number; conditions_for_manager: number; conditions_for_rd: number;
  /** From plan_timelines (issue 18): the days the plan's current step turns at risk and late for its funding call. */
  at_risk_on: string | null; late_on: string | null;
};

/** The column that makes a plan visible to someone of this role, and the value it must hold. */
export function scopeOf(user: User): { column: string; value: string } {
  switch (user.role) {
    case 'clinician': return { column: 'plans.clinician_id', value: user.id };
    case 'manager': return { column: 'plans.manager_id', value: user.id };
    case 'supervisor': return { column: 'plans.supervisor_id', value: user.id };
    case 'rdLead':
    case 'admin': return { column: 'plans.organisation_id', value: user.organisationId };
  }
}

// Every dashboard runs these, so each shape (who is asking, which filter) is
// built by Kysely once and later runs only bind values (src/db/prepared.ts).

/** `step` is a step's name, or "closed" for plans at no step (finished or closed). */
export type Filter = { awaiting?: boolean; step?: string };

/** The query's shape for a filter: which conditions it has, never their values. */
export const stepShape = (filter: Filter) => (filter.step === 'closed' ? 'closed' : filter.step ? 'step' : '');

/**
 * Columns counting what else waits on this person beside the plan's next step: points of the agenda (for the
 * two people who discuss it) and conditions of an award (for the roles that confirm them).
 */
const alsoWaiting = (column: string): Array<'plans.points_for_clinician'> => ((column === 'plans.clinician_id'
  ? ['plans.points_for_clinician', 'plans.conditions_for_clinician']
  : column === 'plans.manager_id' ? ['plans.points_for_manager', 'plans.conditions_for_manager']
    : column === 'plans.organisation_id' ? ['plans.conditions_for_rd'] : []) as Array<'plans.points_for_clinician'>);

export function visibleTo(db: Kysely<Database>, column: string, filter: Filter) {
  let query = db.selectFrom('plans').where(column as 'plans.id', '=', param('scope'));
  // A plan never sent to the manager is its clinician's private draft (DESIGN section 9).
  if (column !== 'plans.clinician_id') query = query.where('plans.state', '!=', PRIVATE_DRAFT_STATE);
  const also = alsoWaiting(column);
  const joint = column === 'plans.clinician_id' ? jointlyAwaiting.clinician : column === 'plans.manager_id' ? jointlyAwaiting.manager : [];
  // Waiting for you: the plan's next move is yours (alone, or either party's: src/plans/joint-waits.ts), or points
  // of its agenda or conditions of its award wait on you.
  if (filter.awaiting && (also.length || joint.length)) {
    query = query.where((eb) => eb.or([
      eb('plans.awaiting_role', '=', param('role')),
      ...(joint.length ? [eb('plans.state', 'in', [...joint])] : []),
      ...also.map((c) => eb(c, '>', 0)),
    ]));
  } else if (filter.awaiting) query = query.where('plans.awaiting_role', '=', param('role'));
  if (stepShape(filter) === 'closed') query = query.where('plans.step', 'is', null);
  else if (stepShape(filter) === 'step') query = query.where('plans.step', '=', param('step'));
  return query;
}

const LISTED = ['plans.id', 'plans.title', 'plans.state', 'plans.step', 'plans.awaiting_role', 'plans.waiting_since',
  'plans.due_at', 'plans.version', 'plans.updated_at', 'plans.created_at',
  'plans.clinician_id', 'clinician.name as clinician_name', 'plans.manager_id', 'manager.name as manager_name', 'plans.supervisor_id', 'supervisor.name as supervisor_name',
  'plans.points_for_clinician', 'plans.points_for_manager', 'plans.rd_help_since', 'plan_timelines.at_risk_on', 'plan_timelines.late_on',
  'plans.conditions_for_clinician', 'plans.conditions_for_manager', 'plans.conditions_for_rd'] as const;

interface Window { limit: number; offset: number; countUpTo?: number }

async function page(
  db: Kysely<Database>, user: User, filter: Filter, order: 'waiting' | 'updated', { limit, offset, countUpTo }: Window,
): Promise<PlanPage> {
  const scope = scopeOf(user);
  const shape = `${scope.column}:${filter.awaiting ? 'awaiting' : ''}:${stepShape(filter)}`;
  const values = { scope: scope.value, role: user.role, step: filter.step ?? '', limit, offset, cap: (countUpTo ?? 0) + 1 };
  const listed = runPrepared<PlanListRow>(db, `plans:${shape}:${order}`, () => {
    const query = visibleTo(db, scope.column, filter)
      .innerJoin('users as clinician', 'clinician.id', 'plans.clinician_id')
      .innerJoin('users as manager', 'manager.id', 'plans.manager_id')
      .leftJoin('users as supervisor', 'supervisor.id', 'plans.supervisor_id')
      .leftJoin('plan_timelines', 'plan_timelines.plan_id', 'plans.id')
      .select(LISTED);
    const ordered = order === 'waiting'
      ? query.orderBy('plans.waiting_since').orderBy('plans.id')
      : query.orderBy('plans.updated_at', 'desc').orderBy('plans.id');
    return ordered.limit(param<number>('limit')).offset(param<number>('offset')) as unknown as { compile(): CompiledQuery<PlanListRow> };
  }, values);
  // Counting is the one part that grows with the list (about 10 ms for a trust of 100,000
  // plans), so a page that can say "more than" counts only as far as it needs to.
  const counted = countUpTo === undefined
    ? runPrepared<{ n: string | number }>(db, `countPlans:${shape}`,
      () => visibleTo(db, scope.column, filter).select((eb) => eb.fn.countAll().as('n')), values)
    : runPrepared<{ n: string | number }>(db, `countPlansUpTo:${shape}`,
      () => db.selectFrom(visibleTo(db, scope.column, filter).select('plans.id').limit(param<number>('cap')).as('capped'))
        .select((eb) => eb.fn.countAll().as('n')), values);
  const [{ rows }, { rows: [count] }] = await Promise.all([listed, counted]);
  const n = toCount(count?.n);
  return countUpTo !== undefined && n > countUpTo ? { rows, total: countUpTo, more: true } : { rows, total: n, more: false };
}

/**
 * Plans now waiting on this user's role: the longest waits first, and how many there are in all
 * (or, with `countUpTo`, at most that many and whether there are more).
 */
export function plansAwaiting(db: Kysely<Database>, user: User, options: { limit?: number; countUpTo?: number } = {}): Promise<PlanPage> {
  return page(db, user, { awaiting: true }, 'waiting', { limit: options.limit ?? 10, offset: 0, countUpTo: options.countUpTo });
}

export interface PlanPage {
  rows: PlanListRow[];
  total: number;
  /** There are more than `total`: counting stopped at the `countUpTo` asked for. */
  more: boolean;
}

export function listPlans(
  db: Kysely<Database>, user: User,
  options: { step?: string; waiting?: boolean; page?: number; perPage?: number; countUpTo?: number } = {},
): Promise<PlanPage> {
  const perPage = options.perPage ?? 25;
  const pageNumber = Math.max(1, options.page ?? 1);
  return page(db, user, { awaiting: options.waiting, step: options.step }, 'updated', { limit: perPage, offset: (pageNumber - 1) * perPage, countUpTo: options.countUpTo });
}

/** Plans of the trust whose disagreement R&D has been asked to help with (DESIGN section 9), the longest first. */
export async function plansNeedingHelp(db: Kysely<Database>, user: User, limit = 20): Promise<PlanListRow[]> {
  if (user.role !== 'rdLead' && user.role !== 'admin') return [];
  const { rows } = await runPrepared<PlanListRow>(db, 'plansNeedingHelp', () => db.selectFrom('plans')
    .innerJoin('users as clinician', 'clinician.id', 'plans.clinician_id')
    .innerJoin('users as manager', 'manager.id', 'plans.manager_id')
    .leftJoin('users as supervisor', 'supervisor.id', 'plans.supervisor_id')
    .leftJoin('plan_timelines', 'plan_timelines.plan_id', 'plans.id')
    .select(LISTED)
    .where('plans.organisation_id', '=', param('organisationId')).where('plans.rd_help_since', 'is not', null)
    .orderBy('plans.rd_help_since').orderBy('plans.id').limit(param<number>('limit')), { organisationId: user.organisationId, limit });
  return rows;
}
