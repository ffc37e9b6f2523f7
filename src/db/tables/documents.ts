// Issued documents and who must authorise each. A document row is frozen once
// written (the database refuses to change or delete it); a signature row is
// filled in once, when its signatory authorises.

export interface DocumentsTable {
  id: string;
  plan_id: string;
  /** training-agreement, meeting-record or letter-of-support. */
  kind: string;
  /** 1, 2, … for each plan and kind: the latest is the current one. */
  number: number;
  /** The plan version the document was rendered from. */
  plan_version: number;
  /** What was rendered, as canonical JSON: the PDF is laid out from it. */
  content: string;
  /** The exact HTML issued; its SHA-256 is what signatories confirm. */
  html: string;
  sha256: string;
  issued_at: string;
}

export interface DocumentSignaturesTable {
  document_id: string;
  /** Where the signatory appears in the signature block. */
  position: number;
  role: string;
  user_id: string;
  authorised_at: string | null;
  statement: string | null;
  sha256_seen: string | null;
}

/** A document's PDF as last rendered, for one state of its authorisations (src/documents/stored-pdf.ts). */
export interface DocumentPdfsTable {
  document_id: string;
  /** Digest of the authorisations the PDF shows: a new authorisation means a new rendering. */
  state: string;
  pdf: Uint8Array;
  rendered_at: string;
}

export interface DocumentTables {
  documents: DocumentsTable;
  document_signatures: DocumentSignaturesTable;
  document_pdfs: DocumentPdfsTable;
}
