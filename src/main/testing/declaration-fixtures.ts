import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECLARATION_COLUMNS } from '../domain/declarations/declaration-format';
import type { AppServices } from '../services/app-services';
import { csv, territoryRow, type Row } from './import-extract-harness';

/**
 * What the declaration tests share: lines of a declared-trip file written by field, and a registry extract whose
 * persons the declarations name (docs/declarations.md).
 */

/** A declared journey by field (`date`, `time`, `from`, …), as a line of the template carries it. */
export type DeclaredLine = Partial<Record<(typeof DECLARATION_COLUMNS)[number]['key'], string>>;

/** The registry extract's driver and passenger (identity keys of `territoryRow`). */
export const REGISTRY_DRIVER = '5d3b1f0e8c6a4d2f9b7e5c3a1d8f6b4e2c0a9e7d5b3f1c8a6e4d2b0f9c7a5e3b';
export const REGISTRY_PASSENGER = 'a3f1c9e0b7d24f6a8e5c1b3d9f7a2e4c6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f5a';

/** A plausible declaration: Beauchamp → Cergy (Val-d'Oise, ~10 km apart), 16 April 2024 at 18:00, as driver. */
export function declaredLine(overrides: DeclaredLine = {}): DeclaredLine {
  return {
    date: '16/04/2024', time: '18:00', from: '95051', to: '95127', role: 'conducteur', seats: '1', distance: '12,5', declarant: 'agent-1', carpooler: '',
    comment: '', ...overrides,
  };
}

/** A declared-trip file (`;`, UTF-8 with BOM, the template's header) of some lines, in order. */
export function declarationFile(lines: readonly DeclaredLine[]): string {
  const cell = (text: string): string => (/[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const rows = lines.map((line) => DECLARATION_COLUMNS.map((column) => cell(line[column.key] ?? '')).join(';'));
  return `\uFEFF${[DECLARATION_COLUMNS.map((column) => column.header).join(';'), ...rows].join('\r\n')}\r\n`;
}

/** Writes `content` as `name` in `dir`; answers the path. */
export function writeIn(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/**
 * Imports a registry extract of territory lines into the store (each `territoryRow(n, overrides)`: Beauchamp →
 * Cergy on 16 April 2024, 08:10–08:30, driver `REGISTRY_DRIVER`, passenger `REGISTRY_PASSENGER`); fails the test's
 * promise when the import does not succeed.
 */
export async function importRegistry(services: AppServices, dir: string, rows: readonly Row[]): Promise<void> {
  const path = writeIn(dir, `extrait-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`, csv(rows.map((row, index) => territoryRow(index + 1, row))));
  const [jobId] = await services.imports.importFiles([path]);
  const done = await services.runner.wait(jobId as string);
  if (done?.status !== 'done') throw new Error(`Import de l’extrait en échec : ${done?.error ?? done?.status ?? 'inconnu'}`);
}

/** Imports a declared-trip file through the service's job; answers its summary (fails when the job does not end done). */
export async function importDeclarations(services: AppServices, path: string) {
  const done = await services.runner.wait(await services.declarations.importFile(path));
  if (done?.status !== 'done') throw new Error(`Import de déclarations en échec : ${done?.error ?? done?.status ?? 'inconnu'}`);
  return done.summary;
}
