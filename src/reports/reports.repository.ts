import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';

// The reads behind every report, each one pass over one trust's rows in a
// covering index (see the migration 2026_12_05_2001), each grouping by one
// column so that the database sorts a handful of groups, not every plan.

export interface Bounds {
  organisationId: string;
  fromAt: string;
  toAt: string;
}

export type GroupColumn = 'top_state' | 'profession' | 'opportunity_level' | 'scheme';

/** The trust's shared plans created within the bounds. */
function sharedPlans(db: Kysely<Database>) {
  return db.selectFrom('plan_reports')
    .where('organisation_id', '=', param('organisationId'))
    .where('shared_at', 'is not', null)
    .where('created_at', '>=', param('fromAt'))
    .where('created_at', '<', param('toAt'));
}

/** How many of those plans have each value of the column. */
export async function countBy(db: Kysely<Database>, bounds: Bounds, column: GroupColumn): Promise<Array<{ value: string | null; plans: number }>> {
  const { rows } = await runPrepared<{ value: string | null; plans: unknown }>(db, `reports:countBy:${column}`, () => sharedPlans(db)
    .select([`${column} as value`, (eb) => eb.fn.countAll().as('plans')]).groupBy(column), { ...bounds });
  // PostgreSQL gives counts and sums of bigints as text.
  return rows.map((r) => ({ value: r.value, plans: Number(r.plans) }));
}

export interface Totals {
  submitted: number;
  awarded: number;
  notAwarded: number;
  backfill: number;
}

/** Applications and their outcomes, and the backfill the plans commit the trust to. */
export async function totals(db: Kysely<Database>, bounds: Bounds): Promise<Totals> {
  const { rows: [row] } = await runPrepared<Record<keyof Totals, unknown>>(db, 'reports:totals', () => sharedPlans(db).select((eb) => [
    eb.fn.sum('applications_submitted').as('submitted'),
    eb.fn.sum('applications_awarded').as('awarded'),
    eb.fn.sum('applications_not_awarded').as('notAwarded'),
    // A declined or withdrawn plan commits no backfill, whatever its terms said.
    sql<number>`sum(case when top_state in ('declined', 'withdrawn') then 0 else coalesce(agreed_backfill_cost_per_year, 0) end)`.as('backfill'),
  ]), { ...bounds });
  return { submitted: Number(row?.submitted ?? 0), awarded: Number(row?.awarded ?? 0), notAwarded: Number(row?.notAwarded ?? 0), backfill: Number(row?.backfill ?? 0) };
}

/**
 * The median length of the stays in each step, in milliseconds: a stay still
 * going counts up to `nowMs`. Each database's own median (SQLite's median(),
 * PostgreSQL's percentile_cont), both the mean of the middle two of an even count.
 */
export async function medianStays(db: Kysely<Database>, bounds: Bounds, nowMs: number): Promise<Map<string, number>> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const length = sql<number>`coalesce(left_ms, ${param<number>('nowMs')}) - entered_ms`;
  const median = postgres ? sql<number>`percentile_cont(0.5) within group (order by ${length})` : sql<number>`median(${length})`;
  const { rows } = await runPrepared<{ step: string; median_ms: unknown }>(db, 'reports:medianStays', () => db.selectFrom('plan_stays')
    .select(['step', median.as('median_ms')])
    .where('organisation_id', '=', param('organisationId'))
    .where('plan_created_at', '>=', param('fromAt'))
    .where('plan_created_at', '<', param('toAt'))
    .groupBy('step'), { ...bounds, nowMs });
  return new Map(rows.map((r) => [r.step, Number(r.median_ms)]));
}
