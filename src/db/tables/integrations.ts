import type { Generated } from 'kysely';

// Other systems of a trust: API tokens they read with, and webhooks they are
// told of every plan event through (with the log of each delivery).

export interface ApiTokensTable {
  id: string;
  organisation_id: string;
  name: string;
  /** Space-separated: `plans:read reports:read`. */
  scopes: string;
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WebhooksTable {
  id: string;
  organisation_id: string;
  url: string;
  /** The shared secret the body is signed with (HMAC-SHA256); never shown again. */
  secret: string;
  created_by: string;
  created_at: string;
  removed_at: string | null;
}

/** One event for one webhook: queued in the event's transaction, delivered after it commits. */
export interface WebhookDeliveriesTable {
  seq: Generated<number>;
  id: string;
  webhook_id: string;
  organisation_id: string;
  /** The event's id as the receiver sees it: the same on every attempt and for every webhook. */
  event_id: string;
  plan_id: string;
  event_seq: number;
  event_type: string;
  /** The exact bytes posted and signed. */
  body: string;
  /** pending → delivered, or failed (gave up), or cancelled (the webhook was removed first). */
  delivery: string;
  attempts: number;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface IntegrationTables {
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
