import type { DocumentKind, Role } from '../domain/options.js';

// What a document says, worked out once from the plan. The HTML templates and
// the PDF both lay out this one structure, so the two always carry the same
// sections and values. Text is plain: the templates escape it, and the PDF
// draws it as text.

export interface Line {
  label: string;
  value: string;
}

export interface Section {
  heading: string;
  paragraphs?: string[];
  rows?: Line[];
  /** A list (numbered when `ordered`), for actions and contributions. */
  items?: string[];
  ordered?: boolean;
  /** Who recorded this part and when, shown small under the section. */
  note?: string;
}

/** The key figures of the agreed terms, kept raw so each format applies its own helpers. */
export interface Glance {
  startDate: string;
  durationMonths: number;
  academicPercent: number;
  applicationHoursPerWeek: number;
  estimatedBackfillCostPerYear: number;
  budgetHolder: string;
}

export interface Party {
  role: Role;
  userId: string;
  name: string;
  roleLabel: string;
  organisation: string;
}

export interface DocumentContent {
  kind: DocumentKind;
  title: string;
  organisation: string;
  planTitle: string;
  planId: string;
  /** Only for the letter: who it is to, and what about. */
  letter?: { addressee: string; subject: string; closing: string };
  intro: string[];
  glance?: Glance;
  sections: Section[];
  signatories: Party[];
}

/** What identifies one issued version; the re-render check uses the latest version's own stamp. */
export interface Stamp {
  number: number;
  planVersion: number;
  issuedAt: string;
}
