import { PDFDocument, PDFName, PDFString, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { AttestationTally, DeclaredFigures } from '../../shared/types/attestations';
import { formatCents, formatDecimal, formatInteger, formatMonth } from '../../shared/util/format';
import { shortCode, type AttestationContent } from '../domain/attestations/attestation-content';
import { utcToParisLocal } from '../domain/time/paris-time';
import { ATTESTATION_CODE_ENTRY, ATTESTATION_ID_ENTRY, infoDict } from './attestation-pdf-read';

/** What the PDF prints: the attested content, its code, and the lines naming the person. */
export interface AttestationPdfInput {
  content: AttestationContent;
  /** Full verification code (64 hex digits). */
  code: string;
  /** The person as printed (`describePerson`): key kind, operator, user id as the user gave it. */
  personLines: readonly string[];
}

/** A4 portrait, in points. */
const PAGE: readonly [number, number] = [595.28, 841.89];
const MARGIN = 56;
const BOTTOM = 64;
const WIDTH = PAGE[0] - 2 * MARGIN;

/** Colours of the État's design system (DSFR): bleu France, rouge Marianne, greys and the lightest blue. */
const BLUE = rgb(0, 0, 145 / 255);
const RED = rgb(225 / 255, 0, 15 / 255);
const TEXT = rgb(22 / 255, 22 / 255, 22 / 255);
const GREY = rgb(102 / 255, 102 / 255, 102 / 255);
const LINE = rgb(221 / 255, 221 / 255, 221 / 255);
const LIGHT_BLUE = rgb(245 / 255, 245 / 255, 254 / 255);
const ZEBRA = rgb(246 / 255, 246 / 255, 246 / 255);
const WHITE = rgb(1, 1, 1);

const longDay = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** `2026-09-01` → `1er septembre 2026` (French writes the first of the month as an ordinal). */
function dayText(day: string): string {
  const text = longDay.format(new Date(`${day}T00:00:00Z`));
  return day.endsWith('-01') ? text.replace(/^1 /, '1er ') : text;
}

/** Distance in metres → `1 234,5 km`. */
function kmText(metres: number): string {
  return `${formatDecimal(metres / 1000)} km`;
}

/** The 14 digits of a SIRET in its usual groups: `130 025 265 00013`. */
function siretText(siret: string): string {
  return /^\d{14}$/.test(siret) ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` : siret;
}

/**
 * Pages drawn top to bottom with the standard Helvetica fonts (WinAnsi: French accents, €, ’ and « » are in it).
 * Characters the fonts cannot encode (user text in another script) are printed as `?` rather than failing, and the
 * narrow and no-break spaces of French number formats as plain spaces, so that text extraction reads them as such.
 */
class Layout {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  y = 0;
  private readonly encodable: Set<number>;

  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.encodable = new Set(regular.getCharacterSet());
    this.newPage();
  }

  /** Text the fonts can draw (see the class comment). */
  clean(text: string): string {
    return [...text.replace(/[\u00a0\u2009\u202f]/g, ' ')].map((char) => (this.encodable.has(char.codePointAt(0) ?? 0) ? char : '?')).join('');
  }

  newPage(): void {
    this.page = this.doc.addPage([...PAGE]);
    this.pages.push(this.page);
    // A band in bleu France and rouge Marianne across the top of every page.
    this.page.drawRectangle({ x: 0, y: PAGE[1] - 8, width: PAGE[0] * 0.7, height: 8, color: BLUE });
    this.page.drawRectangle({ x: PAGE[0] * 0.7, y: PAGE[1] - 8, width: PAGE[0] * 0.3, height: 8, color: RED });
    this.y = PAGE[1] - 40;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  width(text: string, size: number, font = this.regular): number {
    return font.widthOfTextAtSize(this.clean(text), size);
  }

  /** Draws one line at `x` on the current line's baseline (`y` is not moved). */
  text(text: string, x: number, size: number, options: { font?: PDFFont; color?: RGB } = {}): void {
    this.page.drawText(this.clean(text), { x, y: this.y, size, font: options.font ?? this.regular, color: options.color ?? TEXT });
  }

  /** Words of `text` in lines of at most `width` points. */
  wrap(text: string, size: number, width: number, font = this.regular): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of this.clean(text).split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (line !== '' && font.widthOfTextAtSize(candidate, size) > width) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    if (line !== '') lines.push(line);
    return lines;
  }

  /** A wrapped paragraph from the current line down; leaves `y` below it. */
  paragraph(text: string, size: number, options: { font?: PDFFont; color?: RGB; x?: number; width?: number } = {}): void {
    const lines = this.wrap(text, size, options.width ?? WIDTH, options.font);
    this.ensure(lines.length * size * 1.35);
    for (const line of lines) {
      this.y -= size * 1.35;
      this.text(line, options.x ?? MARGIN, size, options);
    }
  }

  rectangle(x: number, y: number, width: number, height: number, options: { color?: RGB; borderColor?: RGB }): void {
    this.page.drawRectangle({ x, y, width, height, ...(options.color ? { color: options.color } : {}), ...(options.borderColor ? { borderColor: options.borderColor, borderWidth: 0.8 } : {}) });
  }

  /** Numbers every page at its foot (`page 1 / 2`), with the printed code. */
  footers(code: string): void {
    this.pages.forEach((page, index) => {
      const text = this.clean(`Attestation de covoiturage ${code} — page ${index + 1} / ${this.pages.length}`);
      page.drawText(text, { x: MARGIN, y: 34, size: 8, font: this.regular, color: GREY });
      page.drawText('Établie avec Atelier Covoiturage à partir des extraits du registre de preuve de covoiturage.', { x: MARGIN, y: 24, size: 8, font: this.regular, color: GREY });
    });
  }
}

/** The summary rows: label and value of each total. */
function totalRows(totals: AttestationTally): Array<[string, string]> {
  return [
    ['Trajets effectués comme conducteur', formatInteger(totals.journeysAsDriver)],
    ['Trajets effectués comme passager', formatInteger(totals.journeysAsPassenger)],
    ['Jours de covoiturage', formatInteger(totals.days)],
    ['Distance parcourue en covoiturage', kmText(totals.distanceM)],
    ['Montant reçu comme conducteur', formatCents(totals.amountReceivedCents)],
    ['Montant payé comme passager', formatCents(totals.amountPaidCents)],
    ['Incitations reçues (campagnes du registre)', formatCents(totals.incentivesCents)],
  ];
}

const MONTH_COLUMNS: ReadonlyArray<{ header: string; width: number; value: (tally: AttestationTally) => string }> = [
  { header: 'Conducteur', width: 60, value: (t) => formatInteger(t.journeysAsDriver) },
  { header: 'Passager', width: 52, value: (t) => formatInteger(t.journeysAsPassenger) },
  { header: 'Jours', width: 38, value: (t) => formatInteger(t.days) },
  { header: 'Distance', width: 62, value: (t) => kmText(t.distanceM) },
  { header: 'Payé', width: 58, value: (t) => formatCents(t.amountPaidCents) },
  { header: 'Reçu', width: 58, value: (t) => formatCents(t.amountReceivedCents) },
  { header: 'Incitations', width: 60, value: (t) => formatCents(t.incentivesCents) },
];
const MONTH_LABEL_WIDTH = WIDTH - MONTH_COLUMNS.reduce((sum, column) => sum + column.width, 0);
const ROW = 15;

/** The month table's header row (repeated at the top of each page it runs over). */
function monthHeader(layout: Layout): void {
  layout.ensure(ROW * 2);
  layout.rectangle(MARGIN, layout.y - ROW + 4, WIDTH, ROW, { color: BLUE });
  layout.y -= ROW - 8;
  layout.text('Mois', MARGIN + 4, 8, { font: layout.bold, color: WHITE });
  let x = MARGIN + MONTH_LABEL_WIDTH;
  for (const column of MONTH_COLUMNS) {
    x += column.width;
    layout.text(column.header, x - 4 - layout.width(column.header, 8, layout.bold), 8, { font: layout.bold, color: WHITE });
  }
  layout.y -= 8;
}

/** One row of the month table, numbers right-aligned; `zebra` shades every other row. */
function monthRow(layout: Layout, label: string, tally: AttestationTally, options: { zebra: boolean; bold: boolean }): void {
  if (layout.y - ROW < BOTTOM) {
    layout.newPage();
    monthHeader(layout);
  }
  if (options.zebra) layout.rectangle(MARGIN, layout.y - ROW + 4, WIDTH, ROW, { color: ZEBRA });
  const font = options.bold ? layout.bold : layout.regular;
  layout.y -= ROW - 8;
  layout.text(label, MARGIN + 4, 8.5, { font });
  let x = MARGIN + MONTH_LABEL_WIDTH;
  for (const column of MONTH_COLUMNS) {
    x += column.width;
    const value = column.value(tally);
    layout.text(value, x - 4 - layout.width(value, 8.5, font), 8.5, { font });
  }
  layout.y -= 8;
}

function heading(layout: Layout, text: string): void {
  layout.ensure(40);
  layout.y -= 26;
  layout.text(text, MARGIN, 13, { font: layout.bold, color: BLUE });
  layout.y -= 6;
}

const DEFINITIONS =
  'Définitions. Trajets : trajets validés par le registre de preuve de covoiturage (statut « ok ») dans les extraits reçus par l’émetteur, ' +
  'hors trajets dont la fraude a été confirmée par un instructeur ; un trajet est un couple conducteur–passager. Jours et mois : date de ' +
  'départ en heure de Paris. Distance : somme des distances déclarées par les opérateurs pour ces trajets. Montants déclarés par les ' +
  'opérateurs : payé, la contribution de la personne comme passagère ; reçu, le revenu de la personne comme conductrice. Incitations : ' +
  'montants calculés par le registre pour les campagnes d’incitation des collectivités, sur les trajets de la personne comme conductrice.';

const LEGAL =
  'Le fait d’établir une attestation faisant état de faits matériellement inexacts, de falsifier une attestation ou de faire usage ' +
  'd’une attestation inexacte ou falsifiée est puni d’un an d’emprisonnement et de 15 000 € d’amende (article 441-7 du code pénal).';

/** Header, person and period, then the totals. */
function drawIdentity(layout: Layout, input: AttestationPdfInput, printed: string): void {
  const { content } = input;
  layout.text(content.issuer.name, MARGIN, 12, { font: layout.bold });
  layout.y -= 14;
  layout.text(`SIRET : ${siretText(content.issuer.siret)}`, MARGIN, 9, { color: GREY });
  layout.y -= 40;
  layout.text('Attestation de covoiturage', MARGIN, 22, { font: layout.bold, color: BLUE });
  layout.y -= 8;
  const [issuedDay, issuedTime] = utcToParisLocal(content.issuedAt).split(' ') as [string, string];
  layout.paragraph(`Émise le ${dayText(issuedDay)} à ${issuedTime.slice(0, 5).replace(':', ' h ')} (heure de Paris) — code de vérification ${printed}`, 9, { color: GREY });
  layout.paragraph(`Numéro au registre des attestations : ${content.id}`, 9, { color: GREY });

  const lines = [...input.personLines, `Période : du ${dayText(content.period.from)} au ${dayText(content.period.to)} inclus`];
  const boxHeight = lines.length * 15 + 16;
  layout.y -= 14;
  layout.rectangle(MARGIN, layout.y - boxHeight, WIDTH, boxHeight, { color: LIGHT_BLUE });
  layout.rectangle(MARGIN, layout.y - boxHeight, 3, boxHeight, { color: BLUE });
  layout.y -= 8;
  for (const line of lines) {
    layout.y -= 15;
    layout.text(line, MARGIN + 14, 10, { font: layout.bold });
  }
  layout.y -= 12;

  layout.paragraph(
    `${content.issuer.name} atteste que, selon les extraits du registre de preuve de covoiturage qui lui ont été transmis, cette personne a effectué sur cette période l’activité de covoiturage suivante.`,
    10,
  );
  heading(layout, 'Synthèse sur la période');
  summaryRows(layout, totalRows(content.figures.totals));
}

/** Label–value rows, the value in bold on the right, every other row shaded. */
function summaryRows(layout: Layout, rows: ReadonlyArray<[string, string]>): void {
  rows.forEach(([label, value], index) => {
    layout.ensure(ROW);
    if (index % 2 === 0) layout.rectangle(MARGIN, layout.y - ROW + 4, WIDTH, ROW, { color: ZEBRA });
    layout.y -= ROW - 8;
    layout.text(label, MARGIN + 4, 10);
    layout.text(value, MARGIN + WIDTH - 4 - layout.width(value, 10, layout.bold), 10, { font: layout.bold });
    layout.y -= 8;
  });
}

const DECLARED_NOTE =
  'Trajets que la personne a déclarés sans passer par l’application d’un opérateur (module de déclaration) : ce ne sont pas des preuves du ' +
  'registre de preuve de covoiturage, ils ne sont comptés dans aucun des chiffres ci-dessus. Distance déclarée, ou estimée entre les communes ' +
  'quand elle ne l’était pas.';

/** The declared journeys of the period, apart and labelled as such (docs/declarations.md, « Attestations »). */
function drawDeclared(layout: Layout, declared: DeclaredFigures): void {
  heading(layout, 'Trajets déclarés (hors registre)');
  layout.paragraph(DECLARED_NOTE, 8.5, { color: GREY });
  layout.y -= 4;
  summaryRows(layout, [
    ['Trajets déclarés comme conducteur', formatInteger(declared.totals.journeysAsDriver)],
    ['Trajets déclarés comme passager', formatInteger(declared.totals.journeysAsPassenger)],
    ['Jours avec un trajet déclaré', formatInteger(declared.totals.days)],
    ['Distance des trajets déclarés', kmText(declared.totals.distanceM)],
  ]);
}

/** The code, the legal notice and the signature block, kept together on one page. */
function drawClosing(layout: Layout, input: AttestationPdfInput, printed: string): void {
  const note =
    'Ce code est l’empreinte (SHA-256) du contenu de l’attestation ; sa forme complète figure dans les propriétés du document. ' +
    `${input.content.issuer.name} peut vérifier que ce document est authentique et n’a pas été modifié en le confrontant à son registre des attestations émises.`;
  const noteLines = layout.wrap(note, 8.5, WIDTH - 28);
  const legalLines = layout.wrap(LEGAL, 8, WIDTH);
  const boxHeight = 30 + noteLines.length * 11.5;
  layout.ensure(boxHeight + legalLines.length * 11 + 150);
  layout.y -= 18;
  layout.rectangle(MARGIN, layout.y - boxHeight, WIDTH, boxHeight, { borderColor: BLUE });
  layout.y -= 20;
  layout.text(`Code de vérification : ${printed}`, MARGIN + 14, 12, { font: layout.bold, color: BLUE });
  for (const line of noteLines) {
    layout.y -= 11.5;
    layout.text(line, MARGIN + 14, 8.5, { color: GREY });
  }
  layout.y -= 20;
  layout.paragraph(LEGAL, 8, { color: GREY });

  const [issuedDay] = utcToParisLocal(input.content.issuedAt).split(' ') as [string];
  const x = MARGIN + WIDTH / 2;
  layout.y -= 22;
  layout.text(`Fait le ${dayText(issuedDay)},`, x, 10);
  layout.y -= 14;
  layout.text(`pour ${input.content.issuer.name}`, x, 10, { font: layout.bold });
  layout.y -= 14;
  layout.text('Signature et cachet :', x, 9, { color: GREY });
  layout.rectangle(x, layout.y - 78, WIDTH / 2, 70, { borderColor: LINE });
  layout.y -= 78;
}

/**
 * The attestation as a PDF (A4, French, DSFR colours): issuer and SIRET, person and period, totals, one row per month
 * with a totals row, the declared journeys apart when there are some, definitions, verification code (short form
 * printed, full form in the document's properties: Subject, Keywords and the custom entries read by
 * `readAttestationPdf`), legal notice and signature block. The
 * register keeps the digest of the pages as written (pdf-lib names fonts with random suffixes: two prints of the
 * same content differ), so a PDF is checked against its own issue, never against a new print.
 */
export async function renderAttestationPdf(input: AttestationPdfInput): Promise<Uint8Array> {
  const { content, code } = input;
  const printed = shortCode(code);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const layout = new Layout(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));

  drawIdentity(layout, input, printed);
  heading(layout, 'Détail par mois');
  monthHeader(layout);
  content.figures.months.forEach((month, index) => monthRow(layout, formatMonth(month.month), month, { zebra: index % 2 === 1, bold: false }));
  layout.ensure(ROW + 2);
  layout.rectangle(MARGIN, layout.y + 3.5, WIDTH, 0.8, { color: TEXT });
  monthRow(layout, 'Total', content.figures.totals, { zebra: false, bold: true });
  const declared = content.figures.declared;
  if (declared && declared.totals.journeysAsDriver + declared.totals.journeysAsPassenger > 0) drawDeclared(layout, declared);
  layout.y -= 8;
  layout.paragraph(DEFINITIONS, 8, { color: GREY });
  drawClosing(layout, input, printed);
  layout.footers(printed);

  const issued = new Date(content.issuedAt);
  doc.setTitle('Attestation de covoiturage');
  doc.setAuthor(layout.clean(content.issuer.name));
  doc.setSubject(`Attestation de covoiturage — code de vérification ${code}`);
  doc.setKeywords(['attestation de covoiturage', `code:${code}`, `registre:${content.id}`]);
  doc.setCreator('Atelier Covoiturage');
  doc.setProducer('Atelier Covoiturage (pdf-lib)');
  doc.setLanguage('fr-FR');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const info = infoDict(doc);
  if (!info) throw new Error('Propriétés du document absentes après leur écriture.');
  info.set(PDFName.of(ATTESTATION_CODE_ENTRY), PDFString.of(code));
  info.set(PDFName.of(ATTESTATION_ID_ENTRY), PDFString.of(content.id));
  // Plain objects (no object streams): the properties stay readable by any tool, and a hand-edit shows.
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
