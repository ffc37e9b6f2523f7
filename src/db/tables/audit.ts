// The audit trail's anchor outside the database (src/audit): one signature
// of each audit event's hash, and the moment events written before signing
// began were signed.

export interface AuditSignaturesTable {
  plan_id: string;
  seq: number;
  /** Which key signed (src/audit/audit-keys.ts): the first 16 hex digits of the SHA-256 of its public key. */
  key_id: string;
  /** Ed25519 signature of the event's hash, base64url. */
  signature: string;
  signed_at: string;
}

export interface AuditAnchorsTable {
  id: string;
  anchored_at: string;
  key_id: string;
  /** How many events, written before signing began, were signed at that moment. */
  events: number;
  /** Signature of `anchor <anchored_at> <events>`. */
  signature: string;
}

export interface AuditTables {
  audit_signatures: AuditSignaturesTable;
  audit_anchors: AuditAnchorsTable;
}
