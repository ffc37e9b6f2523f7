import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';

// The two reads behind every report, each one pass over one trust's rows in a
// covering index (see the migration 2026_12_05_2001): the plans grouped by
// where they are and what they are, and the middle stay of each step.

export interface GroupRow {
  top_state: string;
  profession: string | null;
  opportunity_level: string | null;
  scheme: string | null;
  plans: number;
  submitted: number;
  awarded: number;
  not_awarded: number;
  backfill: number;
}

export interface Bounds {
  organisationId: string;
  fromAt: string;
  toAt: string;
}

/** Shared plans created in the bounds, counted and summed by step, profession, level and scheme. */
export async function groupedPlans(db: Kysely<Database>, bounds: Bounds): Promise<GroupRow[]> {
  const { rows } = await runPrepared<Record<keyof GroupRow, unknown>>(db, 'reports:grouped', () => db.selectFrom('plan_reports')
    .select(['top_state', 'profession', 'opportunity_level', 'scheme'])
    .select((eb) => [
      eb.fn.countAll().as('plans'),
      eb.fn.sum('applications_submitted').as('submitted'),
      eb.fn.sum('applications_awarded').as('awarded'),
      eb.fn.sum('applications_not_awarded').as('not_awarded'),
      // A declined or withdrawn plan commits no backfill, whatever its terms said.
      sql<number>`sum(case when top_state in ('declined', 'withdrawn') then 0 else coalesce(agreed_backfill_cost_per_year, 0) end)`.as('backfill'),
    ])
    .where('organisation_id', '=', param('organisationId'))
    .where('shared_at', 'is not', null)
    .where('created_at', '>=', param('fromAt'))
    .where('created_at', '<', param('toAt'))
    .groupBy(['top_state', 'profession', 'opportunity_level', 'scheme']), { ...bounds });
  // PostgreSQL gives counts and sums of bigints as text.
  return rows.map((r) => ({
    top_state: String(r.top_state), profession: r.profession as string | null, opportunity_level: r.opportunity_level as string | null,
    scheme: r.scheme as string | null, plans: Number(r.plans), submitted: Number(r.submitted ?? 0), awarded: Number(r.awarded ?? 0),
    not_awarded: Number(r.not_awarded ?? 0), backfill: Number(r.backfill ?? 0),
  }));
}

/**
 * The median length of the stays in each step, in milliseconds: a stay still
 * going counts up to `nowMs`. Window functions, so both databases rank the
 * stays themselves and send back one row a step.
 */
export async function medianStays(db: Kysely<Database>, bounds: Bounds, nowMs: number): Promise<Map<string, number>> {
  const { rows } = await runPrepared<{ step: string; median_ms: unknown }>(db, 'reports:medianStays', () => db
    .with('lengths', (qb) => qb.selectFrom('plan_stays')
      .select(['step', sql<number>`coalesce(left_ms, ${param<number>('nowMs')}) - entered_ms`.as('ms')])
      .where('organisation_id', '=', param('organisationId'))
      .where('plan_created_at', '>=', param('fromAt'))
      .where('plan_created_at', '<', param('toAt')))
    .with('ranked', (qb) => qb.selectFrom('lengths').select([
      'step', 'ms',
      sql<number>`row_number() over (partition by step order by ms)`.as('position'),
      sql<number>`count(*) over (partition by step)`.as('n'),
    ]))
    .selectFrom('ranked')
    .select(['step', sql<number>`avg(ms)`.as('median_ms')])
    // The middle one of an odd count; the two middle ones of an even count (integer division on both databases).
    .where(sql<boolean>`position in ((n + 1) / 2, (n + 2) / 2)`)
    .groupBy('step'), { ...bounds, nowMs });
  return new Map(rows.map((r) => [r.step, Number(r.median_ms)]));
}
