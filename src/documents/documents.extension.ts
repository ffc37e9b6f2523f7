import type { Lookup, PlanExtensions, TransitionChange } from '../plans/plan.service.js';
import type { DocumentKind } from '../domain/options.js';
import type { DueSettings } from '../notifications/due-dates.js';
import { factsOf, findDocument, recordAuthorisation } from './documents.repository.js';
import { issueDocument } from './issue.js';
import { statementFor } from './statements.js';

// How documents join the plan service. The machine asks for a document with
// the action `issueDocument`; the server renders and stores it in the same
// transaction. An authorisation is decided by the machine from the facts
// looked up here, and the signature row is filled in when it commits.

/** The document an event names, as the machine needs it; null when this plan has no such document. */
const documentLookup = (async (trx, plan, payload) => {
  const found = await findDocument(trx, plan.id, String(payload.documentId));
  return { document: found ? factsOf(found) : null };
}) satisfies Lookup;

/** A person authorising: the document, and the statement they confirm (their own, written into the document). */
const authoriseLookup: Lookup = async (trx, plan, payload, actor) => {
  const found = await findDocument(trx, plan.id, String(payload.documentId));
  return { document: found ? factsOf(found) : null, statement: found ? statementFor(found, actor) : '' };
};

const isIssue = (action: { type: string; params?: unknown }): action is { type: 'issueDocument'; params: { kind: DocumentKind } } =>
  action.type === 'issueDocument' && typeof (action.params as { kind?: unknown } | undefined)?.kind === 'string';

async function onTransition(change: TransitionChange, settings: DueSettings): Promise<void> {
  for (const action of change.actions.filter(isIssue)) {
    await issueDocument(change.trx, {
      planId: change.planId, kind: action.params.kind, context: change.after.context, planVersion: change.version, at: change.event.at,
    }, settings);
  }
  if (change.event.type === 'AUTHORISE_DOCUMENT' && change.event.document) {
    const { event } = change;
    await recordAuthorisation(change.trx, event.document!.id, event.actor, event.at, event.statement, event.sha256);
  }
}

/** `settings` give each signatory's due date, for the reminder timers started when a document is issued. */
export function documentsExtension(deps: { settings: DueSettings }): PlanExtensions {
  return {
    // The scheduler's reminder names a document too: it gets the same facts as a person authorising it.
    lookups: { AUTHORISE_DOCUMENT: authoriseLookup, REMIND_SIGNATORY: documentLookup },
    onTransition: [(change) => onTransition(change, deps.settings)],
  };
}
