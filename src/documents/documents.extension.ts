import type { Lookup, PlanExtensions, TransitionChange } from '../plans/plan.service.js';
import { authorisationStatements } from '../../workflows/plan.documents.js';
import type { DocumentKind } from '../domain/options.js';
import { factsOf, findDocument, recordAuthorisation } from './documents.repository.js';
import { issueDocument } from './issue.js';

// How documents join the plan service. The machine asks for a document with
// the action `issueDocument`; the server renders and stores it in the same
// transaction. An authorisation is decided by the machine from the facts
// looked up here, and the signature row is filled in when it commits.

/** The document being authorised, as the machine needs it; null when this plan has no such document. */
const authoriseLookup: Lookup = async (trx, plan, payload) => {
  const found = await findDocument(trx, plan.id, String(payload.documentId));
  return {
    document: found ? factsOf(found) : null,
    statement: found ? authorisationStatements[found.kind as DocumentKind] : '',
  };
};

const isIssue = (action: { type: string; params?: unknown }): action is { type: 'issueDocument'; params: { kind: DocumentKind } } =>
  action.type === 'issueDocument' && typeof (action.params as { kind?: unknown } | undefined)?.kind === 'string';

async function onTransition(change: TransitionChange): Promise<void> {
  for (const action of change.actions.filter(isIssue)) {
    await issueDocument(change.trx, {
      planId: change.planId, kind: action.params.kind, context: change.after.context, planVersion: change.version, at: change.event.at,
    });
  }
  if (change.event.type === 'AUTHORISE_DOCUMENT' && change.event.document) {
    const { event } = change;
    await recordAuthorisation(change.trx, event.document!.id, event.actor, event.at, event.statement, event.sha256);
  }
}

export function documentsExtension(): PlanExtensions {
  return { lookups: { AUTHORISE_DOCUMENT: authoriseLookup }, onTransition: [onTransition] };
}
