import type { Kysely } from 'kysely';
import type { Clock, PlanExtensions } from '../plans/plan.service.js';
import type { Database } from '../db/database.js';
import { callDeadline } from '../notifications/deadline.js';
import { restoreSnapshot } from '../../workflows/plan.status.js';
import { leadTimesOf } from './lead-times.repository.js';
import { keepPlanTimeline, londonToday } from './plan-timeline.js';

// Keeps each plan's plan_timelines row (what the dashboards show as at risk or
// late) in the transaction of the change that moves it. A plan that has never
// had a call deadline costs nothing here.

export function planningExtension(deps: { clock: Clock }): PlanExtensions {
  return {
    onTransition: [async ({ trx, planId, before, after }) => {
      if (!callDeadline(before) && !callDeadline(after)) return;
      await keepPlanTimeline(trx, planId, after, londonToday(deps.clock()));
    }],
  };
}

/** After a trust changes its lead times: every open plan of the trust, again. */
export async function refreshTrustTimelines(db: Kysely<Database>, organisationId: string, now: Date): Promise<number> {
  const leadTimes = await leadTimesOf(db, organisationId);
  const rows = await db.selectFrom('plans').select(['id', 'snapshot', 'state'])
    .where('organisation_id', '=', organisationId).where('step', 'is not', null).execute();
  let kept = 0;
  for (const row of rows) {
    const snapshot = restoreSnapshot(JSON.parse(row.snapshot));
    if (!callDeadline(snapshot)) continue;
    await keepPlanTimeline(db, row.id, snapshot, londonToday(now), leadTimes);
    kept += 1;
  }
  return kept;
}
