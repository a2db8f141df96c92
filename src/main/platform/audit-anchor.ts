import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { keyFilePath, writePrivateFile } from './store-key';

/**
 * The head of the audit chain written OUTSIDE the store, beside its key (`<store id>.anchor.json`): the id and
 * keyed hash of the last entry, with a MAC of its own. Deleting the last entries of the store leaves the anchor
 * ahead of the table, which the verification reports.
 */
export interface AuditAnchor {
  storeId: string;
  /** Id of the last entry appended by this workstation. */
  entryId: number;
  /** Its keyed hash, as stored in `audit_log.hash`. */
  hash: string;
  /** Its instant (ISO UTC). */
  at: string;
}

const ANCHOR_FORMAT = 'atelier-audit-anchor/1';

export type AnchorRead =
  | { status: 'none'; file: string }
  | { status: 'ok'; file: string; anchor: AuditAnchor }
  | { status: 'invalid'; file: string; reason: string };

export function anchorFilePath(keyDir: string, storeId: string): string {
  return keyFilePath(keyDir, storeId).replace(/\.key$/, '.anchor.json');
}

export function anchorExists(keyDir: string, storeId: string): boolean {
  return existsSync(anchorFilePath(keyDir, storeId));
}

function anchorMac(anchor: AuditAnchor, key: Buffer): string {
  return createHmac('sha256', key).update(JSON.stringify([ANCHOR_FORMAT, anchor.storeId, anchor.entryId, anchor.hash, anchor.at])).digest('hex');
}

/** Reads and checks the anchor of `storeId` with its anchor key. */
export function readAnchor(keyDir: string, storeId: string, key: Buffer): AnchorRead {
  const file = anchorFilePath(keyDir, storeId);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'none', file };
    return { status: 'invalid', file, reason: `ancre illisible (${(error as Error).message})` };
  }
  try {
    const parsed = JSON.parse(text) as AuditAnchor & { format: string; mac: string };
    const anchor: AuditAnchor = { storeId: parsed.storeId, entryId: parsed.entryId, hash: parsed.hash, at: parsed.at };
    if (parsed.format !== ANCHOR_FORMAT || typeof parsed.mac !== 'string' || !Number.isInteger(anchor.entryId)) return { status: 'invalid', file, reason: 'ancre abîmée' };
    const expected = Buffer.from(anchorMac(anchor, key), 'hex');
    const given = Buffer.from(parsed.mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'invalid', file, reason: 'ancre modifiée (son empreinte ne correspond pas à la clé)' };
    if (anchor.storeId !== storeId) return { status: 'invalid', file, reason: 'ancre d’une autre base' };
    return { status: 'ok', file, anchor };
  } catch {
    return { status: 'invalid', file, reason: 'ancre abîmée' };
  }
}

/**
 * Moves the anchor to `anchor` (written aside then renamed into place: never half written). An anchor already at or
 * beyond that entry is kept: two processes appending at once leave the later head (or, at worst, one a step behind,
 * which the verification accepts since the entries after it are keyed).
 */
export function writeAnchor(keyDir: string, anchor: AuditAnchor, key: Buffer): void {
  const current = readAnchor(keyDir, anchor.storeId, key);
  if (current.status === 'ok' && current.anchor.entryId >= anchor.entryId) return;
  const file = anchorFilePath(keyDir, anchor.storeId);
  const aside = join(keyDir, `.${anchor.storeId}.anchor.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writePrivateFile(aside, `${JSON.stringify({ format: ANCHOR_FORMAT, ...anchor, mac: anchorMac(anchor, key) }, null, 2)}\n`);
  try {
    renameSync(aside, file);
  } finally {
    rmSync(aside, { force: true });
  }
}
