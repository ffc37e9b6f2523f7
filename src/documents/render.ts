import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { helpers, listTemplates } from '../http/view.js';
import { ROOT } from '../paths.js';
import { canonicalJson, sha256 } from '../plans/hash.js';
import { formatDate, formatDateTime, formatPercent, formatPounds } from '../presenters/format.js';
import type { DocumentContent, Party, Section, Stamp } from './content.js';
import { documentReference } from './reference.js';

// Documents as HTML: templates/documents/<kind>.hbs inside documents/layout.hbs,
// with the partials of documents/partials/ and the print stylesheet inlined so
// that a saved file prints the same anywhere. Rendering reads no clock and no
// database: equal content and stamp give byte-identical HTML. The print view
// lays out the same content with the signatures as they stand
// (templates/documents/print/layout.hbs).

const DIR = path.join(ROOT, 'templates', 'documents');
export const DOCUMENT_CSS_FILE = path.join(DIR, 'document.css');

/** The helpers of the pages, plus the formats of src/presenters/format.ts. */
const documentHelpers = {
  ...helpers,
  date: (value: unknown) => formatDate(String(value)),
  dateTime: (value: unknown) => formatDateTime(String(value)),
  percent: (value: unknown) => formatPercent(Number(value)),
  pounds: (value: unknown) => formatPounds(Number(value)),
  /** The clinical share that goes with an academic share. */
  remainder: (value: unknown) => 100 - Number(value),
};

function build() {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(documentHelpers)) hb.registerHelper(name, fn);
  const options = { strict: true, knownHelpersOnly: true, knownHelpers: Object.fromEntries(Object.keys(documentHelpers).map((n) => [n, true])) };
  const compile = (file: string) => hb.compile(fs.readFileSync(file, 'utf8'), options);
  for (const [name, file] of listTemplates(path.join(DIR, 'partials'))) hb.registerPartial(`doc/${name}`, compile(file));
  // A partial's text is written as it is: the stylesheet goes in unescaped, and it holds no user data.
  hb.registerPartial('doc/styles', fs.readFileSync(DOCUMENT_CSS_FILE, 'utf8').replace(/\{\{/g, '\\{{'));
  const kinds = new Map(listTemplates(DIR).filter(([name]) => !name.includes('/') && name !== 'layout').map(([name, file]) => [name, compile(file)]));
  return { layout: compile(path.join(DIR, 'layout.hbs')), print: compile(path.join(DIR, 'print', 'layout.hbs')), kinds };
}

let built: ReturnType<typeof build> | undefined;

/** A signatory's authorisation as the print view shows it; an issued file shows every one as still to come. */
export interface SignatureState {
  authorisedAt: string | null;
}

/** Strict templates need every optional part present, so fill the gaps here rather than in what is stored. */
const complete = (s: Section) => ({ paragraphs: [], rows: [], itemsIntro: '', items: [], ordered: false, note: '', ...s });

function templateData(content: DocumentContent, stamp: Stamp, states: SignatureState[] | null, asOf?: string) {
  const signatory = (p: Party, i: number) => {
    const at = states?.[i]?.authorisedAt ?? null;
    return { ...p, commitments: p.commitments ?? null, authorised: at !== null, authorisedAt: at ? formatDateTime(at) : '' };
  };
  return {
    content: {
      letter: null, glance: null, reference: '', nhs: true, ...content,
      ...(content.letter ? { letter: { salutation: '', ...content.letter } } : {}),
      ...(content.glance ? { glance: { endDate: '', backfillCostTotal: null, ...content.glance } } : {}),
      sections: content.sections.map(complete),
      signatories: content.signatories.map(signatory),
    },
    stamp: { ...stamp, contentSha256: contentHash(content), reference: documentReference(content, stamp.number) ?? '' },
    live: states !== null && asOf ? { asOf: formatDateTime(asOf) } : null,
  };
}

function renderKind(content: DocumentContent, data: ReturnType<typeof templateData>): string {
  built ??= build();
  const template = built.kinds.get(content.kind);
  if (!template) throw new Error(`No document template for ${content.kind}`);
  return template(data);
}

export function renderDocument(content: DocumentContent, stamp: Stamp): string {
  const data = templateData(content, stamp, null);
  const body = renderKind(content, data);
  return built!.layout({ ...data, body });
}

/**
 * A page of the service to print a document from: the issued content, laid out as issued, with each
 * signatory's authorisation as the service holds it now (in the signatories' order), and a way back.
 */
export function renderPrintView(content: DocumentContent, stamp: Stamp, states: SignatureState[], page: { backHref: string; asOf: string }): string {
  const data = templateData(content, stamp, states, page.asOf);
  const body = renderKind(content, data);
  return built!.print({ ...data, page, body });
}

/** The digest of the content a document was rendered from; the HTML carries it, so the two cannot drift apart unseen. */
export const contentHash = (content: DocumentContent) => sha256(canonicalJson(content));

/** The inside of a stored document's <body>, to show it within a page of the service. */
export function documentBody(html: string): string {
  return /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
}
