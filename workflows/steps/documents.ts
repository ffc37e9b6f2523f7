import { assign } from 'xstate';
import type { DocumentKind } from '../../src/domain/options.js';
import { signatoriesFor } from '../plan.documents.js';
import type { PlanContext, PlanEvent } from '../plan.types.js';
import { enqueue, named, when, type GuardArgs } from './common.js';

// The documents the process issues (DESIGN sections 6 and 11). The machine
// keeps each kind's current number and signatories, so it can tell when every
// signature is in (the application waits for them); the server renders and
// stores each version when the machine asks it to, with `issueDocument`.

export const issue = (kind: DocumentKind) => [
  { type: 'recordIssue', params: { kind } },
  { type: 'issueDocument', params: { kind } },
] as const;

/** The signatures each current document still waits for: [kind, signatory]. */
export function missingSignatures(context: PlanContext): Array<{ kind: DocumentKind; role: string; userId: string }> {
  return (Object.entries(context.issued) as Array<[DocumentKind, NonNullable<PlanContext['issued'][DocumentKind]>]>).flatMap(([kind, doc]) =>
    doc.signatories.filter((s) => !context.authorisations.some((a) => a.kind === kind && a.number === doc.number && a.by.userId === s.userId))
      .map((s) => ({ kind, role: s.role, userId: s.userId })));
}

/** Kinds whose current version still waits for this person's signature. */
export const owedBy = (context: PlanContext, userId: string): DocumentKind[] =>
  [...new Set(missingSignatures(context).filter((m) => m.userId === userId).map((m) => m.kind))];

export const documentGuards = {
  areAllDocumentsAuthorised: ({ context }: GuardArgs) => missingSignatures(context).length === 0,
  hasIssuedKind: when('REISSUE_DOCUMENT', (context, e) => context.issued[e.kind] !== undefined),
};

export const documentActions = {
  /** The next version of a kind, signed by whoever the plan names now. */
  recordIssue: assign<PlanContext, PlanEvent, { kind: DocumentKind }, PlanEvent, never>(({ context }, params) => nextIssue(context, params.kind)),
  /** Tells the server to issue a document from the new snapshot; the machine itself does no I/O. */
  issueDocument: (_: unknown, _params: { kind: DocumentKind }) => undefined,
  /** R&D or an administrator issues a new version of a kind, with a reason the history keeps. */
  reissue: enqueue(({ event, enqueue }) => {
    if (event.type !== 'REISSUE_DOCUMENT') return;
    for (const action of issue(event.kind)) enqueue(named(action));
  }),
};

/** The number and signatories of the next version of a kind. */
export const nextIssue = (context: PlanContext, kind: DocumentKind) => ({
  issued: { ...context.issued, [kind]: { number: (context.issued[kind]?.number ?? 0) + 1, signatories: signatoriesFor(kind, context) } },
});
