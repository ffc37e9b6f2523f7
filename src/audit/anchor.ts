import { inTransaction, type Db } from '../db/connect.js';
import type { Notes } from '../operations/logger.js';
import { checkSignature, signHash, type AuditKeys } from './audit-keys.js';
import { findAnchor, insertSignatureIfAbsent, unsignedEvents, type AnchorRow } from './signatures.repository.js';

// Events written before signing began (by version 1.0) have no signature.
// The first start with an audit key signs them all, once, and records that
// moment as the anchor: their history is vouched for from then on, not
// before. Once a database is anchored this never runs again, so an event
// slipped in later without a signature stays unsigned and fails verify.
// Instances that start together may anchor at once: an event another has
// just signed is left as it is, and the first anchor record stands.

const BATCH = 500;
const ANCHOR_ID = 'history';

/** What the anchor's own signature covers. */
export const anchorMessage = (anchor: Pick<AnchorRow, 'anchored_at' | 'events'>) => `anchor ${anchor.anchored_at} ${anchor.events}`;

export async function anchorHistory(db: Db, keys: AuditKeys, now: Date, logger: Notes): Promise<{ anchored: boolean; events: number }> {
  if (await findAnchor(db.kysely)) return { anchored: false, events: 0 };
  const at = now.toISOString();
  let events = 0;
  for (;;) {
    const batch = await unsignedEvents(db.kysely, BATCH);
    if (!batch.length) break;
    await inTransaction(db, async (trx) => {
      for (const e of batch) {
        await insertSignatureIfAbsent(trx, { plan_id: e.plan_id, seq: e.seq, key_id: keys.signing.id, signature: signHash(keys, e.hash), signed_at: at });
      }
    });
    events += batch.length;
  }
  const anchor = { id: ANCHOR_ID, anchored_at: at, key_id: keys.signing.id, events };
  // Two instances starting together: the first anchor stands, the second insert changes nothing.
  await db.kysely.insertInto('audit_anchors').values({ ...anchor, signature: signHash(keys, anchorMessage(anchor)) })
    .onConflict((oc) => oc.column('id').doNothing()).execute();
  const message = events
    ? `Audit trail anchored: signed ${events} events written before signing began; history before ${at} is vouched for from this moment`
    : 'Audit trail anchored: every event from now on is signed';
  (events ? logger.warn : logger.info).call(logger, { keyId: keys.signing.id, events, anchoredAt: at }, message);
  return { anchored: true, events };
}

export interface AnchorReport {
  anchor: AnchorRow | null;
  /** Whether any event is signed at all. */
  signed: boolean;
  problems: string[];
}

/**
 * The anchor, and whether its signature holds. No anchor and no signature is
 * a database no program with an audit key has opened yet (signing starts at
 * its first start); signatures without an anchor mean the anchor was removed.
 */
export async function readAnchor(db: Db, keys: AuditKeys): Promise<AnchorReport> {
  const anchor = (await findAnchor(db.kysely)) ?? null;
  if (!anchor) {
    const signed = !!(await db.kysely.selectFrom('audit_signatures').select('seq').limit(1).executeTakeFirst());
    return { anchor, signed, problems: signed ? ['the audit anchor has been removed, though events are signed'] : [] };
  }
  const check = checkSignature(keys, anchor.key_id, anchorMessage(anchor), anchor.signature);
  const problems = check === 'valid' ? []
    : [check === 'unknown-key' ? `the audit anchor is signed by key ${anchor.key_id}, which is not among the trusted keys (AUDIT_KEY)` : 'the audit anchor has been altered: its signature does not match'];
  return { anchor, signed: true, problems };
}
