import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { signatoriesFor } from '../../workflows/plan.documents.js';
import type { PlanContext } from '../../workflows/plan.types.js';
import { inTransaction, type Db } from '../db/connect.js';
import type { Database } from '../db/database.js';
import type { DocumentKind } from '../domain/options.js';
import type { DueSettings } from '../notifications/due-dates.js';
import { startSignatureTimers } from '../notifications/signature-timers.js';
import { canonicalJson, sha256 } from '../plans/hash.js';
import { findPlan } from '../plans/plan.repository.js';
import { restoreSnapshot } from '../../workflows/plan.status.js';
import { buildContent } from './build.js';
import type { DocumentContent, Stamp } from './content.js';
import { insertDocument, latestOfKind, type DocumentRow } from './documents.repository.js';
import { lookUpPeople } from './people.js';
import { planReference } from './reference.js';
import { renderDocument } from './render.js';

// Issuing: render a document from a plan snapshot and store it, frozen, with
// the people who must authorise it and their reminder timers (due after
// DUE_DAYS_AUTHORISATION). Done inside the caller's transaction, so a document
// exists exactly when the change that produced it was committed.

export interface IssueRequest {
  planId: string;
  kind: DocumentKind;
  context: PlanContext;
  planVersion: number;
  /** The time of the event that issues it: rendering reads no clock of its own. */
  at: string;
}

export async function contentFor(trx: Kysely<Database>, r: Pick<IssueRequest, 'planId' | 'kind' | 'context'>): Promise<DocumentContent> {
  return buildContent(r.kind, r.planId, r.context, await lookUpPeople(trx, r.context), await planReference(trx, r.planId));
}

/**
 * `askToAuthorise` is false for a version issued after the plan finished: the
 * machine accepts no authorisation then, so nobody is asked or reminded.
 */
async function store(
  trx: Kysely<Database>, r: IssueRequest, content: DocumentContent, stamp: Stamp, settings: DueSettings, askToAuthorise = true,
): Promise<DocumentRow> {
  const html = renderDocument(content, stamp);
  const row: DocumentRow = {
    id: randomUUID(), plan_id: r.planId, kind: r.kind, number: stamp.number, plan_version: r.planVersion,
    content: canonicalJson(content), html, sha256: sha256(html), issued_at: r.at,
  };
  // A 1.1 plan's machine names the version's signatories itself; a 1.0 plan's are worked out as 1.0 did.
  const signatures = (r.context.issued?.[r.kind]?.signatories ?? signatoriesFor(r.kind, r.context)).map((s, position) => ({
    document_id: row.id, position, role: s.role, user_id: s.userId, authorised_at: null, statement: null, sha256_seen: null,
  }));
  await insertDocument(trx, row, signatures);
  if (!askToAuthorise) return row;
  // Each signatory is asked by the notifications extension, in the same transaction (src/notifications/ask-notices.ts).
  await startSignatureTimers(trx, {
    planId: r.planId, documentId: row.id, kind: r.kind, issuedAt: r.at, signatories: signatures.map((s) => ({ userId: s.user_id })),
  }, settings);
  return row;
}

/**
 * Issue the next version of a kind, whatever the last one said: the process asked for it. A 1.1 plan's
 * machine has already numbered it (so its record of signatures and the stored version agree).
 */
export async function issueDocument(trx: Kysely<Database>, r: IssueRequest, settings: DueSettings): Promise<DocumentRow> {
  const latest = await latestOfKind(trx, r.planId, r.kind);
  const content = await contentFor(trx, r);
  const number = r.context.issued?.[r.kind]?.number ?? (latest?.number ?? 0) + 1;
  return store(trx, r, content, { number, planVersion: r.planVersion, issuedAt: r.at }, settings);
}
