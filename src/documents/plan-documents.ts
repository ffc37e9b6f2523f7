import type { Kysely } from 'kysely';
import { finalStates, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor } from '../../workflows/plan.types.js';
import type { Database } from '../db/database.js';
import { documentKinds, type DocumentKind } from '../domain/options.js';
import { listDocuments, pendingSignatures } from './documents.repository.js';
import { mayAuthorise } from './documents.service.js';
import { documentNames } from './names.js';

// The "Documents" part of the plan page and the documents in "Waiting for
// you": the current version of each kind, and whether this person still has
// to authorise it (the machine decides, as for every other action).

export interface PlanDocumentLink {
  title: string;
  href: string;
  /** The current version's number; null when only the kind is known. */
  version: number | null;
  /** This person still has to authorise the current version. */
  pending: boolean;
}

export const latestDocumentHref = (planId: string, kind: DocumentKind) => `/plans/${planId}/documents/latest/${kind}`;

/** From the stored documents: exact. */
export async function planDocuments(db: Kysely<Database>, snapshot: PlanSnapshot, actor: Actor, at: string): Promise<PlanDocumentLink[]> {
  const planId = snapshot.context.planId;
  // The listing carries each version's hash and signatures: enough for the machine, without the stored HTML.
  return (await listDocuments(db, planId)).filter((d) => d.current).map((d) => ({
    title: documentKinds[d.kind as DocumentKind], href: `/plans/${planId}/documents/${d.id}`, version: d.number,
    pending: mayAuthorise(snapshot, d, actor, at),
  }));
}

/**
 * Every current document this person may authorise now, across their plans, for "Waiting for you". The
 * columns say exactly what the machine's guards check (a named signatory, the current version, not yet
 * authorised, a plan still open), and a test holds the two to the same answer.
 */
export async function documentsAwaiting(db: Kysely<Database>, actor: Actor) {
  return (await pendingSignatures(db, actor, finalStates)).map((row) => ({
    planId: row.plan_id, planTitle: row.title, title: documentNames[row.kind as DocumentKind], number: row.number,
    href: `/plans/${row.plan_id}/documents/${row.id}`, issuedAt: row.issued_at,
  }));
}
