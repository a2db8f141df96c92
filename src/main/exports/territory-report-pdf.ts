import { LineCapStyle, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { ShapeFeature } from '../../shared/types/map';
import type { SimulationResult } from '../../shared/types/simulation';
import type { TerritoryLevel, TerritorySummary } from '../../shared/types/territory';
import { formatCents, formatDateTime, formatDecimal, formatInteger, formatPercent } from '../../shared/util/format';
import { trend } from '../domain/territory/compose-summary';
import { projectReportMap, type ReportFlow, type ReportPlace } from '../domain/territory/report-map';

/** A saved simulation as the report prints it. Money in cents. */
export interface ReportSimulation {
  id: number;
  campaignName: string;
  from: string;
  to: string;
  totals: SimulationResult['totals'];
  driversPaid: number;
}

/** Everything the one-page territory report prints (composed on the main side, drawn in the worker). */
export interface TerritoryReportModel {
  summary: TerritorySummary;
  map: {
    flows: ReportFlow[];
    places: ReportPlace[];
    /** Contours of the background (départements), GeoJSON WGS 84. */
    contours: ShapeFeature[];
    /** Privacy threshold applied to flows and places (journeys), and the flows it hid. */
    minCount: number;
    hiddenFlows: number;
    attribution: string;
  };
  simulation: ReportSimulation | null;
  /** ISO instant of generation. */
  generatedAt: string;
  /** Vintage of the geography (names, memberships). */
  geography: string;
}

/** Names of the levels as the report prints them. */
export const LEVEL_LABELS: Readonly<Record<TerritoryLevel, string>> = { com: 'Commune', epci: 'EPCI', aom: 'AOM', dep: 'Département', reg: 'Région' };

/** A4 portrait, in points. */
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 36;
const CONTENT = PAGE_WIDTH - 2 * MARGIN;

/** Colours of the État's design system (DSFR): bleu France, rouge Marianne, greys, the lightest blue. */
const BLUE = rgb(0, 0, 145 / 255);
const RED = rgb(225 / 255, 0, 15 / 255);
const TEXT = rgb(22 / 255, 22 / 255, 22 / 255);
const GREY = rgb(102 / 255, 102 / 255, 102 / 255);
const LINE = rgb(221 / 255, 221 / 255, 221 / 255);
const LAND = rgb(246 / 255, 246 / 255, 246 / 255);
const LIGHT_BLUE = rgb(245 / 255, 245 / 255, 254 / 255);
const MID_BLUE = rgb(106 / 255, 106 / 255, 244 / 255);

const longDay = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const shortMonth = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'short' });

/** `2026-09-01` → `1er septembre 2026`, with no-break spaces: a date is never split across two lines. */
function dayText(day: string): string {
  const text = longDay.format(new Date(`${day}T00:00:00Z`));
  return (day.endsWith('-01') ? text.replace(/^1 /, '1er ') : text).replace(/ /g, '\u00a0');
}

/** `2026-09` → `sept. 26`: short enough for a bar of the chart. */
function monthLabel(month: string): string {
  return `${shortMonth.format(new Date(`${month}-01T00:00:00Z`))} ${month.slice(2, 4)}`;
}

/** Relative change as printed: `+12,3 % sur un an`, `-4 % sur un an`; nothing without comparison (the subtitle says why). */
function trendText(value: number, before: number | null): string {
  if (before === null) return '';
  const change = trend(value, before);
  if (change === null) return `un an avant : ${formatInteger(before)}`;
  return `${change > 0 ? '+' : change < 0 ? '-' : ''}${formatPercent(Math.abs(change))} sur un an`;
}

/** The territory as the title names it. */
function territoryTitle(summary: TerritorySummary): string {
  return summary.territory.name ?? `${LEVEL_LABELS[summary.territory.level]} ${summary.territory.code}`;
}

/**
 * One page drawn with the standard Helvetica fonts (WinAnsi: French accents, €, ’ and « » are in it). Characters
 * the fonts cannot encode are printed as `?`, and the narrow and no-break spaces of French number formats as plain
 * spaces, so that text extraction (and search in the PDF) reads `1 234` as typed.
 */
class Sheet {
  private readonly encodable: Set<number>;

  constructor(
    readonly page: PDFPage,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.encodable = new Set(regular.getCharacterSet());
  }

  clean(text: string): string {
    return [...text.replace(/[\u00a0\u2009\u202f]/g, ' ').replace(/\u2212/g, '-').replace(/₂/g, '2')]
      .map((char) => (this.encodable.has(char.codePointAt(0) ?? 0) ? char : '?'))
      .join('');
  }

  width(text: string, size: number, bold = false): number {
    return (bold ? this.bold : this.regular).widthOfTextAtSize(this.clean(text), size);
  }

  /** Text at `x` with its baseline `top` points below the top of the page; `align: 'right'` ends it at `x`. */
  text(text: string, x: number, top: number, size: number, options: { bold?: boolean; color?: RGB; align?: 'left' | 'right' | 'center'; maxWidth?: number } = {}): void {
    let printed = this.clean(text);
    const font = options.bold ? this.bold : this.regular;
    if (options.maxWidth !== undefined) {
      while (printed.length > 1 && font.widthOfTextAtSize(printed, size) > options.maxWidth) printed = `${printed.slice(0, -2)}…`;
    }
    const width = font.widthOfTextAtSize(printed, size);
    const left = options.align === 'right' ? x - width : options.align === 'center' ? x - width / 2 : x;
    this.page.drawText(printed, { x: left, y: PAGE_HEIGHT - top, size, font, color: options.color ?? TEXT });
  }

  /**
   * Words of `text` in lines of at most `width` points, drawn from `top` down; answers the top below the last line.
   * Lines break at plain spaces only: `15 889,95 €` (no-break spaces) stays whole.
   */
  paragraph(text: string, x: number, top: number, size: number, width: number, color: RGB = GREY): number {
    let line = '';
    let y = top;
    const flush = (): void => {
      this.text(line, x, y, size, { color });
      y += size * 1.3;
    };
    for (const word of text.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (line !== '' && this.regular.widthOfTextAtSize(this.clean(candidate), size) > width) {
        flush();
        line = word;
      } else line = candidate;
    }
    if (line !== '') flush();
    return y;
  }

  /** A rectangle whose top edge is `top` points below the top of the page. */
  box(x: number, top: number, width: number, height: number, options: { color?: RGB; border?: RGB }): void {
    this.page.drawRectangle({
      x, y: PAGE_HEIGHT - top - height, width, height,
      ...(options.color ? { color: options.color } : {}),
      ...(options.border ? { borderColor: options.border, borderWidth: 0.6 } : {}),
    });
  }

  heading(text: string, x: number, top: number): void {
    this.text(text, x, top, 10.5, { bold: true, color: BLUE });
  }
}

/** The eight headline tiles: label, value, and the change over a year. */
function tiles(summary: TerritorySummary): Array<{ label: string; value: string; note: string }> {
  const f = summary.figures;
  const tile = (label: string, figure: { value: number; yearBefore: number | null }, value: string): { label: string; value: string; note: string } => ({
    label, value, note: trendText(figure.value, figure.yearBefore),
  });
  return [
    tile('Trajets', f.journeys, formatInteger(f.journeys.value)),
    tile('Covoiturages (voitures)', f.carpools, formatInteger(f.carpools.value)),
    tile('Covoitureurs', f.carpoolers, formatInteger(f.carpoolers.value)),
    tile('Distance parcourue', f.distanceKm, `${formatInteger(f.distanceKm.value)} km`),
    tile('Incitations versées (registre)', f.incentivesCents, formatCents(f.incentivesCents.value)),
    tile('Opérateurs', f.operators, formatInteger(f.operators.value)),
    tile('CO2 évité', f.co2Tonnes, `${formatDecimal(f.co2Tonnes.value)} t`),
    { label: 'Trajets internes au territoire', value: f.internalShare === null ? '—' : formatPercent(f.internalShare), note: 'départ et arrivée dans le territoire' },
  ];
}

function drawHeader(sheet: Sheet, model: TerritoryReportModel): void {
  const { summary } = model;
  sheet.box(0, 0, PAGE_WIDTH * 0.7, 8, { color: BLUE });
  sheet.box(PAGE_WIDTH * 0.7, 0, PAGE_WIDTH * 0.3, 8, { color: RED });
  sheet.text(`Le covoiturage — ${territoryTitle(summary)}`, MARGIN, 44, 18, { bold: true, color: BLUE, maxWidth: CONTENT });
  const level = `${LEVEL_LABELS[summary.territory.level]} (code ${summary.territory.code})`;
  sheet.text(`${level} · du ${dayText(summary.from)} au ${dayText(summary.to)}`, MARGIN, 61, 10);
  const compared = summary.yearBefore
    ? `Évolutions comparées à la même période un an avant (du ${dayText(summary.yearBefore.from)} au ${dayText(summary.yearBefore.to)}).`
    : 'Pas de comparaison sur un an : la base ne couvre pas la même période un an avant.';
  sheet.text(compared, MARGIN, 74, 8.5, { color: GREY });
}

function drawTiles(sheet: Sheet, model: TerritoryReportModel): void {
  const gap = 6;
  const width = (CONTENT - 3 * gap) / 4;
  tiles(model.summary).forEach((tile, index) => {
    const x = MARGIN + (index % 4) * (width + gap);
    const top = 86 + Math.floor(index / 4) * 56;
    sheet.box(x, top, width, 50, { color: LIGHT_BLUE });
    sheet.box(x, top, 2.5, 50, { color: BLUE });
    sheet.text(tile.label, x + 8, top + 12, 7.5, { color: GREY, maxWidth: width - 12 });
    sheet.text(tile.value, x + 8, top + 30, 14, { bold: true, color: BLUE, maxWidth: width - 12 });
    sheet.text(tile.note, x + 8, top + 43, 7, { color: TEXT, maxWidth: width - 12 });
  });
}

/** The map panel: contours, flows and places projected into a box, with its legend. */
function drawMap(sheet: Sheet, model: TerritoryReportModel, x: number, top: number, width: number, height: number): void {
  sheet.heading('Principaux flux entre communes', x, top);
  const boxTop = top + 8;
  sheet.box(x, boxTop, width, height, { color: rgb(1, 1, 1), border: LINE });
  const projected = projectReportMap({ flows: model.map.flows, places: model.map.places, contours: model.map.contours }, { width, height, padding: 18 });
  if (!projected || model.map.flows.length === 0) {
    sheet.paragraph(`Aucun flux entre deux communes n’atteint le seuil de confidentialité (${formatInteger(model.map.minCount)} trajets) sur la période.`, x + 12, boxTop + height / 2, 9, width - 24);
    return;
  }
  const origin = { x, y: PAGE_HEIGHT - boxTop };
  for (const contour of projected.contours) sheet.page.drawSvgPath(contour, { ...origin, color: LAND, borderColor: LINE, borderWidth: 0.6 });
  for (const flow of projected.flows) sheet.page.drawSvgPath(flow.path, { ...origin, borderColor: BLUE, borderWidth: flow.width, borderOpacity: 0.75, borderLineCap: LineCapStyle.Round });
  for (const place of projected.places) {
    sheet.page.drawCircle({ x: x + place.x, y: PAGE_HEIGHT - boxTop - place.y, size: place.radius, color: place.inTerritory ? RED : MID_BLUE, borderColor: rgb(1, 1, 1), borderWidth: 0.5 });
  }
  // Places are named by journeys, most first, as long as their label overlaps no other (six at most: more would
  // cover the flows).
  const labels: Array<{ left: number; top: number; right: number; bottom: number }> = [];
  for (const place of [...projected.places].sort((a, b) => b.journeys - a.journeys)) {
    if (labels.length >= 6) break;
    if (!place.name) continue;
    const textWidth = sheet.width(place.name, 7, true);
    const onLeft = place.x + place.radius + 2 + textWidth > width - 4;
    const left = onLeft ? place.x - place.radius - 2 - textWidth : place.x + place.radius + 2;
    const rect = { left: left - 1, top: place.y - 5, right: left + textWidth + 1, bottom: place.y + 4 };
    if (rect.left < 0 || rect.top < 0 || rect.bottom > height) continue;
    if (labels.some((other) => rect.left < other.right && other.left < rect.right && rect.top < other.bottom && other.top < rect.bottom)) continue;
    labels.push(rect);
    sheet.page.drawRectangle({ x: x + rect.left, y: PAGE_HEIGHT - boxTop - rect.bottom, width: rect.right - rect.left, height: rect.bottom - rect.top, color: rgb(1, 1, 1), opacity: 0.8 });
    sheet.text(place.name, x + left, boxTop + place.y + 2.5, 7, { bold: true });
  }
  const hidden = model.map.hiddenFlows > 0 ? ` ; ${formatInteger(model.map.hiddenFlows)} flux sous le seuil non dessinés` : '';
  sheet.paragraph(
    `Épaisseur selon les trajets (flux d’au moins ${formatInteger(model.map.minCount)} trajets${hidden}). Points rouges : communes du territoire. Fond : ${model.map.attribution}.`,
    x, boxTop + height + 10, 7, width,
  );
}

/** A bar chart of `values` with their labels, in a box whose top is `top`. */
function drawBars(sheet: Sheet, values: ReadonlyArray<{ label: string; value: number }>, x: number, top: number, width: number, height: number): void {
  const max = Math.max(1, ...values.map((entry) => entry.value));
  const slot = width / Math.max(1, values.length);
  const barWidth = Math.min(28, slot * 0.7);
  const chartHeight = height - 22;
  // Labels thinned out when bars are narrow: every n-th one stays readable.
  const every = Math.max(1, Math.ceil(26 / slot));
  values.forEach((entry, index) => {
    const barHeight = (entry.value / max) * chartHeight;
    const centre = x + slot * index + slot / 2;
    sheet.box(centre - barWidth / 2, top + 10 + chartHeight - barHeight, barWidth, barHeight, { color: BLUE });
    if (index % every === 0) {
      sheet.text(formatInteger(entry.value), centre, top + 8 + chartHeight - barHeight, 6.5, { align: 'center' });
      sheet.text(entry.label, centre, top + 20 + chartHeight, 6.5, { align: 'center', color: GREY });
    }
  });
  sheet.box(x, top + 10 + chartHeight, width, 0.6, { color: GREY });
}

/** Label and value lines from `top` down (value right-aligned at the column's end); answers the top below them. */
function drawLines(sheet: Sheet, lines: ReadonlyArray<[string, string]>, x: number, top: number, width: number): number {
  let y = top;
  for (const [label, value] of lines) {
    const valueWidth = sheet.width(value, 8);
    sheet.text(label, x, y, 8, { maxWidth: width - valueWidth - 8 });
    sheet.text(value, x + width, y, 8, { align: 'right', bold: true });
    y += 11;
  }
  return y;
}

function drawRightColumn(sheet: Sheet, model: TerritoryReportModel, x: number, top: number, width: number): void {
  const { summary } = model;
  sheet.heading('Trajets par mois', x, top);
  drawBars(sheet, summary.months.map((month) => ({ label: monthLabel(month.month), value: month.journeys })), x, top + 6, width, 120);

  sheet.heading('Parts des opérateurs', x, top + 150);
  const shown = summary.operators.slice(0, 5);
  const others = summary.operators.slice(5).reduce((sum, row) => sum + row.share, 0);
  const operatorLines: Array<[string, string]> = shown.map((row) => [row.operator, formatPercent(row.share)]);
  if (others > 0) operatorLines.push([`${summary.operators.length - 5} autres opérateurs`, formatPercent(others)]);
  if (operatorLines.length === 0) operatorLines.push(['Aucun trajet sur la période', '—']);
  let y = drawLines(sheet, operatorLines, x, top + 164, width);

  sheet.heading('Incitations déjà versées', x, y + 8);
  y = sheet.paragraph(
    summary.incentives.journeys > 0
      ? `${formatCents(summary.incentives.cents)} sur ${formatInteger(summary.incentives.journeys)} trajets, par les campagnes du registre :`
      : 'Aucun trajet du territoire n’a reçu d’incitation d’une campagne du registre sur la période.',
    x, y + 22, 8, width, TEXT,
  );
  drawLines(
    sheet,
    summary.incentives.payers.slice(0, 4).map((payer) => [payer.authority ? `${payer.campaign} (${payer.authority})` : payer.campaign, formatCents(payer.cents)]),
    x, y + 2, width,
  );
}

function drawFlowsAndWeekdays(sheet: Sheet, model: TerritoryReportModel, top: number): void {
  const half = (CONTENT - 24) / 2;
  const { summary } = model;
  sheet.heading('Principaux flux (trajets)', MARGIN, top);
  const flowLines: Array<[string, string]> = summary.topFlows.slice(0, 8).map((flow) => [`${flow.originName ?? flow.origin} vers ${flow.destinationName ?? flow.destination}`, formatInteger(flow.journeys)]);
  if (flowLines.length === 0) flowLines.push(['Aucun flux au-dessus du seuil de confidentialité', '—']);
  drawLines(sheet, flowLines, MARGIN, top + 14, half);
  const right = MARGIN + half + 24;
  sheet.heading('Trajets par jour de la semaine', right, top);
  const days = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'];
  drawBars(sheet, summary.byWeekday.map((value, index) => ({ label: days[index] ?? '', value })), right, top + 4, half, 92);
}

function drawSimulation(sheet: Sheet, simulation: ReportSimulation, top: number): void {
  sheet.box(MARGIN, top, CONTENT, 72, { color: LIGHT_BLUE });
  sheet.box(MARGIN, top, 2.5, 72, { color: RED });
  sheet.text('Et si nous lancions une campagne ?', MARGIN + 10, top + 15, 10.5, { bold: true, color: BLUE });
  const t = simulation.totals;
  const budget = t.budgetCents === null ? 'sans budget' : `budget ${formatCents(t.budgetCents)}${t.exhaustedOn ? `, épuisé le ${dayText(t.exhaustedOn)}` : ''}`;
  sheet.paragraph(
    `Simulation n° ${simulation.id}, « ${simulation.campaignName} », sur les trajets passés du ${dayText(simulation.from)} au ${dayText(simulation.to)} : ` +
      `${formatInteger(t.trips)} trajets simulés, ${formatInteger(t.eligible)} éligibles, ${formatInteger(t.paid)} incités pour ${formatInteger(simulation.driversPaid)} conducteurs. ` +
      `Montant : ${formatCents(t.amountCents)} (${budget}).`,
    MARGIN + 10, top + 31, 9, CONTENT - 20, TEXT,
  );
}

function drawFooter(sheet: Sheet, model: TerritoryReportModel): void {
  const { summary } = model;
  const store = summary.store.from && summary.store.to ? `La base couvre les trajets du ${dayText(summary.store.from)} au ${dayText(summary.store.to)}` : 'La base ne contient aucun trajet';
  const sync = summary.store.lastSync ? ` ; dernier import le ${formatDateTime(summary.store.lastSync)}` : '';
  sheet.box(MARGIN, PAGE_HEIGHT - 66, CONTENT, 0.6, { color: LINE });
  sheet.paragraph(
    'Source : registre de preuve de covoiturage (extraits importés dans Atelier Covoiturage), définitions de la page Statistiques : trajets validés par le registre, ' +
      'fraude confirmée exclue, trajets partant ou arrivant dans le territoire ; CO2 évité : 195 g par passager-km. ' +
      `${store}${sync}. Seuil de confidentialité des flux : ${formatInteger(model.map.minCount)} trajets. Géographie : ${model.geography}.`,
    MARGIN, PAGE_HEIGHT - 56, 7, CONTENT,
  );
  sheet.text(`Généré le ${formatDateTime(model.generatedAt)} avec Atelier Covoiturage.`, MARGIN, PAGE_HEIGHT - 22, 7, { color: GREY });
}

/**
 * The one-page territory report (A4 portrait, French, DSFR colours), what an agent hands to elected officials:
 * title with the territory and period, the home figures with their change over a year, a map of the main flows,
 * journeys per month and per weekday, operators' shares, incentives already paid and by whom, and a saved
 * simulation when given; source, threshold and generation date at the foot. Answers the PDF's bytes.
 */
export async function buildTerritoryReportPdf(model: TerritoryReportModel): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  const sheet = new Sheet(page, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  drawHeader(sheet, model);
  drawTiles(sheet, model);
  const mapWidth = 300;
  drawMap(sheet, model, MARGIN, 212, mapWidth, 300);
  drawRightColumn(sheet, model, MARGIN + mapWidth + 14, 212, CONTENT - mapWidth - 14);
  drawFlowsAndWeekdays(sheet, model, 560);
  if (model.simulation) drawSimulation(sheet, model.simulation, 686);

  const generated = new Date(model.generatedAt);
  doc.setTitle(sheet.clean(`Le covoiturage — ${territoryTitle(model.summary)}, du ${dayText(model.summary.from)} au ${dayText(model.summary.to)}`));
  doc.setSubject('Rapport de territoire');
  doc.setCreator('Atelier Covoiturage');
  doc.setProducer('Atelier Covoiturage (pdf-lib)');
  doc.setLanguage('fr-FR');
  doc.setCreationDate(generated);
  doc.setModificationDate(generated);
  drawFooter(sheet, model);
  return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
}

/** A figure with its value a year before and the relative change (null when not comparable). */
function figureJson(figure: { value: number; yearBefore: number | null }): { value: number; year_before: number | null; change: number | null } {
  return { value: figure.value, year_before: figure.yearBefore, change: trend(figure.value, figure.yearBefore) };
}

/**
 * The figures the report prints, as plain JSON (`atelier territory report --json`, the job's summary): money in
 * cents, distance in km, CO₂ in tonnes, shares 0–1, changes relative (0.25 = +25 %).
 */
export function reportFigures(model: TerritoryReportModel): Record<string, unknown> {
  const { summary } = model;
  const f = summary.figures;
  return {
    territory: summary.territory,
    from: summary.from,
    to: summary.to,
    year_before: summary.yearBefore,
    figures: {
      journeys: figureJson(f.journeys),
      carpools: figureJson(f.carpools),
      carpoolers: figureJson(f.carpoolers),
      distance_km: figureJson(f.distanceKm),
      incentives_cents: figureJson(f.incentivesCents),
      operators: figureJson(f.operators),
      co2_tonnes: figureJson(f.co2Tonnes),
      internal_share: f.internalShare,
    },
    months: summary.months,
    weekdays: summary.byWeekday,
    top_flows: summary.topFlows.slice(0, 8).map((flow) => ({ origin: flow.origin, origin_name: flow.originName, destination: flow.destination, destination_name: flow.destinationName, journeys: flow.journeys })),
    flows_drawn: model.map.flows.length,
    operators: summary.operators.map((row) => ({ operator: row.operator, journeys: row.journeys, share: row.share })),
    incentives: { journeys: summary.incentives.journeys, cents: summary.incentives.cents, payers: summary.incentives.payers },
    simulation: model.simulation
      ? {
          id: model.simulation.id, campaign: model.simulation.campaignName, from: model.simulation.from, to: model.simulation.to,
          journeys: model.simulation.totals.trips, eligible: model.simulation.totals.eligible, incentivised: model.simulation.totals.paid,
          amount_cents: model.simulation.totals.amountCents, budget_cents: model.simulation.totals.budgetCents, drivers_paid: model.simulation.driversPaid,
        }
      : null,
    threshold: model.map.minCount,
    generated_at: model.generatedAt,
  };
}
