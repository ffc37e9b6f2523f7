import type { Kysely } from 'kysely';
import { agendaKeys, agendaPoints, pointStatuses } from '../domain/options.js';
import { latestProposal, pointStatus } from '../../workflows/plan.agenda.js';
import { currentTerms } from '../../workflows/plan.machine.js';
import type { PlanContext } from '../../workflows/plan.types.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import type { Database } from '../db/database.js';
import { lastActedVersion, snapshotAt } from '../plans/replay.js';
import { pointFields } from './agenda-questions.js';
import { changesBetween, ideaFields, termsFields, type Change } from './fields.js';
import { formatDateTime } from './format.js';

// "What changed since you last acted on this plan": on each page where
// someone decides, the answers that differ from the plan as it stood right
// after their own last action, and what the sender said about it.

export interface SinceYouActed {
  /** When they last acted. */
  since: string;
  idea: Change[];
  terms: Change[];
  points: Array<{ title: string; changes: Change[]; status: string | null }>;
  /** What the clinician said they changed when they sent the idea again. */
  note: string | null;
  nothing: boolean;
}

const pointValues = (context: PlanContext, key: (typeof agendaKeys)[number]) => {
  const latest = latestProposal(context.agenda[key]);
  return latest ? { position: latest.position, ...latest.answers } : {};
};

export function changesSince(before: PlanContext, now: PlanContext): Omit<SinceYouActed, 'since' | 'note' | 'nothing'> {
  const terms = changesBetween(termsFields, currentTerms(before)?.terms ?? {}, currentTerms(now)?.terms ?? {});
  const points = isLegacyPlan(now) || isLegacyPlan(before) ? [] : agendaKeys.flatMap((key) => {
    const changes = changesBetween(pointFields(key), pointValues(before, key), pointValues(now, key));
    const was = pointStatus(before.agenda[key]);
    const is = pointStatus(now.agenda[key]);
    if (!changes.length && was === is) return [];
    return [{ title: agendaPoints[key], changes, status: was === is ? null : `${pointStatuses[was]} → ${pointStatuses[is]}` }];
  });
  return { idea: changesBetween(ideaFields, before.idea, now.idea), terms, points };
}

/** Null when this person has never acted on the plan (everything is new to them) or nothing has happened since. */
export async function sinceYouActed(db: Kysely<Database>, planId: string, userId: string, version: number, now: PlanContext): Promise<SinceYouActed | null> {
  const acted = await lastActedVersion(db, planId, userId);
  if (acted === null || acted >= version) return null;
  const then = await snapshotAt(db, planId, acted);
  if (!then) return null;
  const changes = changesSince(then.context, now);
  const resubmission = isLegacyPlan(now) ? undefined : now.submissions.filter((s) => s.at > (then.context.submissions.at(-1)?.at ?? '')).at(-1);
  const stamp = (await db.selectFrom('plan_events').select('at').where('plan_id', '=', planId).where('seq', '=', acted).executeTakeFirst())?.at;
  return {
    since: stamp ? formatDateTime(stamp) : '', ...changes, note: resubmission?.comment ?? null,
    nothing: !changes.idea.length && !changes.terms.length && !changes.points.length,
  };
}
