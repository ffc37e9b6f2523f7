import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Line } from './content.js';

// Drawing primitives for the PDF, in the look of the HTML documents: NHS blue
// headings, label/value rows, a panel of key figures. DejaVu Sans is embedded
// (only the letters used): PDF's standard Helvetica has no Ł, ț, ř, Greek or
// Vietnamese, and people's names need them.
//
// The PDF is tagged for screen readers (PDF 1.7, language en-GB, its title
// shown instead of the file name): everything drawn is either marked content
// of a structure element (headings H1–H3, paragraphs P, lists L/LI/Lbl/LBody,
// tables Table/TR/TH/TD, grouped in Sect parts of one Document) or marked as
// an artifact (rules, panels, page numbers), so a reader reads the document in
// order and skips the decoration.

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

type Struct = PDFKit.PDFStructureElement;
export type TextTag = 'P' | 'H1' | 'H2' | 'H3' | 'LBody';
export interface TextOptions {
  size?: number; bold?: boolean; italic?: boolean; colour?: string; gap?: number; x?: number; width?: number;
  /** The structure element the text is (default a paragraph). */
  tag?: TextTag;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;

  private readonly chunks: Buffer[] = [];

  private readonly root: Struct;

  /** Where new elements go: the current part, or the document itself. */
  private parent: Struct;

  constructor(info: { Title: string; Author: string; CreationDate: Date }) {
    this.doc = new PDFDocument({
      size: 'A4', margins: { top: MARGIN, bottom: 60, left: MARGIN, right: MARGIN }, bufferPages: true, info,
      pdfVersion: '1.7', tagged: true, lang: 'en-GB', displayTitle: true,
    });
    // Collected from the start: the stream is read as it is written.
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    // pdfkit takes a parsed fontkit font as well as a file, though its types list only files.
    for (const face of Object.keys(FACES) as Face[]) this.doc.registerFont(face, parsedFace(face) as never);
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.parent = this.root;
  }

  get width() { return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right; }

  get left() { return this.doc.page.margins.left; }

  private get bottom() { return this.doc.page.height - this.doc.page.margins.bottom; }

  /** Start a new part (Sect): what is drawn next belongs to it. */
  part() {
    this.endPart();
    const part = this.doc.struct('Sect');
    this.root.add(part);
    this.parent = part;
  }

  private endPart() {
    if (this.parent !== this.root) this.parent.end();
    this.parent = this.root;
  }

  /** Draw content as one structure element of `type` under `parent`. */
  private mark(type: string, draw: () => void, parent: Struct = this.parent, options: object = {}) {
    const content = this.doc.markStructureContent(type);
    draw();
    this.doc.endMarkedContent();
    parent.add(this.doc.struct(type, options, [content]));
  }

  /** Draw decoration that a screen reader should skip. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout') {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** Start a new page unless `height` still fits on this one. */
  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private style(options: TextOptions) {
    const font: Face = options.bold ? (options.italic ? 'BoldItalic' : 'Bold') : options.italic ? 'Italic' : 'Regular';
    return this.doc.font(font).fontSize(options.size ?? 10.5).fillColor(options.colour ?? TEXT);
  }

  text(text: string, options: TextOptions = {}, parent: Struct = this.parent) {
    const { doc } = this;
    this.mark(options.tag ?? 'P', () => {
      this.style(options).text(text, options.x ?? this.left, doc.y, { width: options.width ?? this.width, lineGap: 2 });
    }, parent);
    doc.y += options.gap ?? 5;
  }

  heading(text: string, level: 2 | 3 = 2) {
    this.ensureSpace(60);
    this.doc.y += level === 2 ? 10 : 4;
    this.text(text, { size: level === 2 ? 13 : 11.5, bold: true, colour: level === 2 ? BLUE : TEXT, gap: 3, tag: `H${level}` });
    if (level === 2) {
      this.rule(BORDER);
      this.doc.y += 5;
    }
  }

  rule(colour: string, weight = 0.75) {
    const { doc } = this;
    this.artifact(() => doc.moveTo(this.left, doc.y).lineTo(this.left + this.width, doc.y).lineWidth(weight).strokeColor(colour).stroke());
  }

  /** Label/value rows in two columns, each kept whole on a page: a table whose rows are headed by their label. */
  rows(lines: Line[]) {
    const { doc } = this;
    const table = doc.struct('Table');
    this.parent.add(table);
    const labelWidth = this.width * 0.34;
    const valueWidth = this.width - labelWidth - 8;
    for (const line of lines) {
      const labelHeight = this.style({ bold: true, size: 10 }).heightOfString(line.label, { width: labelWidth - 8, lineGap: 2 });
      const valueHeight = this.style({ size: 10 }).heightOfString(line.value, { width: valueWidth, lineGap: 2 });
      const height = Math.max(labelHeight, valueHeight) + 10;
      this.ensureSpace(height);
      const top = doc.y + 5;
      const row = doc.struct('TR');
      table.add(row);
      this.mark('TH', () => this.style({ bold: true, size: 10 }).text(line.label, this.left, top, { width: labelWidth - 8, lineGap: 2 }), row, { scope: 'Row' });
      this.mark('TD', () => this.style({ size: 10 }).text(line.value, this.left + labelWidth, top, { width: valueWidth, lineGap: 2 }), row);
      row.end();
      doc.y = top + height - 5;
      this.rule(BORDER, 0.5);
    }
    table.end();
    doc.y += 6;
  }

  items(items: string[], ordered: boolean) {
    const list = this.doc.struct('L');
    this.parent.add(list);
    items.forEach((item, i) => {
      this.ensureSpace(this.style({}).heightOfString(item, { width: this.width - 18 }) + 6);
      const top = this.doc.y;
      const entry = this.doc.struct('LI');
      list.add(entry);
      this.mark('Lbl', () => this.style({}).text(ordered ? `${i + 1}.` : '•', this.left + 2, top), entry);
      this.doc.y = top;
      this.text(item, { x: this.left + 18, width: this.width - 18, gap: 3, tag: 'LBody' }, entry);
      entry.end();
    });
    list.end();
    this.doc.y += 4;
  }

  /** The key figures, three to a row, as in the HTML panel: a table of label and value. */
  glance(cells: Array<[value: string, label: string]>) {
    const { doc } = this;
    const gap = 6;
    const cellWidth = (this.width - 2 * gap) / 3;
    const cellHeight = 40;
    const rows = Math.ceil(cells.length / 3);
    this.ensureSpace(rows * (cellHeight + gap) + 10);
    const top = doc.y + 4;
    const table = doc.struct('Table');
    this.parent.add(table);
    cells.forEach(([value, label], i) => {
      const x = this.left + (i % 3) * (cellWidth + gap);
      const y = top + Math.floor(i / 3) * (cellHeight + gap);
      this.artifact(() => { doc.rect(x, y, cellWidth, cellHeight).fill(PALE); doc.rect(x, y, 3, cellHeight).fill(BLUE); });
      const row = doc.struct('TR');
      table.add(row);
      this.mark('TH', () => this.style({ size: 8, colour: GREY }).text(label, x + 9, y + 24, { width: cellWidth - 14, lineBreak: false, ellipsis: true }), row, { scope: 'Row' });
      this.mark('TD', () => this.style({ bold: true, size: 11.5, colour: DARK_BLUE }).text(value, x + 9, y + 7, { width: cellWidth - 14, lineBreak: false, ellipsis: true }), row);
      row.end();
    });
    table.end();
    doc.y = top + rows * (cellHeight + gap) + 4;
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
      this.artifact(() => {
        this.style({ size: 8, colour: GREY });
        doc.text(left, this.left, y, { width: this.width / 2, lineBreak: false });
        doc.text(`Page ${i + 1} of ${range.count}`, this.left + this.width / 2, y, { width: this.width / 2, align: 'right', lineBreak: false });
      }, 'Pagination');
      doc.page.margins.bottom = bottom;
    }
  }

  /** The finished file. */
  finish(): Promise<Buffer> {
    this.endPart();
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}
