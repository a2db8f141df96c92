import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import type { RejectedRow } from '../../shared/types/sync';
import { csvCell } from '../../shared/util/cell-safety';
import { formatsOf, redactIdentityText, redactRawLine } from '../domain/extracts/redact-identity';
import { makePrivateDir, openNewPrivateFile } from '../platform/private-files';

/** The sync log's `format` of a batch (`territory`, `territory+operator`…), or null when the batch is unknown. */
export type BatchFormat = (batchId: number) => Promise<string | null>;

/**
 * Rejected lines with their identities redacted (operator user ids, identity keys, phone numbers), by the published
 * columns of their batch's format: what the quarantine shows and exports, lines stored by earlier versions included
 * (docs/privacy.md). The rejection detail has its identity keys and phone numbers masked too.
 */
export async function redactRejectedRows(rows: readonly RejectedRow[], batchFormat: BatchFormat): Promise<RejectedRow[]> {
  const formats = new Map<number, string | null>();
  for (const row of rows) if (!formats.has(row.batchId)) formats.set(row.batchId, await batchFormat(row.batchId));
  return rows.map((row) => ({
    ...row,
    raw: redactRawLine(row.raw, formatsOf(formats.get(row.batchId) ?? '')),
    detail: row.detail === null ? null : redactIdentityText(row.detail),
  }));
}

/**
 * Writes rejected lines to `lignes-rejetees-<stamp>.csv` in `dir`: `;` CSV, UTF-8 with BOM (Excel reads the accents),
 * cells neutralised against formula injection, identities redacted (`redactRejectedRows`). The file is created
 * `0600` and never replaces another: a second export in the same second gets `lignes-rejetees-<stamp> (2).csv`. It is
 * deleted if writing fails. Answers its path and row count.
 */
export async function writeRejectedRowsCsv(
  dir: string,
  stamp: string,
  rows: AsyncIterable<RejectedRow>,
  batchFormat: BatchFormat,
): Promise<{ path: string; rows: number }> {
  await makePrivateDir(dir);
  const { path, handle } = await openNewPrivateFile(dir, (suffix) => `lignes-rejetees-${stamp}${suffix}.csv`);
  const out = handle.createWriteStream({ encoding: 'utf8' });
  const formats = new Map<number, string | null>();
  const cachedFormat = async (batchId: number): Promise<string | null> => {
    if (!formats.has(batchId)) formats.set(batchId, await batchFormat(batchId));
    return formats.get(batchId) ?? null;
  };
  // Without a listener a write error would crash the process; it fails the export instead.
  let failure: Error | null = null;
  out.on('error', (error) => (failure ??= error));
  let count = 0;
  try {
    out.write('\uFEFFlot;fichier;ligne;champ;motif;détail;ligne brute\r\n');
    for await (const stored of rows) {
      const [row] = await redactRejectedRows([stored], cachedFormat);
      if (failure) throw failure;
      if (!row) continue;
      const line = [row.batchId, csvCell(row.fileName), row.line, csvCell(row.field), csvCell(row.reason), csvCell(row.detail), csvCell(row.raw)].join(';');
      if (!out.write(`${line}\r\n`)) await once(out, 'drain');
      count += 1;
    }
    out.end();
    if (!out.closed) await once(out, 'close');
    if (failure) throw failure;
  } catch (error) {
    out.destroy();
    await rm(path, { force: true });
    throw error;
  }
  return { path, rows: count };
}
