import { renameSync, rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { StatsQuery, StatsSeriesPoint } from '../../shared/types/stats';
import { neutralizeCell } from '../../shared/util/cell-safety';
import { formatDay, formatMonth } from '../../shared/util/format';
import { CO2_TONNES_PER_PASSENGER_KM } from '../domain/stats/compose-stats';
import type { StatsReport } from '../services/stats-queries';

const EUROS = '#,##0.00 "€"';
const INTEGER = '#,##0';
const DECIMAL = '#,##0.0';
const PERCENT = '0.0 %';

const LEVEL_LABELS: Readonly<Record<StatsQuery['level'], string>> = {
  com: 'commune', epci: 'EPCI', aom: 'AOM', dep: 'département', reg: 'région', country: 'pays',
};
const DIRECTION_LABELS: Readonly<Record<StatsQuery['direction'], string>> = {
  both: 'départ ou arrivée dans le territoire', from: 'départ du territoire', to: 'arrivée dans le territoire', intra: 'trajets internes',
};

/** Text from extracts or the geography: neutralised against formula injection (numbers stay numbers). */
const text = (value: string | null): string => neutralizeCell(value ?? '');

/** Frozen header, autofilter on the header row, bold header with a bottom border. */
function tableSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Array<{ header: string; width: number; numFmt?: string }>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width, style: column.numFmt ? { numFmt: column.numFmt } : {} }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.border = { bottom: { style: 'thin' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/** A totals row: label, then SUM formulas (with their value cached, for readers that do not recompute). */
function totalsRow(sheet: ExcelJS.Worksheet, rowNumber: number, firstDataRow: number, label: string, columns: ReadonlyArray<{ column: string; total: number }>, labelColumn = 1): void {
  const row = sheet.getRow(rowNumber);
  row.getCell(labelColumn).value = label;
  for (const { column, total } of columns) {
    row.getCell(column).value = { formula: `SUM(${column}${firstDataRow}:${column}${rowNumber - 1})`, result: total };
  }
  row.font = { bold: true };
  row.border = { top: { style: 'thin' } };
  row.commit();
}

/**
 * Writes the territory statistics workbook: « Synthèse » (filters, period, key figures with their definitions),
 * « Par mois » (with the days each month covers: « complet » or « partiel : du … au … »), « Par opérateur », « Par commune », « Par EPCI » and « Flux », with French number formats, frozen
 * headers, autofilters and totals. Written with exceljs's streaming writer to `<file>.partial`, renamed when
 * complete. `generatedAt` is an ISO instant, printed in Europe/Paris time.
 */
export async function writeTerritoryWorkbook(report: StatsReport, file: string, meta: { generatedAt: string; geography: string }): Promise<void> {
  const partial = `${file}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Atelier Covoiturage';
  try {
    writeSummary(workbook, report, meta);
    writeMonths(workbook, report);
    writeOperators(workbook, report);
    writeCommunes(workbook, report);
    writeEpcis(workbook, report);
    writeFlows(workbook, report);
    await workbook.commit();
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

function writeSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: StatsReport, meta: { generatedAt: string; geography: string }): void {
  const { result } = report;
  const sheet = workbook.addWorksheet('Synthèse', { views: [{ showGridLines: false }] });
  sheet.columns = [{ width: 34 }, { width: 20 }, { width: 14 }, { width: 70 }];
  const generated = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(new Date(meta.generatedAt));
  const title = sheet.addRow([`Statistiques de covoiturage — ${text(result.territory.name ?? result.territory.code)}`]);
  title.font = { bold: true, size: 14 };
  title.commit();
  const filters: Array<[string, string]> = [
    ['Territoire', `${text(result.territory.name ?? '')} (${LEVEL_LABELS[result.territory.level]} ${result.territory.code})`],
    ['Sens', DIRECTION_LABELS[result.direction]],
    ['Période', `du ${formatDay(result.from)} au ${formatDay(result.to)} (jours en heure de Paris)`],
    ['Trajets comptés', 'validés par le registre (statut « ok ») ; signalés fraude ou anomalie exclus'],
    ['Géographie', meta.geography],
    ['Produit le', `${generated} par Atelier Covoiturage`],
  ];
  sheet.addRow([]).commit();
  for (const [label, value] of filters) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  sheet.addRow([]).commit();
  const header = sheet.addRow(['Indicateur', 'Valeur', 'Unité', 'Définition']);
  header.font = { bold: true };
  header.border = { bottom: { style: 'thin' } };
  header.commit();
  const k = result.key;
  const figures: Array<[string, number | null, string, string, string]> = [
    ['Passagers transportés', k.passengers, 'passagers', INTEGER, 'Somme des places réservées par les passagers.'],
    ['Trajets', k.journeys, 'trajets', INTEGER, 'Couples conducteur–passager.'],
    ['Covoiturages', k.trips, 'véhicules', INTEGER, 'Trajets en voiture distincts (identifiant de trajet de l’opérateur).'],
    ['Covoitureurs', k.carpoolers, 'personnes', INTEGER, 'Conducteurs et passagers distincts de chaque mois, additionnés sur les mois de la période.'],
    ['Personnes par véhicule', k.peoplePerVehicle, 'personnes', '0.00', '(covoiturages + passagers) / covoiturages.'],
    ['Nouveaux conducteurs', k.newDrivers, 'personnes', INTEGER, 'Premier trajet de la base dans la période.'],
    ['Nouveaux passagers', k.newPassengers, 'personnes', INTEGER, 'Premier trajet de la base dans la période.'],
    ['Distance moyenne', k.meanDistanceKm, 'km', DECIMAL, 'Par trajet.'],
    ['Durée moyenne', k.meanDurationMin, 'min', DECIMAL, 'Par trajet.'],
    ['Trajets internes', k.internalShare, '%', PERCENT, 'Part des trajets qui partent et arrivent dans le territoire.'],
    ['CO₂ évité', k.co2Tonnes, 't', '#,##0.00', `Passagers-km × ${CO2_TONNES_PER_PASSENGER_KM} t (195 g CO₂e par passager-km).`],
    ['Incitations du registre', k.rpcCents / 100, '€', EUROS, 'Montants des campagnes calculés par le registre.'],
    ['Incitations déclarées par les opérateurs', k.opCents / 100, '€', EUROS, 'Trois premières incitations déclarées par trajet.'],
    ['Trajets incités par le registre', k.incented, 'trajets', INTEGER, 'Trajets avec une incitation du registre > 0.'],
  ];
  for (const [label, value, unit, numFmt, definition] of figures) {
    const row = sheet.addRow([label, value, unit, definition]);
    row.getCell(2).numFmt = numFmt;
    row.commit();
  }
  sheet.commit();
}

/**
 * The days a step's figures count, as the Statistiques page's table says it: « complet », or « partiel : du … au … »
 * when the period or the store's data cut the month (its figures are then lower by nature, not by a fall).
 */
function coverage(point: StatsSeriesPoint): string {
  if (!point.partial) return 'complet';
  return point.from === point.to ? `partiel : le ${formatDay(point.from)} seulement` : `partiel : du ${formatDay(point.from)} au ${formatDay(point.to)}`;
}

function writeMonths(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: StatsReport): void {
  const sheet = tableSheet(workbook, 'Par mois', [
    { header: 'Mois', width: 18 },
    { header: 'Trajets', width: 14, numFmt: INTEGER },
    { header: 'Covoiturages', width: 14, numFmt: INTEGER },
    { header: 'Passagers', width: 14, numFmt: INTEGER },
    { header: 'Distance (km)', width: 16, numFmt: DECIMAL },
    { header: 'Incitations du registre (€)', width: 24, numFmt: EUROS },
    { header: 'Couverture', width: 34 },
  ]);
  const series = report.result.series;
  for (const point of series) {
    sheet.addRow([formatMonth(point.period.slice(0, 7)), point.journeys, point.trips, point.passengers, point.distanceKm, point.rpcCents / 100, coverage(point)]).commit();
  }
  const sum = (pick: (point: (typeof series)[number]) => number): number => series.reduce((total, point) => total + pick(point), 0);
  totalsRow(sheet, series.length + 2, 2, 'Total', [
    { column: 'B', total: sum((p) => p.journeys) },
    { column: 'C', total: sum((p) => p.trips) },
    { column: 'D', total: sum((p) => p.passengers) },
    { column: 'E', total: sum((p) => p.distanceKm) },
    { column: 'F', total: sum((p) => p.rpcCents) / 100 },
  ]);
  sheet.commit();
}

function writeOperators(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: StatsReport): void {
  const sheet = tableSheet(workbook, 'Par opérateur', [
    { header: 'Opérateur', width: 30 },
    { header: 'Trajets', width: 14, numFmt: INTEGER },
    { header: 'Part des trajets', width: 16, numFmt: PERCENT },
    { header: 'Incitations du registre (€)', width: 24, numFmt: EUROS },
  ]);
  const operators = report.result.byOperator;
  const total = operators.reduce((sum, row) => sum + row.journeys, 0);
  for (const row of operators) sheet.addRow([text(row.operator), row.journeys, total > 0 ? row.journeys / total : 0, row.rpcCents / 100]).commit();
  totalsRow(sheet, operators.length + 2, 2, 'Total', [
    { column: 'B', total },
    { column: 'C', total: total > 0 ? 1 : 0 },
    { column: 'D', total: operators.reduce((sum, row) => sum + row.rpcCents, 0) / 100 },
  ]);
  sheet.commit();
}

function writeCommunes(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: StatsReport): void {
  const sheet = tableSheet(workbook, 'Par commune', [
    { header: 'Code INSEE', width: 12 },
    { header: 'Commune', width: 32 },
    { header: 'EPCI (SIREN)', width: 14 },
    { header: 'EPCI', width: 40 },
    { header: 'Trajets', width: 14, numFmt: INTEGER },
  ]);
  for (const row of report.communes) sheet.addRow([row.code, text(row.name), row.epci ?? '', text(row.epciName), row.journeys]).commit();
  totalsRow(sheet, report.communes.length + 2, 2, 'Total', [{ column: 'E', total: report.communes.reduce((sum, row) => sum + row.journeys, 0) }]);
  sheet.commit();
}

function writeEpcis(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: StatsReport): void {
  const sheet = tableSheet(workbook, 'Par EPCI', [
    { header: 'EPCI (SIREN)', width: 14 },
    { header: 'EPCI', width: 40 },
    { header: 'Communes', width: 12, numFmt: INTEGER },
    { header: 'Trajets', width: 14, numFmt: INTEGER },
  ]);
  const epcis = new Map<string, { name: string | null; communes: number; journeys: number }>();
  for (const row of report.communes) {
    const key = row.epci ?? '';
    const entry = epcis.get(key) ?? { name: row.epciName, communes: 0, journeys: 0 };
    entry.communes += 1;
    entry.journeys += row.journeys;
    epcis.set(key, entry);
  }
  const rows = [...epcis].sort((a, b) => b[1].journeys - a[1].journeys);
  for (const [code, entry] of rows) sheet.addRow([code, text(entry.name ?? (code === '' ? 'Hors EPCI' : null)), entry.communes, entry.journeys]).commit();
  totalsRow(sheet, rows.length + 2, 2, 'Total', [
    { column: 'C', total: report.communes.length },
    { column: 'D', total: report.communes.reduce((sum, row) => sum + row.journeys, 0) },
  ]);
  sheet.commit();
}

function writeFlows(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: StatsReport): void {
  const sheet = tableSheet(workbook, 'Flux', [
    { header: 'Code INSEE 1', width: 13 },
    { header: 'Commune 1', width: 30 },
    { header: 'Code INSEE 2', width: 13 },
    { header: 'Commune 2', width: 30 },
    { header: 'Trajets', width: 12, numFmt: INTEGER },
    { header: 'Passagers', width: 12, numFmt: INTEGER },
    { header: 'Distance moyenne (km)', width: 22, numFmt: DECIMAL },
  ]);
  for (const flow of report.flows) {
    sheet.addRow([flow.code1, text(flow.name1), flow.code2, text(flow.name2), flow.journeys, flow.passengers, flow.journeys > 0 ? flow.distanceKm / flow.journeys : 0]).commit();
  }
  totalsRow(sheet, report.flows.length + 2, 2, 'Total', [
    { column: 'E', total: report.flows.reduce((sum, flow) => sum + flow.journeys, 0) },
    { column: 'F', total: report.flows.reduce((sum, flow) => sum + flow.passengers, 0) },
  ]);
  sheet.commit();
}
