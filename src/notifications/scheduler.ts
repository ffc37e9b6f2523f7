import type { Services } from '../http/context.js';
import { errorFields } from '../operations/logger.js';
import type { Role } from '../domain/options.js';
import { ConflictError, NoLongerAppliesError, NotAllowedError, PlanNotFoundError } from '../plans/errors.js';
import type { ReminderKind, SystemRequest } from '../../workflows/plan.types.js';
import { dropTimer, dueSignatureTimers } from './signature-timers.js';
import { dropMediation, dueMediations } from './mediation-timers.js';

// The reminder scheduler: finds the timers that have come (by SQL, on the
// timers the transitions keep: one a plan for whoever it waits on, and one a
// signatory for each document they have still to authorise) and sends each
// its reminder or escalation as the `system` actor. The claim is the plan's
// own optimistic version check: of two schedulers (two instances, or one
// restarted half-way), only the one whose write still finds the version it
// read records the event and its notifications; the other gets a
// ConflictError and moves on. A crash between two timers loses nothing: what
// was not committed is still due.

export interface DueTimer {
  planId: string;
  /** A reminder or escalation; `mediation` asks R&D to help with a disagreement. */
  kind: ReminderKind | 'mediation';
  fireAt: string;
  version: number;
  /** Set for a signatory's timer: the document, and who has still to authorise it. */
  signature?: { documentId: string; userId: string; role: Role };
  /** Set for a mediation: when the disagreement began. */
  since?: string;
}

export interface Sent {
  planId: string;
  kind: ReminderKind | 'mediation';
  /** For a signatory's reminder or escalation: the document and the signatory. */
  documentId?: string;
  userId?: string;
}

export interface TickResult {
  sent: Sent[];
  skipped: number;
}

export interface TickOptions {
  /** At most this many timers in one tick; the rest wait for the next. */
  limit?: number;
  /** Called after each timer is dealt with (tests use it to stop a scheduler half-way). */
  afterEach?: (timer: DueTimer) => void | Promise<void>;
}

export type SchedulerServices = Pick<Services, 'db' | 'plans' | 'clock'> & Partial<Pick<Services, 'logger'>>;

/** Timers that have come, on plans still waiting on someone (or, for signatures, not finished): oldest first. */
export async function dueTimers(services: Pick<Services, 'db' | 'clock'>, limit = 100): Promise<DueTimer[]> {
  const now = services.clock().toISOString();
  const rows = await services.db.kysely.selectFrom('plan_timers')
    .innerJoin('plans', 'plans.id', 'plan_timers.plan_id')
    .select(['plan_timers.plan_id', 'plan_timers.kind', 'plan_timers.fire_at', 'plans.version'])
    .where('plan_timers.fire_at', '<=', now)
    .where('plans.awaiting_role', 'is not', null)
    .orderBy('plan_timers.fire_at').orderBy('plan_timers.plan_id')
    .limit(limit)
    .execute();
  const waits = rows.map((r): DueTimer => ({ planId: r.plan_id, kind: r.kind as ReminderKind, fireAt: r.fire_at, version: Number(r.version) }));
  const signatures = (await dueSignatureTimers(services.db.kysely, now, limit)).map((r): DueTimer => ({
    planId: r.planId, kind: r.kind as ReminderKind, fireAt: r.fireAt, version: r.version,
    signature: { documentId: r.documentId, userId: r.userId, role: r.role as Role },
  }));
  const mediations = (await dueMediations(services.db.kysely, now, limit)).map((r): DueTimer => ({
    planId: r.planId, kind: 'mediation', fireAt: r.fireAt, version: r.version, since: r.since,
  }));
  // The same order for every scheduler: a plan's wait before its signatures when they fall due together.
  const order = (t: DueTimer) => `${t.fireAt} ${t.planId} ${t.signature ? `1 ${t.signature.documentId} ${t.signature.userId}` : t.since ? '2' : '0'}`;
  return [...waits, ...signatures, ...mediations].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)).slice(0, limit);
}

function requestFor(timer: DueTimer): SystemRequest {
  if (timer.kind === 'mediation') return { type: 'REQUEST_MEDIATION', since: timer.since! };
  return timer.signature
    ? { type: 'REMIND_SIGNATORY', kind: timer.kind, documentId: timer.signature.documentId, signatory: { userId: timer.signature.userId, role: timer.signature.role } }
    : { type: 'SEND_REMINDER', kind: timer.kind };
}

/** One pass of the scheduler: what it sent, and how many it left to someone else. */
export async function runReminders(services: SchedulerServices, options: TickOptions = {}): Promise<TickResult> {
  const result: TickResult = { sent: [], skipped: 0 };
  // Each plan's version as read, moved on by this pass's own sends: a plan with several timers due (its wait,
  // several signatories) gets them all in one pass, while any other writer in between still stops this one.
  const versions = new Map<string, number>();
  for (const timer of await dueTimers(services, options.limit)) {
    try {
      const { row } = await services.plans.sendSystem(timer.planId, versions.get(timer.planId) ?? timer.version, requestFor(timer));
      versions.set(timer.planId, row.version);
      result.sent.push({ planId: timer.planId, kind: timer.kind, ...(timer.signature && { documentId: timer.signature.documentId, userId: timer.signature.userId }) });
    } catch (error) {
      if (error instanceof NoLongerAppliesError) {
        // The plan is as this pass read it, and the machine says this reminder is not due (already sent, already
        // authorised, a newer document): the timer disagrees with the plan. Left, it would be due, and refused,
        // on every pass for ever, taking a place in each pass's limit; so drop it, and say so.
        services.logger?.warn({ job: 'reminders', planId: timer.planId, kind: timer.kind }, 'Dropped a timer the plan no longer takes');
        await drop(services, timer);
        result.skipped += 1;
      } else if (error instanceof ConflictError) {
        // Someone else sent it, or the plan moved on since we looked: the next tick sees the truth.
        result.skipped += 1;
      } else if (error instanceof NotAllowedError || error instanceof PlanNotFoundError) {
        // The plan no longer takes this reminder; drop exactly this timer so it is not tried for ever.
        await drop(services, timer);
        result.skipped += 1;
      } else {
        services.logger?.error({ job: 'reminders', planId: timer.planId, kind: timer.kind, ...errorFields(error) }, 'A reminder failed; it stays due');
        result.skipped += 1;
      }
    }
    await options.afterEach?.(timer);
  }
  return result;
}

async function drop(services: SchedulerServices, timer: DueTimer): Promise<void> {
  if (timer.kind === 'mediation') {
    await dropMediation(services.db.kysely, timer.planId, timer.since!);
    return;
  }
  if (timer.signature) {
    await dropTimer(services.db.kysely, timer.signature, { kind: timer.kind, fireAt: timer.fireAt });
    return;
  }
  await services.db.kysely.deleteFrom('plan_timers')
    .where('plan_id', '=', timer.planId).where('kind', '=', timer.kind).where('fire_at', '=', timer.fireAt).execute();
}
