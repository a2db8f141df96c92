import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type ExcelJS from 'exceljs';
import { apdfFileName } from './apdf-file-name';
import { INCENTIVE_TYPES, SliceTotals, wrapSlices, type DistanceSlice } from './apdf-slices';
import { writeSummarySheet } from './apdf-summary-sheet';
import { TRIPS_SHEET } from './apdf-summary-text';
import { APDF_TRIP_HEADERS, APDF_TRIP_WIDTHS, apdfTripCells, type ApdfCell, type ApdfTrip } from './apdf-trips-sheet';
import { OutputFile } from './output-file';
import { writeThroughPartial } from './partial-file';
import { XLSX_MAX_DATA_ROWS, XlsxFileWriter } from './xlsx-file-writer';
import { makePrivateDir } from '../platform/private-files';

export type { ApdfTrip } from './apdf-trips-sheet';
export type { DistanceSlice } from './apdf-slices';

export interface ApdfWorkbookInput {
  campaign: {
    /** Letters, digits, `_` and `-` only: it is part of the file name. */
    id: string;
    name: string;
    /** Distance slices in metres, as the campaign declares them (before `wrapSlices`). */
    slices?: DistanceSlice[];
  };
  operator: { id: number; name: string };
  /** `YYYY-MM`. */
  month: string;
  /** The month's journeys of this campaign and operator, in start order (the sheet keeps this order). */
  rows: AsyncIterable<ApdfTrip>;
  /** Folder of the workbook, created if missing. */
  outDir: string;
  signal?: AbortSignal;
}

/** The workbook written and its totals (plain data: it travels in job summaries). */
export type ApdfWorkbookResult = {
  /** Absolute or relative as `outDir` is; named after the totals below. */
  file: string;
  trips: number;
  /** Journeys with an incentive > 0. */
  subsidized: number;
  amountCents: number;
};

/** Spooled rows are gathered into chunks of about this many characters before each write. */
const SPOOL_CHUNK_CHARS = 1 << 20;

const COURIER: Partial<ExcelJS.Style> = { font: { name: 'Courier', size: 9 } };
const COURIER_BOLD: Partial<ExcelJS.Style> = { font: { name: 'Courier', size: 9, bold: true } };

interface MonthTotals {
  trips: number;
  subsidized: number;
  amountCents: number;
}

/** Refuses a journey the registry would never put in an APDF, before it can skew the totals. */
function checkTrip(trip: ApdfTrip): void {
  const id = trip.journeyId;
  if (!Number.isSafeInteger(trip.incentiveCents) || trip.incentiveCents < 0) {
    throw new Error(`Trajet ${id} : montant d’incitation invalide (${trip.incentiveCents} centimes ; entier ≥ 0 attendu).`);
  }
  if (!Number.isFinite(trip.distanceM)) throw new Error(`Trajet ${id} : distance invalide (${trip.distanceM}).`);
  if (!(INCENTIVE_TYPES as readonly string[]).includes(trip.incentiveType)) {
    throw new Error(`Trajet ${id} : période d’incitation inconnue « ${trip.incentiveType} » (normale ou booster).`);
  }
}

/**
 * First pass: writes each journey's « Trajets » cells to the spool file (one JSON array per line) while adding up
 * the totals the file name and the summary sheet need; both are known only once every journey has been seen.
 */
async function spoolTrips(rows: AsyncIterable<ApdfTrip>, spool: string, slices: SliceTotals, signal?: AbortSignal): Promise<MonthTotals> {
  const output = new OutputFile(spool, signal);
  const totals: MonthTotals = { trips: 0, subsidized: 0, amountCents: 0 };
  try {
    let chunk = '';
    for await (const trip of rows) {
      output.throwIfStopped();
      checkTrip(trip);
      chunk += `${JSON.stringify(apdfTripCells(trip))}\n`;
      totals.trips += 1;
      totals.amountCents += trip.incentiveCents;
      if (trip.incentiveCents > 0) totals.subsidized += 1;
      slices.add(trip.distanceM, trip.incentiveCents, trip.incentiveType);
      if (chunk.length >= SPOOL_CHUNK_CHARS) {
        await output.write(chunk);
        chunk = '';
      }
    }
    await output.end(chunk);
    return totals;
  } catch (error) {
    await output.discard();
    throw error;
  }
}

/** Second pass: the « Trajets » sheet (Courier 9, bold header, registry widths), read back from the spool. */
async function writeTripsSheet(writer: XlsxFileWriter, spool: string): Promise<void> {
  const sheet = writer.workbook.addWorksheet(TRIPS_SHEET);
  sheet.columns = APDF_TRIP_WIDTHS.map((width) => ({ width, style: COURIER }));
  const header = sheet.addRow([]);
  APDF_TRIP_HEADERS.forEach((name, i) => {
    const cell = header.getCell(i + 1);
    cell.value = name;
    cell.style = COURIER_BOLD;
  });
  header.commit();
  const input = createReadStream(spool, { encoding: 'utf8' });
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      writer.throwIfStopped();
      const cells = JSON.parse(line) as ApdfCell[];
      const row = sheet.addRow([]);
      cells.forEach((value, i) => {
        if (value === null) return;
        const cell = row.getCell(i + 1);
        cell.value = value;
        cell.style = COURIER;
      });
      row.commit();
      await writer.paced(sheet);
    }
  } finally {
    // readline does not close its input: an open spool could not be deleted on Windows.
    input.destroy();
  }
  sheet.commit();
}

/**
 * Writes the APDF workbook of one campaign × operator × month, laid out as the registry's (reports.md §2.3):
 * « Synthèse par tranche » first when the campaign has slices and at least one journey falls in them after
 * `wrapSlices`, then « Trajets » (columns A–S, one row per journey, zero-euro ones included). The file is named
 * `APDF-<month>-<campaign>-<operator>-<trips>-<subsidized>-<amount_cents>-<sanitized name>.xlsx` in `outDir`.
 *
 * Memory stays flat whatever the number of journeys: they are streamed to a spool file next to the workbook while
 * the totals are added up (the name and sheet 1 need them before « Trajets » can be written), then streamed from
 * the spool into exceljs's streaming writer. The workbook goes through `<name>.partial`; the spool and any partial
 * file are deleted on success, error and cancellation.
 */
export async function writeApdfWorkbook(input: ApdfWorkbookInput): Promise<ApdfWorkbookResult> {
  const { campaign, operator, month, outDir, signal } = input;
  // Fails on a bad month or campaign id before reading any journey.
  apdfFileName({ month, campaignId: campaign.id, operatorId: operator.id, trips: 0, subsidized: 0, amountCents: 0, campaignName: campaign.name });
  await makePrivateDir(outDir);
  const spool = join(outDir, `.apdf-${randomUUID()}.spool.partial`);
  try {
    const slices = new SliceTotals(wrapSlices(campaign.slices ?? []));
    const totals = await spoolTrips(input.rows, spool, slices, signal);
    if (totals.trips > XLSX_MAX_DATA_ROWS) {
      throw new Error(`${totals.trips} trajets : plus que les ${XLSX_MAX_DATA_ROWS} lignes d’un onglet Excel, l’APDF ne peut pas être produit.`);
    }
    const file = join(outDir, apdfFileName({ month, campaignId: campaign.id, operatorId: operator.id, ...totals, campaignName: campaign.name }));
    await writeThroughPartial(file, async (partial) => {
      const writer = new XlsxFileWriter(partial, signal);
      writer.workbook.title = `APDF ${month} — ${campaign.name} — ${operator.name}`;
      try {
        if (slices.matched) writeSummarySheet(writer.workbook, slices);
        await writeTripsSheet(writer, spool);
        await writer.finish();
      } catch (error) {
        await writer.discard();
        throw error;
      }
    });
    return { file, ...totals };
  } finally {
    await rm(spool, { force: true });
  }
}
