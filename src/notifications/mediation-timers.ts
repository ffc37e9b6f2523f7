import type { Kysely } from 'kysely';
import { disagreementSince, isMediated } from '../../workflows/plan.agenda.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';
import type { TransitionChange } from '../plans/plan.service.js';
import { periodEnd, type DueSettings } from './due-dates.js';

// A disagreement that lasts (a point disputed, or terms going back and forth)
// is brought to R&D once, DUE_DAYS_DISAGREEMENT working days after it began.
// The timer follows the plan in the transaction of each change: a new
// counter-proposal does not restart it, because the disagreement began earlier.

export async function keepMediationTimer(change: TransitionChange, settings: DueSettings): Promise<void> {
  const { trx, planId, after } = change;
  if (isLegacyPlan(after.context)) return;
  const since = disagreementSince(after.context);
  const days = Number(settings.DUE_DAYS_DISAGREEMENT);
  if (!since || isMediated(after.context, since) || days <= 0) {
    // Most changes of most plans come here: built once (src/db/prepared.ts).
    await runPrepared(trx, 'mediation-timers:drop', () => trx.deleteFrom('mediation_timers').where('plan_id', '=', param('planId')), { planId });
    return;
  }
  const fireAt = periodEnd(new Date(since), days, settings).toISOString();
  await trx.insertInto('mediation_timers').values({ plan_id: planId, since, fire_at: fireAt })
    .onConflict((oc) => oc.column('plan_id').doUpdateSet({ since, fire_at: fireAt })).execute();
}

export async function dueMediations(db: Kysely<Database>, now: string, limit: number) {
  const rows = await db.selectFrom('mediation_timers').innerJoin('plans', 'plans.id', 'mediation_timers.plan_id')
    .select(['mediation_timers.plan_id', 'mediation_timers.since', 'mediation_timers.fire_at', 'plans.version'])
    .where('mediation_timers.fire_at', '<=', now).orderBy('mediation_timers.fire_at').orderBy('mediation_timers.plan_id')
    .limit(limit).execute();
  return rows.map((r) => ({ planId: r.plan_id, since: r.since, fireAt: r.fire_at, version: Number(r.version) }));
}

export const dropMediation = (db: Kysely<Database>, planId: string, since: string) =>
  db.deleteFrom('mediation_timers').where('plan_id', '=', planId).where('since', '=', since).execute();
