import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectFormat, type ColumnIndex } from '../domain/extracts/detect-format';
import { enrichJourney, type ResolveLocation } from '../domain/extracts/enrich-journey';
import { FieldError } from '../domain/extracts/field-error';
import { FORMAT_COLUMNS, type ExtractFormat } from '../domain/extracts/formats';
import { dateLimits, mapRow } from '../domain/extracts/map-row';
import { redactIdentityCells, redactRawLine } from '../domain/extracts/redact-identity';
import { operatorUuid } from '../domain/trips/operators';
import { tripRowHash } from '../domain/trips/row-hash';
import { ImportWriter, type HashedTrip, type RejectedRow } from '../db/import-writer';
import { decodeText } from './decode-text';
import { ExtractFileError } from './extract-file-error';
import { listExtractEntries } from './open-extract';
import { UserIdPseudonymiser } from './pseudonymise';
import { rawLine as quotedLine, readCsv, type CsvRow } from './read-csv';

export interface ImportParams {
  storeAddress: string;
  filePath: string;
  /** Import batch created (status running) by the main thread before the worker starts. */
  batchId: number;
  /**
   * Key of the user-id pseudonyms (hex), derived from the store key by the main thread, never stored; null for a
   * store that keeps its user ids in clear (migration `202612062310_user_id_privacy`).
   */
  pseudonymKey: string | null;
}

export interface ImportSummary extends Record<string, unknown> {
  batchId: number;
  fileName: string;
  formats: ExtractFormat[];
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  periodFrom: string | null;
  periodTo: string | null;
  unresolvedCodes: Record<string, number>;
  ignoredColumns: string[];
  /** Id of the earlier batch of the very same file, when this import was a no-op. */
  duplicateOf: number | null;
  /** Encoding the text was read in (`utf-8`, `windows-1252`, `ascii`; `+`-joined for a zip), null when not read. */
  encoding: string | null;
  /** What the user should know about a file that was imported all the same (e.g. a CSV of a zip with no line). */
  warnings: string[];
}

export interface ImportContext {
  signal: AbortSignal;
  progress(step: string, current: number, total: number): void;
  /** Geography resolver, given the store's AOM table. */
  createResolver(aomByCommune: ReadonlyMap<string, string>): ResolveLocation;
  now(): Date;
}

/** Thrown inside the import when the user cancelled; the runner then discards the batch. */
export class ImportCancelled extends Error {}

async function fileHash(path: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    if (signal.aborted) throw new ImportCancelled();
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/**
 * Imports one extract file into the store, in the import worker: hashes it (the same content imported before is a
 * no-op), reads every CSV it holds (format from the header), maps each line to a journey, resolves its geography,
 * and writes chunk by chunk. Each line ends up inserted, updated, unchanged or rejected with its line number,
 * field and reason — never lost. Everything is only final when the batch commits.
 */
export async function importExtract(params: ImportParams, context: ImportContext): Promise<ImportSummary> {
  const fileName = basename(params.filePath);
  const fileSize = (await stat(params.filePath).catch(() => null))?.size ?? 0;
  context.progress('hash', 0, 0);
  const contentHash = await fileHash(params.filePath, context.signal).catch((error: unknown) => {
    if (error instanceof ImportCancelled) throw error;
    throw new ExtractFileError(`${fileName} : fichier introuvable ou illisible`);
  });
  const writer = await ImportWriter.open(params.storeAddress);
  try {
    const summary: ImportSummary = {
      batchId: params.batchId, fileName, formats: [], rowsRead: 0, rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 0, rowsRejected: 0,
      periodFrom: null, periodTo: null, unresolvedCodes: {}, ignoredColumns: [], duplicateOf: null, encoding: null, warnings: [],
    };
    // Held until the writer closes: a second import of the same file meanwhile waits here, then finds this one's batch.
    await writer.lockSameFile(contentHash);
    const previous = await writer.committedBatchWithHash(contentHash);
    if (previous) {
      summary.duplicateOf = previous.id;
      summary.formats = previous.formats;
      summary.rowsRead = previous.rowsRead;
      summary.rowsUnchanged = previous.rowsRead;
    } else {
      await readEntries(params, context, writer, summary, fileSize);
    }
    await writer.transaction(async () => {
      summary.rowsUpdated = await writer.applyStagedUpdates(params.batchId);
      await writer.commitBatch(params.batchId, {
        contentHash, fileName, fileSize, format: summary.formats.join('+') || 'inconnu', rowsRead: summary.rowsRead,
        rowsInserted: summary.rowsInserted, rowsUpdated: summary.rowsUpdated, rowsUnchanged: summary.rowsUnchanged,
        rowsRejected: summary.rowsRejected, periodFrom: summary.periodFrom, periodTo: summary.periodTo,
        unresolvedCodes: summary.unresolvedCodes, endedAt: context.now().toISOString(), encoding: summary.encoding, warnings: summary.warnings,
      });
    });
    if (summary.rowsInserted + summary.rowsUpdated > 0) await writer.refreshPlannerStatistics();
    return summary;
  } finally {
    await writer.close();
  }
}

async function readEntries(params: ImportParams, context: ImportContext, writer: ImportWriter, summary: ImportSummary, fileSize: number): Promise<void> {
  const file = await listExtractEntries(params.filePath);
  const resolve = context.createResolver(await writer.aomByCommune());
  const operatorIds = new Map<string, number>();
  const aomSightings = new Map<string, number>();
  // Natural key → line of every journey read from this file: a key seen twice is a duplicate, whatever the chunk.
  const seenInFile = new Map<string, number>();
  const limits = dateLimits(context.now().toISOString().slice(0, 10));
  const pseudonymiser = UserIdPseudonymiser.fromHex(params.pseudonymKey);
  // One chunk is written (SQLite works in node-sqlite3's own thread) while the next one is parsed and mapped here:
  // the two cores overlap instead of taking turns. At most one write in flight keeps memory bounded.
  let writing: Promise<void> = Promise.resolve();
  let bytesPerRow = 400;
  let readBytes = 0;

  try {
    for (const entry of file.entries) {
      const raw = await entry.open();
      const decoder = decodeText(entry.name, { compressed: entry.compressed });
      raw.on('data', (chunk: Buffer) => (readBytes += chunk.length));
      raw.on('error', (error) => decoder.destroy(error));
      const text = raw.pipe(decoder);
      let format: ExtractFormat | null = null;
      let index: ColumnIndex = new Map();
      let header: readonly string[] = [];

      try {
        const read = await readCsv(text, entry.name, {
          onHeader(cells) {
            const detection = detectFormat(cells);
            if (!detection.ok) throw new ExtractFileError(`${entry.name} : ${detection.message}`);
            format = detection.format;
            index = detection.index;
            header = cells;
            if (!summary.formats.includes(format)) summary.formats.push(format);
            for (const column of detection.ignoredColumns) if (!summary.ignoredColumns.includes(column)) summary.ignoredColumns.push(column);
          },
          async onRows(rows) {
            if (context.signal.aborted) throw new ImportCancelled();
            const chunk = await prepareChunk(rows, format as ExtractFormat, index, header);
            // The previous chunk must be stored before this one looks keys up (and a failed write stops the read).
            await writing;
            if (context.signal.aborted) throw new ImportCancelled();
            const readSoFar = summary.rowsRead;
            if (readSoFar > 0) bytesPerRow = Math.max(50, readBytes / readSoFar);
            const expected = Math.max(readSoFar, Math.round(fileSize / bytesPerRow));
            // Progress counts stored lines: reported once the chunk's transaction committed.
            writing = writeChunk(chunk, entry.name).then(() => context.progress('import', readSoFar, expected));
            // Marked handled: the next chunk (or the end of the file) awaits it and sees its failure.
            writing.catch(() => undefined);
          },
        });
        await writing;
        const encoding = decoder.encoding();
        const encodings = summary.encoding?.split('+') ?? [];
        if (!encodings.includes(encoding)) summary.encoding = [...encodings, encoding].join('+');
        if (read.rows === 0) summary.warnings.push(`${entry.name} : aucune ligne de données, seulement l’en-tête`);
      } finally {
        // A file refused at its header, cancelled or failed half-way is not read to its end: release it.
        raw.destroy();
        decoder.destroy();
        await writing.catch(() => undefined);
      }
    }
  } finally {
    file.close();
  }
  // Every data line read, rejected or not, went through `prepareChunk`, which counts it.
  if (summary.rowsRead === 0) throw new ExtractFileError(`${basename(params.filePath)} : aucune ligne de données, seulement l’en-tête : rien à importer`);
  if (aomSightings.size > 0) await writer.transaction(() => writer.learnAomNames(aomSightings));

  /** A chunk mapped to journeys (operator ids, geography, natural key, hash) and its rejected lines so far. */
  interface PreparedChunk {
    parsed: Array<{ trip: HashedTrip; row: CsvRow }>;
    rejected: RejectedRow[];
    /** The text a line of this chunk is quarantined with (identities redacted). */
    rawLine(row: CsvRow): string;
  }

  /**
   * Maps a chunk's lines in this thread: field validation, operator ids (new operators are created first, after
   * the chunk being written, so ids never race), geography, natural key, duplicates within the file, row hash.
   */
  async function prepareChunk(rows: CsvRow[], format: ExtractFormat, index: ColumnIndex, header: readonly string[]): Promise<PreparedChunk> {
    const headerLength = header.length;
    // Quarantined lines keep no identity (identity keys, user ids…): the trip list leaves them out, so does the quarantine.
    const rawLine = (row: CsvRow): string =>
      row.raw !== undefined ? redactRawLine(row.raw, [format]) : quotedLine({ ...row, cells: redactIdentityCells(header, row.cells) });
    // Cells a line needs to hold every column of its format (extra columns may come before some of them).
    const needed = 1 + Math.max(...FORMAT_COLUMNS[format].map((column) => index.get(column) ?? 0));
    const rejected: RejectedRow[] = [];
    const parsed: Array<{ trip: HashedTrip; row: CsvRow }> = [];
    const newOperators: Array<{ name: string; uuid: string | null }> = [];
    const mapped: Array<{ row: CsvRow; journey: ReturnType<typeof mapRow> }> = [];

    for (const row of rows) {
      summary.rowsRead += 1;
      if (row.problem) {
        rejected.push({ line: row.line, field: null, reason: row.problem, detail: row.detail ?? null, raw: rawLine(row) });
        continue;
      }
      // Compared with the header's cell count: the index has one entry per distinct name (two empty header cells are one).
      if (row.cells.length < needed) {
        rejected.push({ line: row.line, field: null, reason: 'ligne incomplète', detail: `${row.cells.length} champs au lieu de ${headerLength}`, raw: rawLine(row) });
        continue;
      }
      if (row.cells.length > headerLength) {
        rejected.push({ line: row.line, field: null, reason: 'ligne trop longue', detail: `${row.cells.length} champs au lieu de ${headerLength}`, raw: rawLine(row) });
        continue;
      }
      try {
        const journey = mapRow(format, row.cells, index, limits);
        pseudonymiser?.apply(journey.trip);
        if (journey.operatorName && !operatorIds.has(journey.operatorName) && !newOperators.some((o) => o.name === journey.operatorName)) {
          newOperators.push({ name: journey.operatorName, uuid: operatorUuid(journey.operatorName) });
        }
        mapped.push({ row, journey });
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        rejected.push({ line: row.line, field: error.field, reason: error.reason, detail: error.detail, raw: rawLine(row) });
      }
    }

    if (newOperators.length > 0) {
      await writing;
      const ids = await writer.transaction(() => writer.operatorIds(newOperators));
      for (const [name, id] of ids) operatorIds.set(name, id);
    }
    for (const { row, journey } of mapped) {
      const operatorId = journey.operatorName ? (operatorIds.get(journey.operatorName) ?? null) : null;
      const unresolved = enrichJourney(journey.trip, resolve, operatorId, row.line);
      const firstLine = seenInFile.get(journey.trip.natural_key);
      if (firstLine !== undefined) {
        rejected.push({ line: row.line, field: 'journey_id', reason: 'trajet en double dans le fichier', detail: `déjà lu ligne ${firstLine}`, raw: rawLine(row) });
        continue;
      }
      // Codes of kept journeys only: a rejected duplicate's codes are not on any stored journey.
      for (const code of unresolved) summary.unresolvedCodes[code] = (summary.unresolvedCodes[code] ?? 0) + 1;
      seenInFile.set(journey.trip.natural_key, row.line);
      for (const { insee, name } of journey.aomNames) {
        const key = `${insee}\u0000${name}`;
        aomSightings.set(key, (aomSightings.get(key) ?? 0) + 1);
      }
      // Completed in place: copying a 70-field object per line was a measurable share of the import's time.
      parsed.push({ trip: Object.assign(journey.trip, { row_hash: tripRowHash(journey.trip) }), row });
    }
    return { parsed, rejected, rawLine };
  }

  /** Stores a prepared chunk in one short transaction: new journeys inserted, changed ones staged, rejects kept. */
  async function writeChunk({ parsed, rejected, rawLine }: PreparedChunk, entryName: string): Promise<void> {
    await writer.transaction(async () => {
      const stored = await writer.storedKeys(parsed.map((p) => p.trip.natural_key));
      const inserts: HashedTrip[] = [];
      const updates: HashedTrip[] = [];
      for (const { trip, row } of parsed) {
        const existing = stored.get(trip.natural_key);
        if (!existing) inserts.push(trip);
        else if (existing.batchId === params.batchId) {
          rejected.push({ line: row.line, field: 'journey_id', reason: 'trajet en double dans le fichier', detail: `déjà lu ligne ${existing.sourceLine ?? '?'}`, raw: rawLine(row) });
          continue;
        } else if (existing.rowHash === trip.row_hash) summary.rowsUnchanged += 1;
        else updates.push(trip);
        const day = trip.start_local.slice(0, 10);
        if (summary.periodFrom === null || day < summary.periodFrom) summary.periodFrom = day;
        if (summary.periodTo === null || day > summary.periodTo) summary.periodTo = day;
      }
      await writer.insertTrips(params.batchId, inserts);
      await writer.stageUpdates(params.batchId, updates);
      await writer.insertRejected(params.batchId, entryName, rejected);
      summary.rowsInserted += inserts.length;
      summary.rowsRejected += rejected.length;
    });
  }
}
