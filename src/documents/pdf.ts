import { formatDate, formatDateTime, formatPercent, formatPounds } from '../presenters/format.js';
import type { DocumentContent, Glance, Party, Stamp } from './content.js';
import { documentReference } from './reference.js';
import { BLUE, DARK_BLUE, GREY, PdfWriter } from './pdf-layout.js';

// An issued document as a PDF, made in-process from the content it was issued
// with: the same sections and values as its HTML, in the same order. Unlike
// the issued HTML, a PDF is made when it is asked for, so its signatures show
// who has authorised it and when, as at the latest authorisation; the
// fingerprints are in the technical details at the end.

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

const label = (input: PdfInput) => documentReference(input.content, input.stamp.number) ?? `Version ${input.stamp.number}`;

function masthead(w: PdfWriter, input: PdfInput) {
  const { content, stamp } = input;
  const { doc } = w;
  const top = doc.y;
  if (content.nhs !== false) {
    w.artifact(() => {
      doc.rect(w.left, top, 46, 20).fill(BLUE);
      doc.font('BoldItalic').fontSize(14).fillColor('#ffffff').text('NHS', w.left + 7, top + 4, { lineBreak: false });
    });
  }
  doc.y = top + (content.nhs !== false ? 26 : 0);
  w.text(content.organisation, { size: 9.5, bold: true, colour: DARK_BLUE, width: w.width / 2, gap: 0 });
  doc.y = top;
  const reference = documentReference(content, stamp.number);
  w.text(`${reference ? `Reference ${reference}` : `Version ${stamp.number}`}. Issued ${formatDate(stamp.issuedAt)}.`,
    { size: 8, colour: GREY, x: w.left + w.width / 2, width: w.width / 2, gap: 0 });
  doc.y = top + 50;
  w.rule(BLUE, 2.5);
  doc.y += 12;
  w.text(content.title, { size: 20, bold: true, colour: BLUE, gap: 2, tag: 'H1' });
  w.text(content.planTitle, { size: 12, colour: GREY, gap: 10 });
}

const glanceCells = (g: Glance): Array<[string, string]> => [
  [formatDate(g.startDate), 'Start date'],
  g.endDate ? [formatDate(g.endDate), `End date (${g.durationMonths} months)`] : [`${g.durationMonths} months`, 'Duration'],
  [`${formatPercent(g.academicPercent)} / ${formatPercent(100 - g.academicPercent)}`, 'Academic / clinical time'],
  [formatPounds(g.estimatedBackfillCostPerYear), 'Backfill cost a year'],
  ...(g.backfillCostTotal !== undefined ? [[formatPounds(g.backfillCostTotal), 'Backfill cost in total'] as [string, string]] : []),
  [g.budgetHolder, 'Budget holder'],
  ...(g.backfillCostTotal === undefined ? [[`${g.applicationHoursPerWeek} hours a week`, 'Protected time for the application'] as [string, string]] : []),
];

function body(w: PdfWriter, { content, stamp }: PdfInput) {
  if (content.letter) {
    w.text(formatDate(stamp.issuedAt), { gap: 1 });
    w.text(content.letter.addressee, { gap: 1 });
    w.text(content.letter.subject, { bold: true, gap: 12 });
    if (content.letter.salutation) w.text(content.letter.salutation);
  }
  for (const paragraph of content.intro) w.text(paragraph);
  if (content.glance) w.glance(glanceCells(content.glance));
  const numbered = !content.letter;
  content.sections.forEach((section, i) => {
    w.part();
    w.heading(numbered ? `${i + 1}. ${section.heading}` : section.heading);
    for (const paragraph of section.paragraphs ?? []) w.text(paragraph);
    if (section.rows?.length) w.rows(section.rows);
    if (section.items?.length) {
      if (section.itemsIntro) w.text(section.itemsIntro);
      w.items(section.items, !!section.ordered);
    }
    if (section.note) w.text(section.note, { size: 9, colour: GREY });
  });
  if (content.letter) {
    w.part();
    w.text(content.letter.closing, { gap: 8 });
    for (const person of content.signatories) {
      w.ensureSpace(50);
      w.text(person.name, { bold: true, gap: 1 });
      w.text(`${person.roleLabel}${person.organisation ? `\n${person.organisation}` : ''}`, { gap: 8 });
    }
  }
}

function signatures(w: PdfWriter, input: PdfInput) {
  const { content } = input;
  w.part();
  const one = content.signatories.length === 1;
  const heading = one ? 'Signature' : 'Signatures';
  w.heading(content.letter ? heading : `${content.sections.length + 1}. ${heading}`);
  w.text(`${one ? 'The person below authorises' : 'Each person below authorises'} this version electronically in the clinical academic plans service, `
    + `confirming the statement under their name. Authorisations are shown as the service held them on ${formatDateTime(input.asOf)}.`);
  content.signatories.forEach((person, i) => {
    const state = input.authorisations.find((a) => a.party.userId === person.userId && a.party.role === person.role) ?? input.authorisations[i];
    w.ensureSpace(90);
    w.heading(person.name, 3);
    w.text(`${person.roleLabel}${person.organisation ? `, ${person.organisation}` : ''}`, { colour: GREY, gap: 3 });
    if (person.commitments) {
      w.text(person.commitments.lead, { gap: 3 });
      if (person.commitments.points.length) w.items(person.commitments.points, false);
    }
    w.text(state?.authorisedAt ? `Authorised electronically on ${formatDateTime(state.authorisedAt)}` : 'Not yet authorised',
      { bold: !!state?.authorisedAt, italic: !state?.authorisedAt, colour: state?.authorisedAt ? DARK_BLUE : GREY, gap: 8 });
  });
}

function technical(w: PdfWriter, input: PdfInput) {
  const { content, stamp } = input;
  w.part();
  w.heading('Technical details');
  const reference = documentReference(content, stamp.number);
  w.rows([
    ...(reference ? [{ label: 'Reference', value: reference }] : []),
    { label: 'Document version', value: String(stamp.number) },
    { label: 'Issued', value: formatDateTime(stamp.issuedAt) },
    { label: 'Plan identifier', value: content.planId },
    { label: 'Plan version', value: String(stamp.planVersion) },
    { label: 'SHA-256 of the issued document', value: input.sha256 },
    ...input.authorisations.filter((a) => a.authorisedAt).map((a) => ({
      label: `Fingerprint ${a.party.name} authorised`, value: a.sha256Seen ?? '',
    })),
  ]);
  w.text('The issued document is the HTML file the service stores for this version; it never changes, and a change to the plan produces a new '
    + 'version. This PDF is made from the same content, with the authorisations added.', { size: 9, colour: GREY });
}

export async function renderPdf(input: PdfInput): Promise<Buffer> {
  const { content } = input;
  const w = new PdfWriter({ Title: `${content.title}: ${content.planTitle} (${label(input)})`, Author: content.organisation, CreationDate: new Date(input.asOf) });
  w.part();
  masthead(w, input);
  body(w, input);
  signatures(w, input);
  technical(w, input);
  w.numberPages(documentReference(content, input.stamp.number) ?? `${content.title}, version ${input.stamp.number}`);
  return w.finish();
}
