import { transition } from 'xstate';
import type { Kysely } from 'kysely';
import { initialSnapshot, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { PlanEvent, PlanInput } from '../../workflows/plan.types.js';
import type { Database } from '../db/database.js';
import { listEvents, type PlanEventRow } from './plan.repository.js';

// A plan's past, rebuilt from its audit trail: the events replayed through its
// own process from its creation. verify uses it to prove the stored snapshot;
// pages use it to show what changed since someone last acted.

export const PLAN_CREATED = 'PLAN_CREATED';

/** The machine event an audit row records: its actor (covering for someone, when they were), its time and its fields. */
export function eventOf(row: PlanEventRow): PlanEvent {
  const { onBehalfOf, ...fields } = JSON.parse(row.payload) as Record<string, unknown>;
  const actor = { userId: row.actor_id, role: row.actor_role, organisationId: row.actor_organisation_id, ...(onBehalfOf ? { onBehalfOf } : {}) };
  return { type: row.type, at: row.at, ...fields, actor } as PlanEvent;
}

/** The snapshot after each event in turn (undefined while the first is not a creation); `next === before` marks a refused one. */
export function* replaySteps(events: PlanEventRow[]): Generator<{ row: PlanEventRow; before?: PlanSnapshot; after?: PlanSnapshot }> {
  let snapshot: PlanSnapshot | undefined;
  for (const row of events) {
    const before = snapshot;
    if (row.seq === 1 && row.type === PLAN_CREATED) snapshot = initialSnapshot(JSON.parse(row.payload) as PlanInput);
    else if (snapshot) snapshot = transition(snapshot.machine, snapshot, eventOf(row))[0];
    yield { row, before, after: snapshot };
  }
}

/** The plan as it was at `version` (after that many events). */
export async function snapshotAt(db: Kysely<Database>, planId: string, version: number): Promise<PlanSnapshot | undefined> {
  const events = (await listEvents(db, planId)).filter((e) => e.seq <= version);
  let last: PlanSnapshot | undefined;
  for (const step of replaySteps(events)) last = step.after;
  return last;
}

/** The version right after this person's latest own event on the plan, or null when they have never acted on it. */
export async function lastActedVersion(db: Kysely<Database>, planId: string, userId: string): Promise<number | null> {
  const row = await db.selectFrom('plan_events').select((eb) => eb.fn.max('seq').as('seq'))
    .where('plan_id', '=', planId).where('actor_id', '=', userId).executeTakeFirst();
  return row?.seq == null ? null : Number(row.seq);
}
