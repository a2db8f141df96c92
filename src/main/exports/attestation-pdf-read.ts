import { createHash } from 'node:crypto';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFStream, PDFString, type PDFObject } from 'pdf-lib';

/** Custom entries of the PDF's document information holding the full code and the register id. */
export const ATTESTATION_CODE_ENTRY = 'AtelierAttestationCode';
export const ATTESTATION_ID_ENTRY = 'AtelierAttestationId';

/** What an attestation PDF says about itself. */
export interface AttestationPdfFacts {
  /**
   * The full code its properties give, or null when it has none. When the custom entry, the Keywords and the
   * Subject disagree (one of them edited), `codes` lists them all and `code` is null.
   */
  code: string | null;
  codes: string[];
  /** SHA-256 (hex) of what its pages show: see `pagesDigest`. */
  pagesDigest: string;
}

/**
 * The document information dictionary (Title, Subject…), or undefined: pdf-lib keeps its own accessor private, and
 * creates the dictionary with the first metadata set.
 */
export function infoDict(doc: PDFDocument): PDFDict | undefined {
  const info = doc.context.trailerInfo.Info;
  return info === undefined ? undefined : doc.context.lookupMaybe(info, PDFDict);
}

/** A text value of the information dictionary, or null. */
function infoText(value: PDFObject | undefined): string | null {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
}

/** The bytes of a content stream, decoded (what is drawn). */
function streamBytes(doc: PDFDocument, object: PDFObject | undefined): Uint8Array[] {
  const resolved = object === undefined ? undefined : doc.context.lookup(object);
  if (resolved instanceof PDFArray) return resolved.asArray().flatMap((item) => streamBytes(doc, item));
  if (resolved instanceof PDFRawStream) return [decodePDFRawStream(resolved).decode()];
  if (resolved instanceof PDFStream) return [resolved.getContents()];
  return [];
}

/** Names, base fonts and encodings of a page's fonts: swapping a font's encoding would change the glyphs drawn. */
function fontSignature(doc: PDFDocument, resources: PDFDict | undefined): string {
  const fonts = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
  if (!fonts) return '';
  return fonts
    .entries()
    .map(([name, ref]) => {
      const font = doc.context.lookup(ref);
      const describe = (key: string): string => (font instanceof PDFDict ? String(font.get(PDFName.of(key)) ?? '') : '');
      return `${name.asString()}=${describe('BaseFont')}/${describe('Encoding')}`;
    })
    .sort()
    .join(',');
}

/**
 * SHA-256 (hex) of what the pages of a PDF show: per page, its decoded content streams, its fonts (name, base font,
 * encoding) and how many annotations it carries (an issued attestation has none; a note pasted over a figure is one).
 * Changing a digit, drawing over the page, adding a page or an annotation all change it; the document's properties
 * do not (the code they hold is checked apart).
 */
export function pagesDigest(doc: PDFDocument): string {
  const hash = createHash('sha256');
  for (const [index, page] of doc.getPages().entries()) {
    hash.update(`page ${index}\n`);
    for (const bytes of streamBytes(doc, page.node.get(PDFName.of('Contents')))) hash.update(bytes);
    hash.update(`\nfonts ${fontSignature(doc, page.node.Resources())}\nannotations ${page.node.Annots()?.size() ?? 0}\n`);
  }
  return hash.digest('hex');
}

/** The codes the properties give: custom entry, `code:` keyword, and the Subject's trailing code. */
function codesOf(doc: PDFDocument): string[] {
  const found = [
    infoText(infoDict(doc)?.lookup(PDFName.of(ATTESTATION_CODE_ENTRY))),
    /(?:^|\s)code:([0-9a-fA-F]{64})(?:\s|$)/.exec(doc.getKeywords() ?? '')?.[1] ?? null,
    /code de vérification ([0-9a-fA-F]{64})$/.exec(doc.getSubject() ?? '')?.[1] ?? null,
  ];
  return found.filter((code): code is string => code !== null).map((code) => code.toLowerCase());
}

/**
 * Reads an attestation PDF: the code of its properties and the digest of its pages. Throws when the bytes are not
 * a PDF pdf-lib can read.
 */
export async function readAttestationPdf(bytes: Uint8Array): Promise<AttestationPdfFacts> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const codes = codesOf(doc);
  const distinct = [...new Set(codes)];
  return { code: distinct.length === 1 ? (distinct[0] as string) : null, codes, pagesDigest: pagesDigest(doc) };
}
