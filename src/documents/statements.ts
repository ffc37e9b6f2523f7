import { authorisationStatements } from '../../workflows/plan.documents.js';
import type { DocumentKind } from '../domain/options.js';
import { statementOf, type DocumentContent, type Party } from './content.js';

// The statement a signatory confirms. Since 1.1 each signatory's is written
// into the document itself, naming their own commitments (commitments.ts);
// documents issued before carry one statement for all signatories of a kind.

type Stored = { kind: string; content: string | DocumentContent };

const contentOf = (document: Stored): DocumentContent =>
  (typeof document.content === 'string' ? JSON.parse(document.content) as DocumentContent : document.content);

/** The party a person signs as, with their commitments when the document has them. */
export function signatoryIn(content: DocumentContent, who: { userId: string; role: string } | null): Party | undefined {
  return who ? content.signatories.find((p) => p.userId === who.userId && p.role === who.role) : undefined;
}

/** What `who` confirms by authorising this document. */
export function statementFor(document: Stored, who: { userId: string; role: string } | null): string {
  const commitments = signatoryIn(contentOf(document), who)?.commitments;
  return commitments ? statementOf(commitments) : authorisationStatements[document.kind as DocumentKind];
}
