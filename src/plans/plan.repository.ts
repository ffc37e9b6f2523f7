import type { Kysely, Selectable } from 'kysely';
import type { Database, PlanEventsTable, PlansTable } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';
import { eventHash, GENESIS_HASH, type HashedFields } from './hash.js';

// All query-builder code for plans and their audit trail. Functions take the
// database or a transaction first, so the service decides the transaction.

export type PlanRow = Selectable<PlansTable>;
export type PlanEventRow = Selectable<PlanEventsTable>;

/** The plan, with the hash of its latest audit event (the link the next event chains to). */
export async function findPlan(db: Kysely<Database>, id: string): Promise<(PlanRow & { last_hash: string }) | undefined> {
  const { rows } = await runPrepared(db, 'findPlan', () => db.selectFrom('plans').selectAll('plans')
    .select((eb) => eb.selectFrom('plan_events').select('hash')
      .whereRef('plan_events.plan_id', '=', 'plans.id').whereRef('plan_events.seq', '=', 'plans.version').as('last_hash'))
    .where('plans.id', '=', param('id')), { id });
  const row = rows[0];
  return row && { ...row, last_hash: row.last_hash ?? GENESIS_HASH };
}

export async function insertPlan(db: Kysely<Database>, row: PlanRow): Promise<void> {
  await db.insertInto('plans').values(row).execute();
}

/** Write the next snapshot only if nobody else has since: true when this writer won. */
export async function updatePlanIfVersion(
  db: Kysely<Database>, id: string, expectedVersion: number,
  changes: Omit<Partial<PlanRow>, 'id' | 'version'>,
): Promise<boolean> {
  const columns = Object.keys(changes).sort() as Array<keyof typeof changes>;
  const placeholders = Object.fromEntries(columns.map((c) => [c, param(c)]));
  const result = await runPrepared(db, `updatePlan:${columns.join(',')}`, () => db.updateTable('plans')
    .set({ ...placeholders, version: param<number>('nextVersion') })
    .where('id', '=', param('id'))
    .where('version', '=', param<number>('expectedVersion')),
  { ...changes, id, expectedVersion, nextVersion: expectedVersion + 1 });
  return result.changes === 1;
}

/** An audit event as the service gives it: everything its hash covers except the link to the previous event. */
export type NewEvent = Omit<HashedFields, 'prevHash'>;

/** Append one audit event, chained to the hash of the plan's previous event. */
export async function appendEvent(db: Kysely<Database>, prevHash: string, event: NewEvent): Promise<PlanEventRow> {
  const hash = eventHash({ ...event, prevHash });
  const row: PlanEventRow = {
    plan_id: event.planId, seq: event.seq, type: event.type,
    actor_id: event.actorId, actor_role: event.actorRole, actor_organisation_id: event.actorOrganisationId,
    at: event.at, payload: event.payload, state_before: event.stateBefore, state_after: event.stateAfter,
    prev_hash: prevHash, hash,
  };
  const placeholders = Object.fromEntries(Object.keys(row).map((c) => [c, param(c)])) as unknown as PlanEventRow;
  await runPrepared(db, 'appendEvent', () => db.insertInto('plan_events').values(placeholders), row as unknown as Record<string, unknown>);
  return row;
}

/** The types of the plan's audit events after `version`, oldest first. */
export async function eventTypesSince(db: Kysely<Database>, planId: string, version: number): Promise<string[]> {
  const { rows } = await runPrepared<{ type: string }>(db, 'eventTypesSince', () => db.selectFrom('plan_events').select('type')
    .where('plan_id', '=', param('planId')).where('seq', '>', param<number>('version')).orderBy('seq'), { planId, version });
  return rows.map((row) => row.type);
}

export function listEvents(db: Kysely<Database>, planId: string): Promise<PlanEventRow[]> {
  return db.selectFrom('plan_events').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
}
