import type { PlanSnapshot } from '../../workflows/plan.status.js';
import type { PlanEvent } from '../../workflows/plan.types.js';
import { missingSignatures } from '../../workflows/steps/documents.js';

// For tests of the machine alone (no server): the authorisations a plan still
// waits for, each with the document facts the server would add.

export const FAKE_SHA = 'a'.repeat(64);
export const fakeDocumentId = (kind: string, number: number) => `${kind}-v${number}`;

export function pendingAuthorisations(s: PlanSnapshot, at: string): PlanEvent[] {
  const { context } = s;
  return missingSignatures(context).map(({ kind, role, userId }) => {
    const issued = context.issued[kind]!;
    const document = { id: fakeDocumentId(kind, issued.number), kind, number: issued.number, sha256: FAKE_SHA, current: true, signatories: issued.signatories };
    return {
      type: 'AUTHORISE_DOCUMENT', actor: { userId, role, organisationId: context.organisationId }, at,
      documentId: document.id, sha256: FAKE_SHA, document, statement: 'I have read it and I agree.',
    } as PlanEvent;
  });
}
