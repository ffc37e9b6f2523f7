import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { WebhookDeliveriesTable } from '../db/tables/integrations.js';
import { param, runPrepared } from '../db/prepared.js';

// Webhooks of a trust and the queue of what is to be posted to them.

export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

/** What a receiver is told of one plan event: ids, times and states, never a person's data. */
export interface WebhookEvent {
  id: string;
  planId: string;
  seq: number;
  type: string;
  at: string;
  stateBefore: string | null;
  stateAfter: string;
}

export async function insertWebhook(db: Kysely<Database>, input: { organisationId: string; url: string; secret: string; createdBy: string; at: string }) {
  const id = randomUUID();
  await db.insertInto('webhooks').values({
    id, organisation_id: input.organisationId, url: input.url, secret: input.secret, created_by: input.createdBy, created_at: input.at, removed_at: null,
  }).execute();
  return id;
}

export function listWebhooks(db: Kysely<Database>, organisationId: string) {
  return db.selectFrom('webhooks as w').innerJoin('users as u', 'u.id', 'w.created_by')
    .select(['w.id', 'w.url', 'w.created_at', 'u.name as created_by_name'])
    .where('w.organisation_id', '=', organisationId).where('w.removed_at', 'is', null).orderBy('w.created_at').orderBy('w.id').execute();
}

export function findWebhook(db: Kysely<Database>, organisationId: string, id: string) {
  return db.selectFrom('webhooks').select(['id', 'url']).where('organisation_id', '=', organisationId).where('id', '=', id)
    .where('removed_at', 'is', null).executeTakeFirst();
}

/** Stop a webhook: what was still waiting to be sent to it is cancelled. False when the trust has no such webhook. */
export async function removeWebhook(db: Kysely<Database>, organisationId: string, id: string, at: string): Promise<boolean> {
  if (!(await findWebhook(db, organisationId, id))) return false;
  await db.updateTable('webhooks').set({ removed_at: at }).where('id', '=', id).execute();
  await db.updateTable('webhook_deliveries').set({ delivery: 'cancelled', claimed_by: null, claimed_until: null })
    .where('webhook_id', '=', id).where('delivery', '=', 'pending').execute();
  return true;
}

/** Queue the event for every webhook of the trust, in the caller's transaction. */
export async function queueEvent(trx: Kysely<Database>, organisationId: string, event: WebhookEvent): Promise<void> {
  // On every transition, almost always finding none: built once.
  const { rows: hooks } = await runPrepared<{ id: string }>(trx, 'webhooks:active', () => trx.selectFrom('webhooks').select('id')
    .where('organisation_id', '=', param('organisationId')).where('removed_at', 'is', null), { organisationId });
  if (hooks.length === 0) return;
  const body = JSON.stringify(event);
  for (const hook of hooks) {
    await trx.insertInto('webhook_deliveries').values({
      id: randomUUID(), webhook_id: hook.id, organisation_id: organisationId, event_id: event.id, plan_id: event.planId,
      event_seq: event.seq, event_type: event.type, body, delivery: 'pending', attempts: 0, next_attempt_at: event.at,
      last_status: null, last_error: null, claimed_by: null, claimed_until: null, created_at: event.at, delivered_at: null,
    }).execute();
  }
}

/** The trust's latest deliveries, newest first, for the log on the admin page. */
export function deliveryLog(db: Kysely<Database>, organisationId: string, limit = 50) {
  return db.selectFrom('webhook_deliveries as d').innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select(['d.id', 'd.event_type', 'd.event_seq', 'd.plan_id', 'd.delivery', 'd.attempts', 'd.last_status', 'd.last_error',
      'd.created_at', 'd.delivered_at', 'd.next_attempt_at', 'w.url'])
    .where('d.organisation_id', '=', organisationId).orderBy('d.seq', 'desc').limit(limit).execute();
}
