import type { Services } from '../http/context.js';
import { ConflictError, NotAllowedError, PlanNotFoundError } from '../plans/errors.js';
import type { ReminderKind } from '../../workflows/plan.types.js';

// The reminder scheduler: finds the plans whose timer has come (by SQL, on
// the timers the transitions keep) and sends each its reminder or escalation
// as the `system` actor. The claim is the plan's own optimistic version
// check: of two schedulers (two instances, or one restarted half-way), only
// the one whose write still finds the version it read records the event and
// its notifications; the other gets a ConflictError and moves on. A crash
// between two plans loses nothing: what was not committed is still due.

export interface DueTimer {
  planId: string;
  kind: ReminderKind;
  fireAt: string;
  version: number;
}

export interface TickResult {
  sent: Array<{ planId: string; kind: ReminderKind }>;
  skipped: number;
}

export interface TickOptions {
  /** At most this many plans in one tick; the rest wait for the next. */
  limit?: number;
  /** Called after each plan is dealt with (tests use it to stop a scheduler half-way). */
  afterEach?: (timer: DueTimer) => void | Promise<void>;
}

export type SchedulerServices = Pick<Services, 'db' | 'plans' | 'clock'>;

/** Timers that have come, on plans still waiting on someone: oldest first. */
export async function dueTimers(services: SchedulerServices, limit = 100): Promise<DueTimer[]> {
  const rows = await services.db.kysely.selectFrom('plan_timers')
    .innerJoin('plans', 'plans.id', 'plan_timers.plan_id')
    .select(['plan_timers.plan_id', 'plan_timers.kind', 'plan_timers.fire_at', 'plans.version'])
    .where('plan_timers.fire_at', '<=', services.clock().toISOString())
    .where('plans.awaiting_role', 'is not', null)
    .orderBy('plan_timers.fire_at').orderBy('plan_timers.plan_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ planId: r.plan_id, kind: r.kind as ReminderKind, fireAt: r.fire_at, version: Number(r.version) }));
}

/** One pass of the scheduler: what it sent, and how many it left to someone else. */
export async function runReminders(services: SchedulerServices, options: TickOptions = {}): Promise<TickResult> {
  const result: TickResult = { sent: [], skipped: 0 };
  for (const timer of await dueTimers(services, options.limit)) {
    try {
      await services.plans.sendSystem(timer.planId, timer.version, { type: 'SEND_REMINDER', kind: timer.kind });
      result.sent.push({ planId: timer.planId, kind: timer.kind });
    } catch (error) {
      if (error instanceof ConflictError) {
        // Someone else sent it, or the plan moved on since we looked: the next tick sees the truth.
        result.skipped += 1;
      } else if (error instanceof NotAllowedError || error instanceof PlanNotFoundError) {
        // The plan no longer takes reminders; drop exactly this timer so it is not tried for ever.
        await services.db.kysely.deleteFrom('plan_timers')
          .where('plan_id', '=', timer.planId).where('kind', '=', timer.kind).where('fire_at', '=', timer.fireAt).execute();
        result.skipped += 1;
      } else {
        console.error(`Reminder for plan ${timer.planId} failed:`, error);
        result.skipped += 1;
      }
    }
    await options.afterEach?.(timer);
  }
  return result;
}
