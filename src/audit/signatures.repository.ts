import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';
import type { AuditAnchorsTable, AuditSignaturesTable } from '../db/tables/audit.js';

// Every query on audit signatures and the anchor. Functions take the
// database or a transaction first.

export type SignatureRow = Selectable<AuditSignaturesTable>;
export type AnchorRow = Selectable<AuditAnchorsTable>;

export async function insertSignature(db: Kysely<Database>, row: SignatureRow): Promise<void> {
  const values = { plan_id: row.plan_id, seq: row.seq, key_id: row.key_id, signature: row.signature, signed_at: row.signed_at };
  const placeholders = Object.fromEntries(Object.keys(values).map((c) => [c, param(c)])) as unknown as SignatureRow;
  await runPrepared(db, 'insertAuditSignature', () => db.insertInto('audit_signatures').values(placeholders), values);
}

/**
 * A signature for an event written before signing began, unless another instance starting at the same
 * time has just signed it: Ed25519 is deterministic, so with the same key both would write the same row.
 */
export async function insertSignatureIfAbsent(db: Kysely<Database>, row: SignatureRow): Promise<void> {
  await db.insertInto('audit_signatures').values(row).onConflict((oc) => oc.columns(['plan_id', 'seq']).doNothing()).execute();
}

export function signaturesOfPlan(db: Kysely<Database>, planId: string): Promise<SignatureRow[]> {
  return db.selectFrom('audit_signatures').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
}

/** Audit events with no signature, oldest plans first: what the anchor signs once, on upgrade. */
export function unsignedEvents(db: Kysely<Database>, limit: number) {
  return db.selectFrom('plan_events as e')
    .leftJoin('audit_signatures as s', (join) => join.onRef('s.plan_id', '=', 'e.plan_id').onRef('s.seq', '=', 'e.seq'))
    .select(['e.plan_id', 'e.seq', 'e.hash'])
    .where('s.plan_id', 'is', null)
    .orderBy('e.plan_id').orderBy('e.seq')
    .limit(limit)
    .execute();
}

export function findAnchor(db: Kysely<Database>): Promise<AnchorRow | undefined> {
  return db.selectFrom('audit_anchors').selectAll().orderBy('anchored_at').limit(1).executeTakeFirst();
}
