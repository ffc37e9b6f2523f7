import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.js';
import { eventHash } from '../../src/plans/hash.js';
import type { PlanEventRow } from '../../src/plans/plan.repository.js';

// Someone with direct access to the database rewrites history as well as it
// can be done without the audit key: the audit table refuses changes, so the
// trigger goes first, and every SHA-256 the service keeps is recomputed.

export async function tamper(db: Db, ...statements: Array<ReturnType<typeof sql>>) {
  if (db.dialect === 'sqlite') {
    await sql`drop trigger plan_events_no_update`.execute(db.kysely);
    await sql`drop trigger plan_events_no_delete`.execute(db.kysely);
    for (const statement of statements) await statement.execute(db.kysely);
    await sql`create trigger plan_events_no_update before update on plan_events begin select raise(abort, 'plan_events is append-only'); end`.execute(db.kysely);
    await sql`create trigger plan_events_no_delete before delete on plan_events begin select raise(abort, 'plan_events is append-only'); end`.execute(db.kysely);
  } else {
    await sql`alter table plan_events disable trigger plan_events_no_update`.execute(db.kysely);
    for (const statement of statements) await statement.execute(db.kysely);
    await sql`alter table plan_events enable trigger plan_events_no_update`.execute(db.kysely);
  }
}

/** Replace a text in the plan's last event and in its stored snapshot, recomputing that event's hash: the SHA-256 chain still holds. */
export async function rewriteLastEvent(db: Db, planId: string, from: string, to: string): Promise<PlanEventRow> {
  const last = await db.kysely.selectFrom('plan_events').selectAll().where('plan_id', '=', planId).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  const payload = last.payload.replace(from, to);
  const hash = eventHash({
    planId, seq: last.seq, type: last.type, actorId: last.actor_id, actorRole: last.actor_role, actorOrganisationId: last.actor_organisation_id,
    at: last.at, payload, stateBefore: last.state_before, stateAfter: last.state_after, prevHash: last.prev_hash,
  });
  const plan = await db.kysely.selectFrom('plans').select('snapshot').where('id', '=', planId).executeTakeFirstOrThrow();
  await tamper(db, sql`update plan_events set payload = ${payload}, hash = ${hash} where plan_id = ${planId} and seq = ${last.seq}`);
  await db.kysely.updateTable('plans').set({ snapshot: plan.snapshot.replace(from, to) }).where('id', '=', planId).execute();
  return { ...last, payload, hash };
}
