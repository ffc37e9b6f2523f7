import type { PlanEventRow } from '../plans/plan.repository.js';
import { checkSignature, type AuditKeys } from './audit-keys.js';
import type { SignatureRow } from './signatures.repository.js';

// Part of verify: each of a plan's audit events carries a signature of its
// hash by a trusted key. Someone who can write the database can recompute the
// SHA-256 chain, but not these: a rewritten event shows here by name.

export function signatureProblems(keys: AuditKeys, events: PlanEventRow[], signatures: SignatureRow[]): string[] {
  const problems: string[] = [];
  const bySeq = new Map(signatures.map((s) => [s.seq, s]));
  for (const event of events) {
    const signature = bySeq.get(event.seq);
    bySeq.delete(event.seq);
    if (!signature) {
      problems.push(`event ${event.seq} (${event.type}) is not signed: it was not written by this service`);
      continue;
    }
    const check = checkSignature(keys, signature.key_id, event.hash, signature.signature);
    if (check === 'unknown-key') problems.push(`event ${event.seq} (${event.type}) is signed by key ${signature.key_id}, which is not among the trusted keys (AUDIT_KEY)`);
    if (check === 'invalid') problems.push(`event ${event.seq} (${event.type}) has been rewritten: its signature does not match its hash`);
  }
  for (const seq of bySeq.keys()) problems.push(`event ${seq} was signed but is no longer there: the history has been cut short`);
  return problems;
}
