import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';
import type { DocumentsTable, DocumentSignaturesTable } from '../db/tables/documents.js';
import type { DocumentKind } from '../domain/options.js';
import type { DocumentFacts } from '../../workflows/plan.types.js';

// Every query on issued documents and their signatures. Functions take the
// database or a transaction first, so the caller decides the transaction.

export type DocumentRow = Selectable<DocumentsTable>;
export type SignatureRow = Selectable<DocumentSignaturesTable>;

/** A document as listed: everything but its (large) HTML and content. */
export type DocumentSummary = Omit<DocumentRow, 'html' | 'content'> & { current: boolean; signatures: SignatureRow[] };

const summaryColumns = ['id', 'plan_id', 'kind', 'number', 'plan_version', 'sha256', 'issued_at'] as const;

export async function insertDocument(db: Kysely<Database>, row: DocumentRow, signatures: SignatureRow[]): Promise<void> {
  await db.insertInto('documents').values(row).execute();
  if (signatures.length) await db.insertInto('document_signatures').values(signatures).execute();
}

export async function latestOfKind(db: Kysely<Database>, planId: string, kind: DocumentKind): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('plan_id', '=', planId).where('kind', '=', kind)
    .orderBy('number', 'desc').limit(1).executeTakeFirst();
}

async function signaturesOf(db: Kysely<Database>, documentIds: string[]): Promise<Map<string, SignatureRow[]>> {
  const rows = documentIds.length
    ? await db.selectFrom('document_signatures').selectAll().where('document_id', 'in', documentIds).orderBy('document_id').orderBy('position').execute()
    : [];
  const byDocument = new Map<string, SignatureRow[]>(documentIds.map((id) => [id, []]));
  for (const row of rows) byDocument.get(row.document_id)?.push(row);
  return byDocument;
}

/** The plan's documents, by kind and then newest first; `current` marks the latest of each kind. */
export async function listDocuments(db: Kysely<Database>, planId: string): Promise<DocumentSummary[]> {
  // On every plan page: built once (src/db/prepared.ts).
  const { rows } = await runPrepared(db, 'listDocuments', () => db.selectFrom('documents').select(summaryColumns)
    .where('plan_id', '=', param('planId')).orderBy('kind').orderBy('number', 'desc'), { planId });
  const signatures = await signaturesOf(db, rows.map((r) => r.id));
  const latest = new Map<string, number>();
  for (const row of rows) latest.set(row.kind, Math.max(latest.get(row.kind) ?? 0, row.number));
  return rows.map((row) => ({ ...row, current: latest.get(row.kind) === row.number, signatures: signatures.get(row.id) ?? [] }));
}

/** One document of one plan, with its signatures and whether it is current; undefined when the plan has no such document. */
export async function findDocument(db: Kysely<Database>, planId: string, documentId: string) {
  const row = await db.selectFrom('documents').selectAll().where('plan_id', '=', planId).where('id', '=', documentId).executeTakeFirst();
  if (!row) return undefined;
  const latest = await db.selectFrom('documents').select((eb) => eb.fn.max('number').as('n'))
    .where('plan_id', '=', planId).where('kind', '=', row.kind).executeTakeFirst();
  const signatures = (await signaturesOf(db, [row.id])).get(row.id) ?? [];
  return { ...row, current: Number(latest?.n) === row.number, signatures };
}

export type FoundDocument = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

/** A found or listed document: enough to decide an authorisation, without the stored HTML. */
export type DocumentVersion = Pick<FoundDocument, 'id' | 'kind' | 'number' | 'sha256' | 'current' | 'signatures'>;

/** What the machine needs to decide an authorisation. */
export const factsOf = (doc: DocumentVersion): DocumentFacts => ({
  id: doc.id, kind: doc.kind as DocumentKind, number: doc.number, sha256: doc.sha256, current: doc.current,
  signatories: doc.signatures.map((s) => ({ role: s.role as DocumentFacts['signatories'][number]['role'], userId: s.user_id })),
});

export async function recordAuthorisation(
  db: Kysely<Database>, documentId: string, signatory: { userId: string; role: string }, at: string, statement: string, sha256: string,
): Promise<void> {
  await db.updateTable('document_signatures').set({ authorised_at: at, statement, sha256_seen: sha256 })
    .where('document_id', '=', documentId).where('user_id', '=', signatory.userId).where('role', '=', signatory.role)
    .where('authorised_at', 'is', null).execute();
}

/**
 * Signatures this person, in this role, has still to give on the current version of a document of a plan
 * that is not finished (`finalStates`): read from the columns alone, so that lists never parse snapshots.
 */
export async function pendingSignatures(db: Kysely<Database>, signatory: { userId: string; role: string }, finalStates: string[]) {
  // On every dashboard: built once per set of final states (src/db/prepared.ts).
  const { rows } = await runPrepared(db, `pendingSignatures:${finalStates.join(',')}`, () => db.selectFrom('document_signatures as s')
    .innerJoin('documents as d', 'd.id', 's.document_id')
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .select(['d.id', 'd.plan_id', 'd.kind', 'd.number', 'd.issued_at', 's.role', 'p.title'])
    .where('s.user_id', '=', param('userId')).where('s.role', '=', param('role')).where('s.authorised_at', 'is', null)
    .where('p.top_state', 'not in', finalStates)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('documents as newer').select('newer.id')
      .whereRef('newer.plan_id', '=', 'd.plan_id').whereRef('newer.kind', '=', 'd.kind').whereRef('newer.number', '>', 'd.number'))))
    .orderBy('d.issued_at'), { userId: signatory.userId, role: signatory.role });
  return rows;
}

/** Every issued document with its stored HTML, for verification. */
export function allDocuments(db: Kysely<Database>) {
  return db.selectFrom('documents').select(['id', 'plan_id', 'kind', 'number', 'html', 'sha256']).orderBy('plan_id').orderBy('kind').orderBy('number').execute();
}
