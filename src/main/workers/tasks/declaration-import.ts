import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkDeclarations, type CheckedDeclarations } from '../../declarations/check-declarations';
import { readDeclarationFile } from '../../declarations/read-declaration-file';
import { operatorNames } from '../../db/attestation-figures';
import { withStoreConnection } from '../../db/store-connection';
import { createGeoResolver } from '../../domain/geo/geo-resolver';
import { UserIdPseudonymiser } from '../../extracts/pseudonymise';
import { loadDecoupageReference } from '../../geo/decoupage-reference';
import type { TaskContext } from './task-context';

/** What `declaration.import` is started with: the store, the file (a path, or the bytes a page read as text). */
export interface DeclarationImportParams {
  storeAddress: string;
  source: { kind: 'file'; path: string } | { kind: 'text'; fileName: string; text: string };
  /** The store's user-id pseudonym key (hex), null for a store keeping user ids in clear. */
  pseudonymKey: string | null;
  /** ISO instant the dates are judged at (a departure after it is in the future). */
  now: string;
}

/** The rows checked, with the file they came from: the service writes them in one transaction. */
export type DeclarationImportResult = CheckedDeclarations & { fileName: string; fileSha256: string };

/**
 * Reads a declared-trip file and checks every row against the rules and the store (docs/declarations.md), reading
 * only: the main thread writes the batch whole, with its audit entry, when the job commits. Progress counts rows.
 * A file whose header does not fit fails the job with the reason (nothing is written).
 */
export function declarationImport(params: DeclarationImportParams, context: TaskContext): Promise<DeclarationImportResult> {
  return withStoreConnection(params.storeAddress, async (db) => {
    context.progress('read', 0, 0);
    const bytes = params.source.kind === 'file' ? await readFile(params.source.path) : Buffer.from(params.source.text, 'utf8');
    const lines = readDeclarationFile(bytes);
    context.signal.throwIfAborted();
    const checked = await checkDeclarations(
      lines.map((line) => ({ line: line.line, cells: line.cells, raw: line.raw })),
      {
        db,
        geo: createGeoResolver(loadDecoupageReference()),
        pseudonymiser: UserIdPseudonymiser.fromHex(params.pseudonymKey),
        operators: await operatorNames(db),
        now: new Date(params.now),
        progress: (done, total) => context.progress('check', done, total),
        signal: context.signal,
      },
    );
    return {
      ...checked,
      fileName: params.source.kind === 'file' ? basename(params.source.path) : params.source.fileName,
      fileSha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
}
