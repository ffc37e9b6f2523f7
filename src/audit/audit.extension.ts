import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { PlanExtensions } from '../plans/plan.service.js';
import { signHash, type AuditKeys } from './audit-keys.js';
import { insertSignature } from './signatures.repository.js';

// Each audit event is signed in the transaction that appends it, so an event
// and its signature commit together or not at all.

async function signEvent(trx: Kysely<Database>, keys: AuditKeys, planId: string, seq: number, hash: string, at: string): Promise<void> {
  await insertSignature(trx, { plan_id: planId, seq, key_id: keys.signing.id, signature: signHash(keys, hash), signed_at: at });
}

export function auditExtension(deps: { keys: AuditKeys }): PlanExtensions {
  return {
    onCreate: [({ trx, planId, snapshot, hash }) => signEvent(trx, deps.keys, planId, 1, hash, snapshot.context.createdAt)],
    onTransition: [({ trx, planId, version, event, hash }) => signEvent(trx, deps.keys, planId, version, hash, event.at)],
  };
}
