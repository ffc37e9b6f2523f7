import type { OpenDocument } from './documents.service.js';
import { documentHref } from './documents.presenter.js';
import { renderPrintView } from './render.js';

// The print view of one version: its issued content, laid out as issued, with
// each signatory's authorisation as the service holds it at `now`. It is a page
// to print, not the issued file: that stays downloadable, byte for byte, for
// checking its fingerprint.

export function printView(open: Pick<OpenDocument, 'document' | 'content'>, now: string): string {
  const { document: d, content } = open;
  const states = content.signatories.map((p) => ({
    authorisedAt: d.signatures.find((s) => s.user_id === p.userId && s.role === p.role)?.authorised_at ?? null,
  }));
  return renderPrintView(content, { number: d.number, planVersion: d.plan_version, issuedAt: d.issued_at }, states, {
    backHref: documentHref(d.plan_id, d.id), asOf: now,
  });
}
