import { auditCoverageText, auditProblemText } from '../../../shared/util/audit-text';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';

/**
 * `atelier audit verify --db FILE [--key-dir DIR] [--json]`: verifies the audit log (keyed chain, anchor outside the
 * store, decisions and settings against their entries). Answers true when intact (exit 0), false otherwise (exit 1).
 */
export async function auditVerifyCommand(context: CliContext, options: { db?: string | undefined; 'key-dir'?: string | undefined; json: boolean }): Promise<boolean> {
  const services = await openStore(context, options.db, true, keyDirOf(options));
  try {
    const result = await services.audit.verify();
    if (options.json) {
      context.stdout(JSON.stringify(result, null, 2));
      return result.intact;
    }
    if (result.intact) {
      context.stdout(`Journal d’audit intact : ${auditCoverageText(result)}.`);
      context.stdout(`Ancre hors de la base : ${result.anchoredEntryId === null ? 'aucune entrée scellée pour l’instant' : `entrée n° ${result.anchoredEntryId}`}.`);
    } else {
      context.stdout('Journal d’audit NON INTÈGRE.');
      const [first, ...others] = result.problems;
      if (first) context.stdout(`Première anomalie : ${auditProblemText(first)}`);
      if (others.length > 0) {
        context.stdout(`Autres anomalies (${others.length}) :`);
        for (const problem of others) context.stdout(`  - ${auditProblemText(problem)}`);
      }
    }
    if (result.keyFile) context.stdout(`Clé de la base (à sauvegarder avec elle, à part) : ${result.keyFile}`);
    return result.intact;
  } finally {
    await services.close();
  }
}

/**
 * `atelier db key export --db BASE --out FICHIER [--key-dir DIR] [--json]`: writes the store's key for a colleague's
 * workstation on the same shared store (new file, owner-only rights; carry it like a password).
 */
export async function keyExportCommand(context: CliContext, options: { db?: string | undefined; out?: string | undefined; 'key-dir'?: string | undefined; json: boolean }): Promise<void> {
  if (options.out === undefined) throw new CliError('--out FICHIER est obligatoire');
  const out = resolve(options.out);
  const services = await openStore(context, options.db, true, keyDirOf(options));
  try {
    services.audit.exportKey(out);
    if (options.json) context.stdout(JSON.stringify({ file: out, storeId: services.audit.storeId }, null, 2));
    else context.stdout(`Clé de la base ${services.audit.storeId} écrite dans ${out} : remettez-la comme un mot de passe, puis effacez-la une fois importée.`);
  } finally {
    await services.close();
  }
}

/**
 * `atelier db key import FICHIER --db BASE [--key-dir DIR] [--json]`: installs on this workstation the key exported by
 * another for this store, then verifies the audit log with it.
 */
export async function keyImportCommand(context: CliContext, file: string | undefined, options: { db?: string | undefined; 'key-dir'?: string | undefined; json: boolean }): Promise<boolean> {
  if (file === undefined) throw new CliError('FICHIER (la clé exportée) est obligatoire');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`Clé illisible : ${file} (${(error as Error).message})`);
  }
  const services = await openStore(context, options.db, true, keyDirOf(options));
  try {
    // The session appends and verifies with the key as soon as it is installed: no second opening.
    const keyFile = await services.audit.importKey(text);
    const verification = await services.audit.verify();
    if (options.json) context.stdout(JSON.stringify({ keyFile, verification }, null, 2));
    else {
      context.stdout(`Clé installée : ${keyFile}.`);
      const first = verification.problems[0];
      context.stdout(verification.intact ? `Journal d’audit intact avec cette clé : ${auditCoverageText(verification)}.` : `Journal d’audit NON INTÈGRE avec cette clé : ${first ? auditProblemText(first) : ''}`);
    }
    return verification.intact;
  } finally {
    await services.close();
  }
}

function keyDirOf(options: { 'key-dir'?: string | undefined }): { keyDir?: string } {
  return options['key-dir'] === undefined ? {} : { keyDir: options['key-dir'] };
}
