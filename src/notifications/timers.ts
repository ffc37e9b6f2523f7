import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { TransitionChange } from '../plans/plan.service.js';
import { statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import { dueAtFor, escalationAt, periodEnd, type DueSettings } from './due-dates.js';
import { callDeadline } from './deadline.js';
import { deadlineDueAt } from '../planning/plan-timeline.js';
import { remindersThisWait } from '../../workflows/plan.reminders.js';

// Each wait's due date (on the plan row, for lists) and the plan's next timer
// (the scheduler's queue), kept in the transaction of the change that starts,
// reminds or ends the wait, so they can never disagree with the plan.

/** Did this change start a new wait (a new state, or the same state entered again)? */
export function startsNewWait(change: TransitionChange): boolean {
  return statusOf(change.before).state !== statusOf(change.after).state
    || change.before.context.waitingSince !== change.after.context.waitingSince;
}

export async function keepTimers(change: TransitionChange, settings: DueSettings): Promise<void> {
  const { trx, planId, event } = change;
  if (event.type === 'SEND_REMINDER') {
    // After the reminder the escalation waits its own period; after the escalation nothing more is sent for this wait.
    if (event.kind === 'reminder') await setTimer(trx, planId, 'escalation', escalationAt(event.at, settings));
    else await clearTimer(trx, planId);
    return;
  }
  if (startsNewWait(change)) await startWaitTimers(trx, planId, change.after, settings);
  // A new call deadline (the idea's expected date, usually) can bring the current wait's due date forward,
  // as long as its reminder has not gone yet.
  else if (callDeadline(change.before)?.date !== callDeadline(change.after)?.date && remindersThisWait(change.after.context).length === 0) {
    await startWaitTimers(trx, planId, change.after, settings);
  }
}

/**
 * The earlier of the usual period and the date the call deadline demands (src/planning), but never sooner
 * than one working day after the wait began, so a handover and its reminder do not arrive together.
 */
async function dueDateOf(trx: Kysely<Database>, snapshot: PlanSnapshot, state: string, settings: DueSettings): Promise<string | null> {
  const { waitingSince } = snapshot.context;
  const usual = dueAtFor(state, waitingSince, settings);
  const demanded = await deadlineDueAt(trx, snapshot, new Date(waitingSince));
  if (!demanded) return usual;
  const floor = periodEnd(new Date(waitingSince), 1, settings).toISOString();
  const byDeadline = demanded < floor ? floor : demanded;
  return usual && usual < byDeadline ? usual : byDeadline;
}

/**
 * The due date and first reminder of the wait the plan is in now; none when it waits on nobody or the period is 0.
 * A plan just created (`created`) has neither yet, so then there is nothing to clear.
 */
export async function startWaitTimers(
  trx: Kysely<Database>, planId: string, snapshot: PlanSnapshot, settings: DueSettings, created = false,
): Promise<void> {
  const status = statusOf(snapshot);
  const dueAt = status.awaitingRole ? await dueDateOf(trx, snapshot, status.state, settings) : null;
  if (created && !dueAt) return;
  await trx.updateTable('plans').set({ due_at: dueAt }).where('id', '=', planId).execute();
  if (dueAt) await setTimer(trx, planId, 'reminder', dueAt);
  else await clearTimer(trx, planId);
}

async function setTimer(trx: Kysely<Database>, planId: string, kind: 'reminder' | 'escalation', fireAt: string) {
  await trx.insertInto('plan_timers').values({ plan_id: planId, kind, fire_at: fireAt })
    .onConflict((oc) => oc.column('plan_id').doUpdateSet({ kind, fire_at: fireAt })).execute();
}

async function clearTimer(trx: Kysely<Database>, planId: string) {
  await trx.deleteFrom('plan_timers').where('plan_id', '=', planId).execute();
}
