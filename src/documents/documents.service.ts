import { authorisationStatements } from '../../workflows/plan.documents.js';
import type { PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor, PlanEvent } from '../../workflows/plan.types.js';
import type { DocumentKind } from '../domain/options.js';
import type { Services } from '../http/context.js';
import { ConflictError, PlanError } from '../plans/errors.js';
import type { LoadedPlan } from '../plans/plan.service.js';
import type { DocumentContent } from './content.js';
import { factsOf, findDocument, type DocumentVersion, type FoundDocument } from './documents.repository.js';
import { renderPdf, type AuthorisationState } from './pdf.js';

// Reading and authorising issued documents for one person. Who may see a
// document is who may see its plan; who may authorise it is the machine's call.

/** A document id that is not one of this plan's: 404, like a plan one may not see. */
export class DocumentNotFoundError extends PlanError {
  constructor() { super('There is no such document for this plan.', 404); }
}

export interface OpenDocument {
  plan: LoadedPlan;
  document: FoundDocument;
  content: DocumentContent;
}

/** The document of a plan this person may see; not found (404) for anyone else, or for another plan's document. */
export async function openDocument(services: Services, planId: string, documentId: string, actor: Actor): Promise<OpenDocument> {
  const plan = await services.plans.load(planId, actor);
  const document = await findDocument(services.db.kysely, planId, documentId);
  if (!document) throw new DocumentNotFoundError();
  return { plan, document, content: JSON.parse(document.content) as DocumentContent };
}

/** The event this person would send to authorise the version they are reading. */
const authorisation = (document: DocumentVersion, actor: Actor, at: string): PlanEvent => ({
  type: 'AUTHORISE_DOCUMENT', actor, at, documentId: document.id, sha256: document.sha256,
  document: factsOf(document), statement: authorisationStatements[document.kind as DocumentKind],
});

/** Would the machine accept this person's authorisation of this version now? */
export const mayAuthorise = (snapshot: PlanSnapshot, document: DocumentVersion, actor: Actor, at: string) =>
  snapshot.can(authorisation(document, actor, at));

/**
 * Send AUTHORISE_DOCUMENT through the plan service with the hash the person
 * saw. Authorising does not depend on the plan's other data, so when another
 * change lands in between, it is sent once more at the new version.
 */
export async function authorise(services: Services, planId: string, actor: Actor, documentId: string, sha256: string) {
  for (let attempt = 0; ; attempt++) {
    const { row } = await services.plans.load(planId, actor);
    try {
      return await services.plans.send(planId, actor, { type: 'AUTHORISE_DOCUMENT', version: row.version, payload: { documentId, sha256 } });
    } catch (error) {
      const moved = error instanceof ConflictError && error.currentVersion !== undefined && error.currentVersion !== row.version;
      if (!moved || attempt >= 2) throw error;
    }
  }
}

/** Each signatory with their authorisation as the service holds it now. */
export function authorisationStates(open: Pick<OpenDocument, 'document' | 'content'>): AuthorisationState[] {
  return open.document.signatures.map((s) => ({
    party: open.content.signatories.find((p) => p.userId === s.user_id && p.role === s.role)
      ?? { role: s.role as AuthorisationState['party']['role'], userId: s.user_id, name: 'Unknown person', roleLabel: s.role, organisation: '' },
    authorisedAt: s.authorised_at, statement: s.statement, sha256Seen: s.sha256_seen,
  }));
}

export function documentPdf(open: Pick<OpenDocument, 'document' | 'content'>, asOf: string): Promise<Buffer> {
  const { document, content } = open;
  return renderPdf({
    content, sha256: document.sha256, asOf, authorisations: authorisationStates(open),
    stamp: { number: document.number, planVersion: document.plan_version, issuedAt: document.issued_at },
  });
}

/** "training-agreement-v2": the name a downloaded file is saved under. */
export const fileName = (document: { kind: string; number: number }, extension: 'html' | 'pdf') => `${document.kind}-v${document.number}.${extension}`;
