import { Hono, type Context } from 'hono';
import { listDocuments, type DocumentSummary } from '../../documents/documents.repository.js';
import { authorise, fileName, openDocument } from '../../documents/documents.service.js';
import { pdfFor } from '../../documents/stored-pdf.js';
import { authorisationRequestSchema, reissueRequestSchema, type ApiDocument } from '../../documents/documents.openapi.js';
import { ConflictError } from '../../plans/errors.js';
import { actorOf, type AppEnv } from '../context.js';
import { requireUser } from '../render.js';
import { parseOrRefuse, readJsonObject } from './request.js';

// The documents API (DESIGN section 6). Who may see a document is who may see
// its plan (404 otherwise); whether someone may authorise it is the machine's
// decision, reached through the plan service like every other event.

export const apiDocument = (d: Omit<DocumentSummary, 'plan_id'>): ApiDocument => ({
  id: d.id, kind: d.kind as ApiDocument['kind'], version: d.number, planVersion: d.plan_version, sha256: d.sha256, current: d.current, issuedAt: d.issued_at,
  signatories: d.signatures.map((s) => ({ role: s.role as ApiDocument['signatories'][number]['role'], userId: s.user_id, authorisedAt: s.authorised_at })),
});

/** The representation asked for: PDF, JSON (the listing entry) or, by default, the issued HTML. */
function preferred(c: Context): 'pdf' | 'json' | 'html' {
  const accept = (c.req.header('accept') ?? '').split(',').map((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: type ?? '', q: q ? Number(q.slice(2)) : 1 };
  }).filter((a) => a.q > 0).sort((a, b) => b.q - a.q);
  const first = accept.find((a) => ['application/pdf', 'application/json', 'text/html'].includes(a.type));
  return first?.type === 'application/pdf' ? 'pdf' : first?.type === 'application/json' ? 'json' : 'html';
}

export const documentsApi = new Hono<AppEnv>()
  .get('/v1/plans/:id/documents', async (c) => {
    const user = requireUser(c);
    const { plans, db } = c.get('services');
    const { row } = await plans.load(c.req.param('id'), actorOf(user));
    return c.json({ documents: (await listDocuments(db.kysely, row.id)).map(apiDocument) });
  })
  // Reissuing is an event of the plan (DESIGN section 11): R&D or an administrator, with a reason, always a new version.
  .post('/v1/plans/:id/documents/reissue', async (c) => {
    const user = requireUser(c);
    const services = c.get('services');
    const planId = c.req.param('id');
    const { row } = await services.plans.load(planId, actorOf(user));
    const payload = parseOrRefuse(reissueRequestSchema, await readJsonObject(c));
    await services.plans.send(planId, actorOf(user), { type: 'REISSUE_DOCUMENT', version: row.version, payload });
    const found = (await listDocuments(services.db.kysely, planId)).find((d) => d.kind === payload.kind && d.current)!;
    return c.json({ issued: true, document: apiDocument(found) }, 201);
  })
  .get('/v1/plans/:id/documents/:documentId', async (c) => {
    const user = requireUser(c);
    const services = c.get('services');
    const format = preferred(c);
    if (format === 'pdf') {
      const { bytes, document } = await pdfFor(services, c.req.param('id'), c.req.param('documentId'), actorOf(user));
      return c.body(bytes, 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${fileName(document, 'pdf')}"` });
    }
    const open = await openDocument(services, c.req.param('id'), c.req.param('documentId'), actorOf(user));
    if (format === 'json') return c.json(apiDocument(open.document));
    return c.body(open.document.html, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': `inline; filename="${fileName(open.document, 'html')}"` });
  })
  .post('/v1/plans/:id/documents/:documentId/authorisations', async (c) => {
    const user = requireUser(c);
    const services = c.get('services');
    const { id: planId, documentId } = c.req.param();
    const { sha256 } = parseOrRefuse(authorisationRequestSchema, await readJsonObject(c));
    await openDocument(services, planId, documentId, actorOf(user));
    const { row } = await authorise(services, planId, actorOf(user), documentId, sha256);
    const open = await openDocument(services, planId, documentId, actorOf(user));
    const mine = open.document.signatures.find((s) => s.user_id === user.id && s.role === user.role);
    return c.json({ documentId, role: user.role, userId: user.id, authorisedAt: mine?.authorised_at ?? null, sha256, planVersion: row.version }, 201);
  });
