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
  /** A list (numbered when `ordered`), for actions and contributions, after the sentence that introduces it. */
  itemsIntro?: string;
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
  /** 1.1: the last day of the release ("YYYY-MM-DD"), the backfill's cost over the whole duration. */
  endDate?: string;
  backfillCostTotal?: number;
}

/**
 * 1.1: what one signatory confirms by authorising, in their own voice: a
 * sentence saying who they are, then each concrete commitment. Stored with
 * their signature as one text (statementOf).
 */
export interface Commitments {
  lead: string;
  points: string[];
}

export interface Party {
  role: Role;
  userId: string;
  name: string;
  roleLabel: string;
  organisation: string;
  /** 1.1; documents issued before carry one statement for every signatory of a kind (authorisationStatements). */
  commitments?: Commitments;
}

export interface DocumentContent {
  kind: DocumentKind;
  title: string;
  organisation: string;
  planTitle: string;
  planId: string;
  /** 1.1: "TA-2026-0042": the kind and the plan's short number; each version adds "-v2" (documentReference). */
  reference?: string;
  /** 1.1: false for a document that is not the trust's own (the supervisor's letter comes from the university). */
  nhs?: boolean;
  /** Only for the letters: who it is to, and what about. 1.1 letters open with a salutation and close over the signatories' names. */
  letter?: { addressee: string; subject: string; closing: string; salutation?: string };
  intro: string[];
  glance?: Glance;
  sections: Section[];
  signatories: Party[];
}

/** The text a signatory confirms: their commitments as one statement. */
export const statementOf = (c: Commitments) => [c.lead, ...c.points].join(' ');

/** What identifies one issued version; the re-render check uses the latest version's own stamp. */
export interface Stamp {
  number: number;
  planVersion: number;
  issuedAt: string;
}
