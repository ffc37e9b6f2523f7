import type { Db } from '../../src/db/connect.js';
import { derivePlanSummary } from '../../src/db/migrations/2026_12_05_2001_report_summaries.js';

// The report summaries have two writers: the migration, which derives them
// once from the audit trail of plans stored before it, and the extension,
// which keeps them in each event's transaction. Both must give the same rows.

/** The summary rows the extension kept for a plan, in the shape the migration derives them. */
export async function summaryOf(db: Db, planId: string) {
  const facts = await db.kysely.selectFrom('plan_reports').selectAll().where('plan_id', '=', planId).executeTakeFirstOrThrow();
  const stays = await db.kysely.selectFrom('plan_stays').select(['seq', 'step', 'entered_at', 'left_at', 'entered_ms', 'left_ms'])
    .where('plan_id', '=', planId).orderBy('seq').execute();
  const { plan_id: _p, organisation_id: _o, created_at: _c, ...rest } = facts;
  return {
    facts: { ...rest, agreed_backfill_cost_per_year: rest.agreed_backfill_cost_per_year === null ? null : Number(rest.agreed_backfill_cost_per_year) },
    stays: stays.map((s) => ({ seq: s.seq, step: s.step, entered_at: s.entered_at, left_at: s.left_at, entered_ms: Number(s.entered_ms), left_ms: s.left_ms === null ? null : Number(s.left_ms) })),
  };
}

/** What the migration derives from a plan's audit trail (as listEvents reads it). */
export function derivedSummaryOf(createdAt: string, trail: Parameters<typeof derivePlanSummary>[1]) {
  const derived = derivePlanSummary(createdAt, trail);
  return {
    facts: derived.facts,
    stays: derived.stays.map((s) => ({ ...s, entered_ms: Date.parse(s.entered_at), left_ms: s.left_at === null ? null : Date.parse(s.left_at) })),
  };
}
