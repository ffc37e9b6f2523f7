import type { Config } from '../config.js';
import type { Services } from '../http/context.js';
import { postSigned, type Posted } from './post-signed.js';
import { targetPolicy } from './webhook-target.js';
import type { DeliveryRow } from './webhooks.repository.js';
import { doublingBackoffMs, type DeliveryResult } from '../notifications/sender.js';

// Delivers queued webhook events after their transaction has committed, the
// way the email sender delivers the outbox (src/notifications/sender.ts): each
// row claimed with one conditional UPDATE and a lease, so two instances never
// post it at once; a failure (no answer, or an answer that is not 2xx) is tried
// again after WEBHOOK_RETRY_SECONDS, doubling each time up to six hours, until
// WEBHOOK_MAX_ATTEMPTS, then kept as failed in the log.

export type WebhookServices = Pick<Services, 'db' | 'clock' | 'config'>;

export type WebhookDeliveryResult = DeliveryResult;

const LEASE_MS = 5 * 60_000;

export const webhookBackoffMs = (config: Pick<Config, 'WEBHOOK_RETRY_SECONDS'>, failures: number) => doublingBackoffMs(config.WEBHOOK_RETRY_SECONDS, failures);

export async function deliverWebhooks(services: WebhookServices, workerId: string, limit = 50): Promise<WebhookDeliveryResult> {
  const { db, clock, config } = services;
  const result: WebhookDeliveryResult = { delivered: 0, retrying: 0, failed: 0 };
  const policy = targetPolicy(config);
  const now = clock().toISOString();
  const due = await db.kysely.selectFrom('webhook_deliveries').select('id')
    .where('delivery', '=', 'pending').where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('seq').limit(limit).execute();
  for (const { id } of due) {
    const claimed = await claim(services, id, workerId);
    if (!claimed) continue;
    const { row, url, secret } = claimed;
    let posted: Posted | null = null;
    let problem: string | null = null;
    try {
      posted = await postSigned(url, row.body, secret, { 'x-webhook-delivery': row.id, 'x-event-id': row.event_id }, policy, config.WEBHOOK_TIMEOUT_SECONDS * 1000);
      if (posted.status < 200 || posted.status > 299) problem = `The receiver answered ${posted.status}`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const attempts = row.attempts + 1;
    const at = clock();
    if (problem === null) {
      await db.kysely.updateTable('webhook_deliveries')
        .set({ delivery: 'delivered', delivered_at: at.toISOString(), attempts, last_status: posted!.status, last_error: null, claimed_by: null, claimed_until: null })
        .where('id', '=', id).where('claimed_by', '=', workerId).execute();
      result.delivered += 1;
      continue;
    }
    const gaveUp = attempts >= config.WEBHOOK_MAX_ATTEMPTS;
    await db.kysely.updateTable('webhook_deliveries')
      .set({
        delivery: gaveUp ? 'failed' : 'pending', attempts, last_status: posted?.status ?? null, last_error: problem.slice(0, 500),
        claimed_by: null, claimed_until: null, next_attempt_at: new Date(at.getTime() + webhookBackoffMs(config, attempts)).toISOString(),
      })
      .where('id', '=', id).where('claimed_by', '=', workerId).execute();
    if (gaveUp) console.error(`[webhooks] gave up on delivery ${id} (${row.event_type} of plan ${row.plan_id}) after ${attempts} attempts: ${problem}`);
    result[gaveUp ? 'failed' : 'retrying'] += 1;
  }
  return result;
}

/** Take the delivery for this worker, with its webhook's address and secret; null when another worker has it, it is no longer due, or its webhook was removed. */
async function claim(services: WebhookServices, id: string, workerId: string): Promise<{ row: DeliveryRow; url: string; secret: string } | null> {
  const now = services.clock();
  const taken = await services.db.kysely.updateTable('webhook_deliveries')
    .set({ claimed_by: workerId, claimed_until: new Date(now.getTime() + LEASE_MS).toISOString() })
    .where('id', '=', id).where('delivery', '=', 'pending').where('next_attempt_at', '<=', now.toISOString())
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now.toISOString())]))
    .executeTakeFirst();
  if (taken.numUpdatedRows !== 1n) return null;
  const found = await services.db.kysely.selectFrom('webhook_deliveries as d').innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .selectAll('d').select(['w.url', 'w.secret', 'w.removed_at']).where('d.id', '=', id).executeTakeFirst();
  if (!found || found.removed_at !== null) return null;
  const { url, secret, removed_at: _r, ...row } = found;
  return { row, url, secret };
}
