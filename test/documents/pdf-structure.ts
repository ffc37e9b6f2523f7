import path from 'node:path';
import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// What a screen reader is given by a PDF, as pdf.js (Mozilla's PDF reader)
// reads it: the title, the language, whether it is tagged, and the roles of
// the structure tree of each page (H1, P, L, Table…).

const fonts = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;

interface Node { role?: string; children?: Node[] }

const rolesOf = (node: Node | null | undefined): string[] =>
  node ? [...(node.role ? [node.role] : []), ...(node.children ?? []).flatMap(rolesOf)] : [];

export async function pdfStructure(bytes: Uint8Array) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: fonts, isEvalSupported: false, verbosity: 0 }).promise;
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  const markInfo = await pdf.getMarkInfo();
  const roles: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) roles.push(...rolesOf(await (await pdf.getPage(n)).getStructTree() as Node));
  await pdf.destroy();
  return { title: info.Title, language: info.Language, version: info.PDFFormatVersion, tagged: markInfo?.Marked === true, roles };
}
