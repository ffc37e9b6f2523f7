import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  planId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorRole: string;
  actorOrganisationId: string | null;
  at: string;
  payload: string;
  stateBefore: string | null;
  stateAfter: string;
  prevHash: string;
}

/** Each audit event's hash covers its own fields and the hash of the event before it. */
export const eventHash = (fields: HashedFields): string => sha256(canonicalJson(fields));
