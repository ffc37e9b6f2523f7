import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { isoToLondon, londonToIso } from '../http/forms/london-time.js';
import { callDeadline } from '../notifications/deadline.js';
import type { PlanSnapshot } from '../../workflows/plan.status.js';
import { leadTimesOf } from './lead-times.repository.js';
import { latestDayForWait, timelineOf, type LeadTimes, type Timeline } from './timeline.js';

// The timeline of a stored plan: its trust's lead times read from the
// database, and the plan_timelines row the dashboards list from, kept in the
// transaction of every change (and when a trust changes its lead times).

export const londonToday = (now: Date) => isoToLondon(now.toISOString())!.day;

export async function planTimeline(db: Kysely<Database>, snapshot: PlanSnapshot, now: Date): Promise<Timeline | null> {
  if (!callDeadline(snapshot)) return null;
  return timelineOf(snapshot, await leadTimesOf(db, snapshot.context.organisationId), londonToday(now));
}

/** Write (or clear) the plan's row from its snapshot: only when it differs, so most changes write nothing. */
export async function keepPlanTimeline(db: Kysely<Database>, planId: string, snapshot: PlanSnapshot, today: string, leadTimes?: LeadTimes): Promise<void> {
  const deadline = callDeadline(snapshot);
  const timeline = deadline ? timelineOf(snapshot, leadTimes ?? await leadTimesOf(db, snapshot.context.organisationId), today) : null;
  const next = timeline?.next ?? null;
  const row = await db.selectFrom('plan_timelines').selectAll().where('plan_id', '=', planId).executeTakeFirst();
  if (!next) {
    if (row) await db.deleteFrom('plan_timelines').where('plan_id', '=', planId).execute();
    return;
  }
  const values = { step: next.step, latest_on: next.latestOn, at_risk_on: next.atRiskOn, late_on: next.lateOn };
  if (row && row.step === values.step && row.latest_on === values.latest_on && row.at_risk_on === values.at_risk_on && row.late_on === values.late_on) return;
  await db.insertInto('plan_timelines').values({ plan_id: planId, ...values })
    .onConflict((oc) => oc.column('plan_id').doUpdateSet(values)).execute();
}

/**
 * The due date the call deadline sets for the wait the plan is in now: 09:00 UK time on the step's latest
 * day (the reminder arrives that morning). Null without a deadline, or when the wait has no step on the timeline.
 */
export async function deadlineDueAt(db: Kysely<Database>, snapshot: PlanSnapshot, now: Date): Promise<string | null> {
  if (!callDeadline(snapshot)) return null;
  const leadTimes = await leadTimesOf(db, snapshot.context.organisationId);
  const timeline = timelineOf(snapshot, leadTimes, londonToday(now));
  const day = timeline && latestDayForWait(snapshot, timeline, leadTimes);
  if (!day) return null;
  return londonToIso(day, '09:00');
}
