import type { Kysely } from 'kysely';
import type { Actor } from '../../workflows/plan.types.js';
import type { Database } from '../db/database.js';
import type { Services } from '../http/context.js';
import { canonicalJson, sha256 } from '../plans/hash.js';
import { listDocuments, type DocumentSummary } from './documents.repository.js';
import { DocumentNotFoundError, documentPdf, openDocument, type OpenDocument } from './documents.service.js';

// An issued document never changes, and the part of its PDF that does (who
// has authorised it) changes only when someone authorises. So each PDF is
// rendered once for each state of its authorisations, kept in document_pdfs,
// and served from there: about 100 ms of CPU once, instead of on every
// download. The PDF shows the authorisations as at the latest of them (or
// the issue), so the same state always gives the same bytes. Serving a
// stored PDF needs only the document's listing entry, not its HTML or content.

/** Raise when the PDF's layout changes, so that PDFs rendered by older code are made again. */
const PDF_LAYOUT = 1;

type Listed = Pick<DocumentSummary, 'id' | 'sha256' | 'issued_at' | 'signatures'>;
type Open = Pick<OpenDocument, 'document' | 'content'>;
type Bytes = Uint8Array<ArrayBuffer>;

/** The state of a document's authorisations the PDF shows, and when it last changed. */
export function authorisationState(document: Listed): { state: string; asOf: string } {
  const signatures = document.signatures.map((s) => [s.role, s.user_id, s.authorised_at, s.statement, s.sha256_seen]);
  const asOf = document.signatures.reduce((latest, s) => (s.authorised_at && s.authorised_at > latest ? s.authorised_at : latest), document.issued_at);
  return { state: sha256(canonicalJson({ layout: PDF_LAYOUT, sha256: document.sha256, signatures })), asOf };
}

/** Renders under way in this process, so that many first downloads of one PDF render it once. */
const rendering = new Map<string, Promise<Bytes>>();

/** The PDF of `document` as its authorisations stand; `open` reads the whole document, only when it must be rendered. */
export async function storedPdf(db: Kysely<Database>, document: Listed, open: () => Promise<Open>): Promise<Bytes> {
  const { state, asOf } = authorisationState(document);
  const stored = await db.selectFrom('document_pdfs').select(['state', 'pdf']).where('document_id', '=', document.id).executeTakeFirst();
  // The driver's own buffer, not a copy: it is sent as it is.
  if (stored?.state === state) return stored.pdf as Bytes;
  const key = `${document.id} ${state}`;
  let pending = rendering.get(key);
  if (!pending) {
    pending = open().then((opened) => render(db, opened, state, asOf)).finally(() => rendering.delete(key));
    rendering.set(key, pending);
  }
  return pending;
}

async function render(db: Kysely<Database>, open: Open, state: string, asOf: string): Promise<Bytes> {
  const pdf = new Uint8Array(await documentPdf(open, asOf));
  const row = { document_id: open.document.id, state, pdf, rendered_at: new Date().toISOString() };
  // Another instance may have stored the same state meanwhile; the bytes are the same, so the last write is as good.
  await db.insertInto('document_pdfs').values(row)
    .onConflict((oc) => oc.column('document_id').doUpdateSet({ state, pdf, rendered_at: row.rendered_at })).execute();
  return pdf;
}

/** A document's PDF for this person: 404 (as for its plan) when they may not see it. */
export async function pdfFor(services: Services, planId: string, documentId: string, actor: Actor): Promise<{ bytes: Bytes; document: DocumentSummary }> {
  const { row } = await services.plans.load(planId, actor);
  const document = (await listDocuments(services.db.kysely, row.id)).find((d) => d.id === documentId);
  if (!document) throw new DocumentNotFoundError();
  return { bytes: await storedPdf(services.db.kysely, document, () => openDocument(services, planId, documentId, actor)), document };
}
