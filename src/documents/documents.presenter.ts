import Handlebars from 'handlebars';
import type { Actor } from '../../workflows/plan.types.js';
import { documentKinds, type DocumentKind } from '../domain/options.js';
import { formatDateTime } from '../presenters/format.js';
import type { DocumentSummary } from './documents.repository.js';
import { authorisationStates, fileName, type OpenDocument } from './documents.service.js';
import { documentNames } from './names.js';
import type { NextSignature } from './next-signature.js';
import { documentReference } from './reference.js';
import { documentBody } from './render.js';
import { signatoryIn, statementFor } from './statements.js';

// What the document pages show: the issued version itself, who has
// authorised it (read live, outside the frozen file), and the form to
// authorise it for the person who still has to, with their own statement.
// Fingerprints and identifiers are kept in "Technical details".

export const documentHref = (planId: string, documentId: string) => `/plans/${planId}/documents/${documentId}`;
export const documentsHref = (planId: string) => `/plans/${planId}/documents`;
export const printHref = (planId: string, documentId: string) => `${documentHref(planId, documentId)}/print`;

const titleOf = (kind: string) => documentKinds[kind as DocumentKind] ?? kind;

/** The live signature panel: each signatory and their authorisation, or that it is still to come. */
export function signaturePanel(open: Pick<OpenDocument, 'document' | 'content'>) {
  return authorisationStates(open).map((a) => ({
    name: a.party.name,
    role: `${a.party.roleLabel}${a.party.organisation ? `, ${a.party.organisation}` : ''}`,
    authorised: a.authorisedAt !== null,
    at: a.authorisedAt ? formatDateTime(a.authorisedAt) : '',
    statement: a.statement ?? '',
    sha256Seen: a.sha256Seen ?? '',
  }));
}

export interface ShowOptions {
  actor: Actor;
  mayAuthorise: boolean;
  versions: DocumentSummary[];
  /** After this person authorised: the next document waiting for them, or null when none is left. */
  next?: NextSignature | null;
}

/** The statement the reader confirms: their commitments (1.1) or the one statement of an older document. */
function statementShown(open: OpenDocument, actor: Actor) {
  const mine = signatoryIn(open.content, actor)?.commitments;
  return mine ? { lead: mine.lead, points: mine.points } : { lead: statementFor(open.document, actor), points: [] };
}

export function presentDocument(open: OpenDocument, options: ShowOptions) {
  const { document: d, plan } = open;
  const planId = plan.row.id;
  const current = options.versions.find((v) => v.kind === d.kind && v.current);
  const base = documentHref(planId, d.id);
  const signatures = signaturePanel(open);
  const reference = documentReference(open.content, d.number);
  return {
    title: `${titleOf(d.kind)}${reference ? ` (${reference})` : `, version ${d.number}`}`,
    heading: titleOf(d.kind),
    plan: { id: planId, title: plan.snapshot.context.title, href: `/plans/${planId}` },
    document: {
      id: d.id, kind: titleOf(d.kind), name: documentNames[d.kind as DocumentKind] ?? d.kind, number: d.number, reference, current: d.current,
      sha256: d.sha256, contentDigest: /<meta name="document-content-sha256" content="([0-9a-f]{64})">/.exec(d.html)?.[1] ?? '',
      planVersion: d.plan_version, issuedAt: formatDateTime(d.issued_at), htmlHref: `${base}.html`, pdfHref: `${base}.pdf`, printHref: printHref(planId, d.id),
      htmlName: fileName(d, 'html'), pdfName: fileName(d, 'pdf'),
      currentHref: current && current.id !== d.id ? documentHref(planId, current.id) : null,
      currentNumber: current?.number ?? d.number,
      authorised: signatures.filter((s) => s.authorised).length, signatories: signatures.length,
    },
    signatures,
    form: options.mayAuthorise ? {
      action: `${base}/authorisations`, sha256: d.sha256, statement: statementShown(open, options.actor),
      items: [{ value: 'yes', text: 'I confirm the statement above' }],
    } : null,
    afterSigning: options.next === undefined ? null : { next: options.next },
    versions: options.versions.filter((v) => v.kind === d.kind).map((v) => ({
      number: v.number, href: documentHref(planId, v.id), issuedAt: formatDateTime(v.issued_at), current: v.current, viewing: v.id === d.id,
    })),
    // The stored, hashed HTML exactly as issued: the output of the escaped document templates, never raw user input.
    documentHtml: new Handlebars.SafeString(documentBody(d.html)),
  };
}

/** Every issued version of a plan, grouped by kind, current first. */
export function presentDocumentList(planId: string, documents: DocumentSummary[]) {
  return (Object.keys(documentKinds) as DocumentKind[]).map((kind) => {
    const versions = documents.filter((d) => d.kind === kind);
    return {
      kind, title: documentKinds[kind], name: documentNames[kind], issued: versions.length > 0,
      versions: versions.map((v) => ({
        number: v.number, href: documentHref(planId, v.id), current: v.current, issuedAt: formatDateTime(v.issued_at), planVersion: v.plan_version,
        authorised: v.signatures.filter((s) => s.authorised_at).length, signatories: v.signatures.length,
      })),
    };
  });
}
