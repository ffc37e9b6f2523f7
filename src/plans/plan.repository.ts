import type { Kysely, Selectable } from 'kysely';
import type { Database, PlanEventsTable, PlansTable } from '../db/database.js';
import { eventHash, GENESIS_HASH } from './hash.js';

// All query-builder code for plans and their audit trail. Functions take the
// database or a transaction first, so the service decides the transaction.

export type PlanRow = Selectable<PlansTable>;
export type PlanEventRow = Selectable<PlanEventsTable>;

export function findPlan(db: Kysely<Database>, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlan(db: Kysely<Database>, row: PlanRow): Promise<void> {
  await db.insertInto('plans').values(row).execute();
}

/** Write the next snapshot only if nobody else has since: true when this writer won. */
export async function updatePlanIfVersion(
  db: Kysely<Database>, id: string, expectedVersion: number,
  changes: Omit<Partial<PlanRow>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db.updateTable('plans')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export interface NewEvent {
  planId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorRole: string;
  actorOrganisationId: string | null;
  at: string;
  payload: string;
  stateBefore: string | null;
  stateAfter: string;
}

/** Append one audit event, chained to the previous event of the same plan. */
export async function appendEvent(db: Kysely<Database>, event: NewEvent): Promise<PlanEventRow> {
  const prevHash = event.seq === 1 ? GENESIS_HASH : (await db.selectFrom('plan_events').select('hash')
    .where('plan_id', '=', event.planId).where('seq', '=', event.seq - 1).executeTakeFirstOrThrow()).hash;
  const hash = eventHash({ ...event, prevHash });
  const row: PlanEventRow = {
    plan_id: event.planId, seq: event.seq, type: event.type,
    actor_id: event.actorId, actor_role: event.actorRole, actor_organisation_id: event.actorOrganisationId,
    at: event.at, payload: event.payload, state_before: event.stateBefore, state_after: event.stateAfter,
    prev_hash: prevHash, hash,
  };
  await db.insertInto('plan_events').values(row).execute();
  return row;
}

export function listEvents(db: Kysely<Database>, planId: string): Promise<PlanEventRow[]> {
  return db.selectFrom('plan_events').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
}
