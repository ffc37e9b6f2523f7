import type { DocumentKind } from '../domain/options.js';

// How a document kind reads inside a sentence: "authorised the training agreement (version 1)".
export const documentNames: Record<DocumentKind, string> = {
  'training-agreement': 'training agreement',
  'meeting-record': 'supervisor meeting record',
  'letter-of-support': 'letter of support',
  'supervisor-letter': "supervisor's letter of support",
};

export const isDocumentKind = (value: unknown): value is DocumentKind =>
  typeof value === 'string' && Object.hasOwn(documentNames, value);

/** "Sam Patel (manager) authorised the training agreement (version 1)", from an AUTHORISE_DOCUMENT audit payload. */
export function authorisationSentence(who: string, payload: Record<string, unknown>): string {
  const document = payload.document as { kind?: unknown; number?: unknown } | null | undefined;
  return document && isDocumentKind(document.kind)
    ? `${who} authorised the ${documentNames[document.kind]} (version ${String(document.number)})`
    : `${who} authorised a document`;
}
