import { formatDate, formatDateTime } from '../presenters/format.js';
import type { DocumentContent, Party, Stamp } from './content.js';
import { BLUE, DARK_BLUE, GREY, PdfWriter } from './pdf-layout.js';

// An issued document as a PDF, made in-process from the content it was issued
// with: the same sections and values as its HTML. The authorisations are not
// part of the frozen document, so they follow it on a part of their own,
// marked with the time they were read.

export interface AuthorisationState {
  party: Party;
  authorisedAt: string | null;
  statement: string | null;
  sha256Seen: string | null;
}

export interface PdfInput {
  content: DocumentContent;
  stamp: Stamp;
  /** The SHA-256 of the issued HTML: what each signatory confirmed. */
  sha256: string;
  authorisations: AuthorisationState[];
  /** When the authorisations last changed (the latest of them, or the issue): they are as shown from then until the next. */
  asOf: string;
}

function masthead(w: PdfWriter, { content, stamp }: PdfInput) {
  const { doc } = w;
  const top = doc.y;
  doc.rect(w.left, top, 46, 20).fill(BLUE);
  doc.font('BoldItalic').fontSize(14).fillColor('#ffffff').text('NHS', w.left + 7, top + 4, { lineBreak: false });
  doc.font('Bold').fontSize(9.5).fillColor(DARK_BLUE).text(content.organisation, w.left, top + 26, { width: w.width / 2 });
  const meta = [`Version ${stamp.number}`, `Issued ${formatDate(stamp.issuedAt)}`, `From plan version ${stamp.planVersion}`, `Plan reference ${content.planId}`];
  doc.font('Regular').fontSize(8).fillColor(GREY);
  meta.forEach((line, i) => doc.text(line, w.left + w.width / 2, top + i * 11, { width: w.width / 2, align: 'right' }));
  doc.y = top + 50;
  w.rule(BLUE, 2.5);
  doc.y += 12;
  w.text(content.title, { size: 20, bold: true, colour: BLUE, gap: 2 });
  w.text(content.planTitle, { size: 12, colour: GREY, gap: 10 });
}

function body(w: PdfWriter, input: PdfInput) {
  const { content, stamp } = input;
  if (content.letter) {
    w.text(formatDate(stamp.issuedAt), { gap: 1 });
    w.text(content.letter.addressee, { gap: 1 });
    w.text(content.letter.subject, { bold: true, gap: 12 });
  }
  for (const paragraph of content.intro) w.text(paragraph);
  if (content.glance) w.glance(content.glance);
  const numbered = content.kind !== 'letter-of-support';
  content.sections.forEach((section, i) => {
    w.heading(numbered ? `${i + 1}. ${section.heading}` : section.heading);
    for (const paragraph of section.paragraphs ?? []) w.text(paragraph);
    if (section.rows?.length) w.rows(section.rows);
    if (section.items?.length) w.items(section.items, !!section.ordered);
    if (section.note) w.text(section.note, { size: 9, colour: GREY });
  });
  if (content.letter) w.text(content.letter.closing, { gap: 8 });
  w.heading(numbered ? `${content.sections.length + 1}. Authorisation` : 'Authorisation');
  w.text('Each person below confirms this version electronically in the clinical academic plans service. The service records their name, '
    + 'role, the time, the statement they confirmed and the SHA-256 fingerprint of the issued file.');
  for (const person of content.signatories) {
    w.ensureSpace(50);
    w.text(person.name, { bold: true, gap: 1 });
    w.text(`${person.roleLabel}${person.organisation ? `, ${person.organisation}` : ''}`, { gap: 1 });
    w.text('To be authorised electronically', { italic: true, colour: GREY, gap: 8 });
  }
  w.text(`Version ${stamp.number} of this document was issued on ${formatDateTime(stamp.issuedAt)}. It is never changed after issue: `
    + 'a change to the plan produces a new version.', { size: 8.5, colour: GREY });
}

/** The live part: who has authorised this version, as the service has held it since `asOf`. */
function authorisations(w: PdfWriter, input: PdfInput) {
  w.heading(`Authorisations as at ${formatDateTime(input.asOf)}`);
  w.text('This part is not in the issued document. It shows the electronic authorisations of this version held by the service, '
    + 'as at the latest of them (or the issue). Each new authorisation makes a new PDF.', { size: 9, colour: GREY });
  w.text(`SHA-256 of the issued document: ${input.sha256}`, { size: 9, gap: 8 });
  for (const a of input.authorisations) {
    w.ensureSpace(70);
    w.text(`${a.party.name}, ${a.party.roleLabel}`, { bold: true, gap: 2 });
    if (!a.authorisedAt) {
      w.text('Not yet authorised', { italic: true, colour: GREY, gap: 8 });
      continue;
    }
    w.text(`Authorised electronically on ${formatDateTime(a.authorisedAt)}`, { gap: 1 });
    w.text(`Statement confirmed: "${a.statement ?? ''}"`, { gap: 1 });
    w.text(`SHA-256 seen: ${a.sha256Seen ?? ''}`, { size: 8.5, colour: GREY, gap: 8 });
  }
}

export async function renderPdf(input: PdfInput): Promise<Buffer> {
  const { content, stamp } = input;
  const w = new PdfWriter({ Title: `${content.title}: ${content.planTitle} (version ${stamp.number})`, Author: content.organisation, CreationDate: new Date(input.asOf) });
  masthead(w, input);
  body(w, input);
  authorisations(w, input);
  w.numberPages(`${content.title}, version ${stamp.number}`);
  return w.finish();
}
