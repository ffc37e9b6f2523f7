import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { canonicalJson, sha256 } from '../plans/hash.js';
import { documentPdf, type OpenDocument } from './documents.service.js';

// An issued document never changes, and the part of its PDF that does (who
// has authorised it) changes only when someone authorises. So each PDF is
// rendered once for each state of its authorisations, kept in document_pdfs,
// and served from there: about 100 ms of CPU once, instead of on every
// download. The PDF shows the authorisations as at the latest of them (or
// the issue), so the same state always gives the same bytes.

/** Raise when the PDF's layout changes, so that PDFs rendered by older code are made again. */
const PDF_LAYOUT = 1;

type Open = Pick<OpenDocument, 'document' | 'content'>;

/** The state of a document's authorisations the PDF shows, and when it last changed. */
export function authorisationState(open: Open): { state: string; asOf: string } {
  const { document } = open;
  const signatures = document.signatures.map((s) => [s.role, s.user_id, s.authorised_at, s.statement, s.sha256_seen]);
  const asOf = document.signatures.reduce((latest, s) => (s.authorised_at && s.authorised_at > latest ? s.authorised_at : latest), document.issued_at);
  return { state: sha256(canonicalJson({ layout: PDF_LAYOUT, sha256: document.sha256, signatures })), asOf };
}

/** Renders under way in this process, so that many first downloads of one PDF render it once. */
const rendering = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

export async function storedPdf(db: Kysely<Database>, open: Open): Promise<Uint8Array<ArrayBuffer>> {
  const { state, asOf } = authorisationState(open);
  const documentId = open.document.id;
  const stored = await db.selectFrom('document_pdfs').select(['state', 'pdf']).where('document_id', '=', documentId).executeTakeFirst();
  if (stored?.state === state) return new Uint8Array(stored.pdf);
  const key = `${documentId} ${state}`;
  let pending = rendering.get(key);
  if (!pending) {
    pending = render(db, open, state, asOf).finally(() => rendering.delete(key));
    rendering.set(key, pending);
  }
  return pending;
}

async function render(db: Kysely<Database>, open: Open, state: string, asOf: string): Promise<Uint8Array<ArrayBuffer>> {
  const pdf = new Uint8Array(await documentPdf(open, asOf));
  const row = { document_id: open.document.id, state, pdf, rendered_at: new Date().toISOString() };
  // Another instance may have stored the same state meanwhile; the bytes are the same, so the last write is as good.
  await db.insertInto('document_pdfs').values(row)
    .onConflict((oc) => oc.column('document_id').doUpdateSet({ state, pdf, rendered_at: row.rendered_at })).execute();
  return pdf;
}
