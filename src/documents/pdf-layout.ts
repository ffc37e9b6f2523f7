import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { formatDate, formatPercent, formatPounds } from '../presenters/format.js';
import type { Glance, Line } from './content.js';

// Drawing primitives for the PDF, in the look of the HTML documents: NHS blue
// headings, label/value rows, a panel of key figures. DejaVu Sans is embedded
// (only the letters used): PDF's standard Helvetica has no Ł, ț, ř, Greek or
// Vietnamese, and people's names need them.

export const BLUE = '#005eb8';
export const DARK_BLUE = '#003087';
export const TEXT = '#212b32';
export const GREY = '#4c6272';
export const PALE = '#f0f4f5';
export const BORDER = '#d8dde0';
const MARGIN = 50;

const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FACES = {
  Regular: 'DejaVuSans.ttf', Bold: 'DejaVuSans-Bold.ttf', Italic: 'DejaVuSans-Oblique.ttf', BoldItalic: 'DejaVuSans-BoldOblique.ttf',
} as const;
export type Face = keyof typeof FACES;
// Parsing a face costs tens of milliseconds, so each is parsed once and shared:
// every document embeds its own subset of the letters it uses.
const faces = new Map<Face, fontkit.Font>();
const parsedFace = (face: Face) => {
  let font = faces.get(face);
  if (!font) faces.set(face, (font = fontkit.create(fs.readFileSync(path.join(FONT_DIR, FACES[face]))) as fontkit.Font));
  return font;
};

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;

  private readonly chunks: Buffer[] = [];

  constructor(info: { Title: string; Author: string; CreationDate: Date }) {
    this.doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: 60, left: MARGIN, right: MARGIN }, bufferPages: true, info });
    // Collected from the start: the stream is read as it is written.
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    // pdfkit takes a parsed fontkit font as well as a file, though its types list only files.
    for (const face of Object.keys(FACES) as Face[]) this.doc.registerFont(face, parsedFace(face) as never);
  }

  get width() { return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right; }

  get left() { return this.doc.page.margins.left; }

  private get bottom() { return this.doc.page.height - this.doc.page.margins.bottom; }

  /** Start a new page unless `height` still fits on this one. */
  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  text(text: string, options: { size?: number; bold?: boolean; italic?: boolean; colour?: string; gap?: number; x?: number; width?: number } = {}) {
    const { doc } = this;
    const font: Face = options.bold ? (options.italic ? 'BoldItalic' : 'Bold') : options.italic ? 'Italic' : 'Regular';
    doc.font(font).fontSize(options.size ?? 10.5).fillColor(options.colour ?? TEXT);
    doc.text(text, options.x ?? this.left, doc.y, { width: options.width ?? this.width, lineGap: 2 });
    doc.y += options.gap ?? 5;
  }

  heading(text: string) {
    this.ensureSpace(60);
    this.doc.y += 10;
    this.text(text, { size: 13, bold: true, colour: BLUE, gap: 3 });
    this.rule(BORDER);
    this.doc.y += 5;
  }

  rule(colour: string, weight = 0.75) {
    const { doc } = this;
    doc.moveTo(this.left, doc.y).lineTo(this.left + this.width, doc.y).lineWidth(weight).strokeColor(colour).stroke();
  }

  /** Label/value rows in two columns, each kept whole on a page. */
  rows(lines: Line[]) {
    const { doc } = this;
    const labelWidth = this.width * 0.34;
    const valueWidth = this.width - labelWidth - 8;
    for (const line of lines) {
      doc.font('Bold').fontSize(10);
      const labelHeight = doc.heightOfString(line.label, { width: labelWidth - 8, lineGap: 2 });
      doc.font('Regular').fontSize(10);
      const valueHeight = doc.heightOfString(line.value, { width: valueWidth, lineGap: 2 });
      const height = Math.max(labelHeight, valueHeight) + 10;
      this.ensureSpace(height);
      const top = doc.y + 5;
      doc.font('Bold').fontSize(10).fillColor(TEXT).text(line.label, this.left, top, { width: labelWidth - 8, lineGap: 2 });
      doc.font('Regular').fontSize(10).fillColor(TEXT).text(line.value, this.left + labelWidth, top, { width: valueWidth, lineGap: 2 });
      doc.y = top + height - 5;
      this.rule(BORDER, 0.5);
    }
    doc.y += 6;
  }

  items(items: string[], ordered: boolean) {
    items.forEach((item, i) => {
      const marker = ordered ? `${i + 1}.` : '•';
      this.ensureSpace(this.doc.font('Regular').fontSize(10.5).heightOfString(item, { width: this.width - 18 }) + 6);
      const top = this.doc.y;
      this.doc.font('Regular').fontSize(10.5).fillColor(TEXT).text(marker, this.left + 2, top);
      this.doc.y = top;
      this.text(item, { x: this.left + 18, width: this.width - 18, gap: 3 });
    });
    this.doc.y += 4;
  }

  /** The key figures of the terms, three to a row, as in the HTML panel. */
  glance(g: Glance) {
    const cells: Array<[string, string]> = [
      [formatDate(g.startDate), 'Start date'],
      [`${g.durationMonths} months`, 'Duration'],
      [`${formatPercent(g.academicPercent)} / ${formatPercent(100 - g.academicPercent)}`, 'Academic / clinical time'],
      [formatPounds(g.estimatedBackfillCostPerYear), 'Backfill cost a year'],
      [g.budgetHolder, 'Budget holder'],
      [`${g.applicationHoursPerWeek} hours a week`, 'Protected time for the application'],
    ];
    const { doc } = this;
    const gap = 6;
    const cellWidth = (this.width - 2 * gap) / 3;
    const cellHeight = 40;
    this.ensureSpace(2 * cellHeight + gap + 10);
    const top = doc.y + 4;
    cells.forEach(([value, label], i) => {
      const x = this.left + (i % 3) * (cellWidth + gap);
      const y = top + Math.floor(i / 3) * (cellHeight + gap);
      doc.rect(x, y, cellWidth, cellHeight).fill(PALE);
      doc.rect(x, y, 3, cellHeight).fill(BLUE);
      doc.font('Bold').fontSize(11.5).fillColor(DARK_BLUE).text(value, x + 9, y + 7, { width: cellWidth - 14, lineBreak: false, ellipsis: true });
      doc.font('Regular').fontSize(8).fillColor(GREY).text(label, x + 9, y + 24, { width: cellWidth - 14, lineBreak: false, ellipsis: true });
    });
    doc.y = top + 2 * cellHeight + gap + 10;
  }

  /** "Page 1 of 3" on every page, written once the number of pages is known. */
  numberPages(left: string) {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing in the margin must not start another page
      const y = doc.page.height - 35;
      doc.font('Regular').fontSize(8).fillColor(GREY);
      doc.text(left, this.left, y, { width: this.width / 2, lineBreak: false });
      doc.text(`Page ${i + 1} of ${range.count}`, this.left + this.width / 2, y, { width: this.width / 2, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }

  /** The finished file. */
  finish(): Promise<Buffer> {
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}
