import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { sha256 } from '../plans/hash.js';
import { documentNames, isDocumentKind } from './names.js';

// Part of `npm run cli -- verify`: every issued document still holds exactly
// what was issued. Its HTML must hash to the stored SHA-256, the HTML must
// name the digest of the content the PDF is made from, and every fingerprint
// a signatory confirmed (in the signature row, and in the hash-chained audit
// trail) must be that same SHA-256.

export interface DocumentsReport {
  documents: number;
  /** Problems by plan id. */
  problems: Map<string, string[]>;
}

const CONTENT_DIGEST = /<meta name="document-content-sha256" content="([0-9a-f]{64})">/;

export async function verifyDocuments(db: Kysely<Database>): Promise<DocumentsReport> {
  const report: DocumentsReport = { documents: 0, problems: new Map() };
  const documents = await db.selectFrom('documents').select(['id', 'plan_id', 'kind', 'number', 'html', 'content', 'sha256'])
    .orderBy('plan_id').orderBy('kind').orderBy('number').execute();
  const signatures = await db.selectFrom('document_signatures').select(['document_id', 'sha256_seen']).where('sha256_seen', 'is not', null).execute();
  const audited = await db.selectFrom('plan_events').select(['plan_id', 'seq', 'payload']).where('type', '=', 'AUTHORISE_DOCUMENT').execute();
  const seenInAudit = new Map<string, string[]>();
  for (const event of audited) {
    const payload = JSON.parse(event.payload) as { documentId?: string; sha256?: string };
    if (payload.documentId && payload.sha256) seenInAudit.set(payload.documentId, [...(seenInAudit.get(payload.documentId) ?? []), payload.sha256]);
  }
  for (const d of documents) {
    report.documents += 1;
    const name = `the ${isDocumentKind(d.kind) ? documentNames[d.kind] : d.kind} (version ${d.number})`;
    const problems: string[] = [];
    if (sha256(d.html) !== d.sha256) problems.push(`${name} has been altered: its stored HTML does not match its SHA-256`);
    if (CONTENT_DIGEST.exec(d.html)?.[1] !== sha256(d.content)) problems.push(`${name}: its stored content does not match the content its HTML was made from`);
    const seen = [...signatures.filter((s) => s.document_id === d.id).map((s) => s.sha256_seen!), ...(seenInAudit.get(d.id) ?? [])];
    if (seen.some((h) => h !== d.sha256)) problems.push(`${name}: a signatory authorised a fingerprint other than the one stored for it`);
    if (problems.length) report.problems.set(d.plan_id, [...(report.problems.get(d.plan_id) ?? []), ...problems]);
  }
  return report;
}
