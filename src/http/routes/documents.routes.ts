import fs from 'node:fs';
import { Hono, type Context } from 'hono';
import path from 'node:path';
import { DOCUMENT_CSS_FILE } from '../../documents/render.js';
import { nextSignature } from '../../documents/next-signature.js';
import { printView } from '../../documents/print-view.js';
import { ROOT } from '../../paths.js';
import { latestOfKind, listDocuments } from '../../documents/documents.repository.js';
import { authorise, DocumentNotFoundError, fileName, mayAuthorise, openDocument } from '../../documents/documents.service.js';
import { pdfFor } from '../../documents/stored-pdf.js';
import { documentHref, documentsHref, presentDocument, presentDocumentList } from '../../documents/documents.presenter.js';
import { availableEvents } from '../../../workflows/plan.decide.js';
import { meetingCalendar } from '../../documents/meeting-calendar.js';
import { isDocumentKind } from '../../documents/names.js';
import { ConflictError, InvalidInputError, PlanNotFoundError } from '../../plans/errors.js';
import { field, readForm } from '../body.js';
import { actorOf, type AppEnv } from '../context.js';
import { renderPage, requireUser } from '../render.js';

// Document pages for people: the list of a plan's documents, one issued
// version with its live authorisations and the form to authorise it (then the
// next document waiting for the same person), the print view, the downloads
// (the issued HTML file and the PDF), and the meeting's calendar file.

type Ctx = Context<AppEnv>;

const messages: Record<string, string> = {
  reissued: 'A new version has been issued from the plan as it is now',
  'up-to-date': 'The latest version already matches the plan: no new version was needed',
};

let css: string | undefined;
let printScript: string | undefined;

/** One version's page; `problem` re-shows it after a refused authorisation. */
async function showPage(c: Ctx, planId: string, documentId: string, problem?: { status: 409 | 422; message: string }) {
  const user = requireUser(c);
  const { db, clock } = c.get('services');
  const open = await openDocument(c.get('services'), planId, documentId, actorOf(user));
  const versions = await listDocuments(db.kysely, planId);
  const done = c.req.query('done');
  const actor = actorOf(user);
  const page = presentDocument(open, {
    actor, versions, mayAuthorise: mayAuthorise(open.plan.snapshot, open.document, actor, clock().toISOString()),
    // Just authorised: what is next for this person.
    ...(done === 'authorised' && !problem ? { next: await nextSignature(db.kysely, actor, planId) } : {}),
  });
  return renderPage(c, 'documents/show', {
    ...page,
    flash: done && messages[done] ? messages[done] : null,
    conflict: problem?.status === 409 ? problem.message : null,
    errors: problem?.status === 422 ? { confirm: problem.message } : {},
    backLink: { href: documentsHref(planId), text: 'Back to the documents' },
  }, problem?.status ?? 200);
}

/** A download of one issued version: the stored HTML byte for byte, or the PDF made from the same content (stored-pdf.ts). */
async function download(c: Ctx, planId: string, documentId: string, format: 'html' | 'pdf') {
  const user = requireUser(c);
  const services = c.get('services');
  const disposition = (name: string) => `attachment; filename="${name}"`;
  if (format === 'pdf') {
    const { bytes, document } = await pdfFor(services, planId, documentId, actorOf(user));
    return c.body(bytes, 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': disposition(fileName(document, 'pdf')) });
  }
  const open = await openDocument(services, planId, documentId, actorOf(user));
  // Saved and opened from disk, the file prints with its own inline stylesheet (the site's CSP would block it here).
  return c.body(open.document.html, 200, {
    'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': disposition(fileName(open.document, 'html')),
  });
}

export const documentRoutes = new Hono<AppEnv>()
  .get('/documents/document.css', (c) => {
    css ??= fs.readFileSync(DOCUMENT_CSS_FILE, 'utf8');
    return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
  })
  .get('/documents/print.js', (c) => {
    printScript ??= fs.readFileSync(path.join(ROOT, 'public', 'print.js'), 'utf8');
    return c.body(printScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
  })
  .get('/plans/:id/documents', async (c) => {
    const user = requireUser(c);
    const { db, plans } = c.get('services');
    const loaded = await plans.load(c.req.param('id'), actorOf(user));
    const { row, snapshot } = loaded;
    const done = c.req.query('done');
    return renderPage(c, 'documents/list', {
      title: `Documents of ${snapshot.context.title}`,
      plan: { id: row.id, title: snapshot.context.title, href: `/plans/${row.id}` },
      // Issuing a new version is R&D's or an administrator's, with a reason (the machine says who, when).
      mayReissue: availableEvents(snapshot, loaded.actor!).includes('REISSUE_DOCUMENT'),
      kinds: presentDocumentList(row.id, await listDocuments(db.kysely, row.id)),
      flash: done && messages[done] ? messages[done] : null,
      backLink: { href: `/plans/${row.id}`, text: 'Back to the plan' },
    });
  })
  .get('/plans/:id/meeting.ics', async (c) => {
    const user = requireUser(c);
    const { db, plans } = c.get('services');
    const { snapshot } = await plans.load(c.req.param('id'), actorOf(user));
    const calendar = await meetingCalendar(db.kysely, snapshot);
    if (!calendar) throw new PlanNotFoundError();
    return c.body(calendar, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'attachment; filename="supervisor-meeting.ics"' });
  })
  .get('/plans/:id/documents/latest/:kind', async (c) => {
    const user = requireUser(c);
    const { db, plans } = c.get('services');
    const kind = c.req.param('kind');
    const { row } = await plans.load(c.req.param('id'), actorOf(user));
    const latest = isDocumentKind(kind) ? await latestOfKind(db.kysely, row.id, kind) : undefined;
    if (!latest) throw new DocumentNotFoundError();
    return c.redirect(documentHref(row.id, latest.id), 302);
  })
  // A page to print from, in the browser: the document with its authorisations as they stand.
  .get('/plans/:id/documents/:documentId/print', async (c) => {
    const user = requireUser(c);
    const services = c.get('services');
    const open = await openDocument(services, c.req.param('id'), c.req.param('documentId'), actorOf(user));
    return c.html(printView(open, services.clock().toISOString()));
  })
  .get('/plans/:id/documents/:file', async (c) => {
    const [, documentId, format] = /^(.+?)(?:\.(html|pdf))?$/.exec(c.req.param('file')) ?? [];
    if (format) return download(c, c.req.param('id'), documentId!, format as 'html' | 'pdf');
    return showPage(c, c.req.param('id'), documentId!);
  })
  .post('/plans/:id/documents/:documentId/authorisations', async (c) => {
    const user = requireUser(c);
    const { id: planId, documentId } = c.req.param();
    const body = await readForm(c);
    if (field(body, 'confirm') !== 'yes') {
      return showPage(c, planId, documentId, { status: 422, message: 'Tick the box to confirm the statement before you authorise' });
    }
    try {
      await openDocument(c.get('services'), planId, documentId, actorOf(user));
      await authorise(c.get('services'), planId, actorOf(user), documentId, field(body, 'sha256'));
    } catch (error) {
      if (error instanceof ConflictError) return showPage(c, planId, documentId, { status: 409, message: error.message });
      if (error instanceof InvalidInputError) {
        return showPage(c, planId, documentId, { status: 409, message: 'The document you read is not the current version: open it again and authorise what you see.' });
      }
      throw error;
    }
    return c.redirect(`${documentHref(planId, documentId)}?done=authorised`, 303);
  });
