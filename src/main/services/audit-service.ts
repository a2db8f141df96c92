import { UserError } from '../../shared/ipc/result';
import { randomUUID } from 'node:crypto';
import type { AuditVerification, StoreKeyState } from '../../shared/types/store';
import { GENESIS_HASH, lockedSeal, type AuditEntryInput, type AuditLogRepository, type AuditSnapshot } from '../db/repositories/audit-log-repository';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { anchorExists, anchorFilePath, readAnchor, writeAnchor, type AnchorRead, type AuditAnchor } from '../platform/audit-anchor';
import { auditProblemText } from '../../shared/util/audit-text';
import { fileRightsProtector, type KeyProtector } from '../platform/key-protector';
import { makePrivateDir, openNewPrivateFile } from '../platform/private-files';
import { createStoreKey, importStoreKey, isStoreId, keyFilePath, readStoreKey, StoreKeyError, writePrivateFile, type StoreKey } from '../platform/store-key';
import { keyedEntryHash, keyedSeal } from './audit-seal';
import { verifyAudit } from './audit-verifier';

export interface AuditKeyOptions {
  /** Folder of the store keys and anchors, apart from the store (platform/store-key.ts, `defaultKeyDir`). */
  keyDir: string;
  /** How a new key is kept in its file (default: by the file's rights only). */
  protector?: KeyProtector;
  /** Where to report what must not stop the work (an anchor that could not be written). */
  warn?: (message: string) => void;
}

/**
 * Records who did what in the append-only audit log, keyed with the store's key kept outside the store, and
 * verifies it (chain, anchor, decisions and settings). A store whose key is lost stays readable, but nothing can be
 * appended to its log any more: every audited action is refused with the reason.
 */
export class AuditService {
  private constructor(
    private readonly repository: AuditLogRepository,
    /** Who this session acts as (the system user name), recorded with every entry. */
    readonly actor: string,
    private readonly now: () => Date,
    private readonly options: AuditKeyOptions,
    readonly storeId: string,
    /** The store's key, or null when it cannot be used (then `problem` says why); set by `importKey`. */
    private key: StoreKey | null,
    private problem: string | null,
  ) {}

  /**
   * Opens the log of a store: gives the store an id when it has none, reads its key, or creates one when the store has
   * never been keyed (a new store, or an older one with the plain SHA-256 chain, whose entries and settings are then
   * sealed by one `audit.seal` entry). A key that is missing while keyed entries or an anchor exist is not replaced:
   * the log is locked instead.
   */
  static async open(repository: AuditLogRepository, actor: string, now: () => Date, options: AuditKeyOptions): Promise<AuditService> {
    const protector = options.protector ?? fileRightsProtector;
    const storeId = await repository.ensureStoreId(randomUUID(), now().toISOString());
    const { key, problem } = isStoreId(storeId)
      ? await storeKeyOf(repository, storeId, options.keyDir, protector, now())
      : { key: null, problem: `Journal d’audit verrouillé : l’identifiant de la base a été altéré (${JSON.stringify(storeId)}), sa clé ne peut pas être retrouvée.` };
    repository.useSeal(key ? keyedSeal(key, options.keyDir, warnerOf(options)) : lockedSeal(problem ?? 'Journal d’audit verrouillé.'));
    if (key && (await repository.needsSeal())) await repository.sealLegacy(storeId, actor, now().toISOString());
    return new AuditService(repository, actor, now, options, storeId, key, problem);
  }

  /** Appends an entry in the name of this session's user; returns its id. Refused when the log is locked. */
  async record(entry: Omit<AuditEntryInput, 'actor'>): Promise<number> {
    return this.repository.append({ ...entry, actor: this.actor }, this.now().toISOString());
  }

  /**
   * Why nothing can be appended to this store's log (its key cannot be used), or null: a long job that ends with an
   * audit entry (an import) can refuse to start rather than fail at its end.
   */
  get lockReason(): string | null {
    return this.problem;
  }

  /**
   * The store's key, for features that derive their own key from it (`storeKey()?.derive('pseudonymisation')`);
   * null when it cannot be used.
   */
  storeKey(): StoreKey | null {
    return this.key;
  }

  /**
   * The key of operators' user-id pseudonyms (hex: worker parameters are plain data), derived from the store key
   * (docs/privacy.md), or null when `pseudonymised` is false (a store that keeps them in clear). Refused, with the
   * reason, when the store key cannot be used: journeys written without it could not be matched with the store's
   * earlier ones.
   */
  pseudonymKey(pseudonymised = true): string | null {
    if (!pseudonymised) return null;
    if (!this.key) throw new UserError('conflict', this.problem ?? 'Clé de la base indisponible : écriture de trajets impossible.');
    return this.key.derive('pseudonymisation').toString('hex');
  }

  /**
   * Writes the store's key to `file` (new file, owner-only rights) for a colleague's workstation on the same shared
   * store: `importKey` there. The file is the raw key: carry it like a password, delete it once imported.
   */
  exportKey(file: string): void {
    const key = this.usableKey();
    try {
      writePrivateFile(file, key.exportText(this.now()));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError('conflict', `Le fichier existe déjà : ${file}. Choisissez un autre nom : une clé n’en remplace pas un autre.`);
      throw error;
    }
  }

  /**
   * Installs on this workstation the store's key exported from another (`exportKey`), after checking it is this
   * store's (its id, and the key check the store keeps) and the log found whole with it; answers where it was
   * written. This session uses it at once.
   */
  async importKey(text: string): Promise<string> {
    if (!isStoreId(this.storeId)) throw new UserError('conflict', this.problem ?? 'Identifiant de la base illisible.');
    let key: StoreKey;
    try {
      key = importStoreKey(this.options.keyDir, this.storeId, text, this.now(), this.options.protector ?? fileRightsProtector);
    } catch (error) {
      if (error instanceof StoreKeyError) throw new UserError('invalid_input', error.message);
      throw error;
    }
    const check = await this.repository.keyCheck();
    if (check !== null && check !== key.check()) {
      rmSync(key.file, { force: true });
      throw new UserError('invalid_input', 'Cette clé porte l’identifiant de la base mais n’est pas la sienne (sa vérification ne correspond pas) : elle n’a pas été installée.');
    }
    // This workstation's anchor starts at the head of the log as it is now, once the log is found whole with the key:
    // without one, its verification could not tell whether the last entries were removed.
    const snapshot = await this.repository.snapshot();
    const last = snapshot.entries.at(-1);
    const head = last === undefined ? startAnchor(this.storeId, this.now()) : { storeId: this.storeId, entryId: last.id, hash: last.hash, at: last.at };
    const verification = verifiedWith(key, snapshot, { status: 'ok', file: anchorFilePath(this.options.keyDir, this.storeId), anchor: head }, key.file);
    const [problem] = verification.problems;
    if (problem !== undefined) {
      rmSync(key.file, { force: true });
      throw new UserError('invalid_input', `Le journal d’audit de la base n’est pas intègre avec cette clé (${auditProblemText(problem)}) : elle n’a pas été installée.`);
    }
    writeAnchor(this.options.keyDir, head, key.derive('audit-anchor'));
    // From now on this session appends with it, as if it had been there at the opening.
    this.repository.useSeal(keyedSeal(key, this.options.keyDir, warnerOf(this.options)));
    this.key = key;
    this.problem = null;
    return key.file;
  }

  /** `importKey` of the key file at `path` (exported by another workstation); answers the key's new state. */
  async importKeyFile(path: string): Promise<StoreKeyState> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new UserError('not_found', `Clé illisible : ${path} (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'fichier introuvable' : (error as Error).message}).`);
    }
    await this.importKey(text);
    return this.keyState();
  }

  /** The key on this workstation: its file, and why it cannot be used. */
  keyState(): StoreKeyState {
    return { storeId: this.storeId, keyFile: isStoreId(this.storeId) ? keyFilePath(this.options.keyDir, this.storeId) : null, problem: this.problem };
  }

  /** `exportKey` into `folder` under a name of its own (`clé-base-<id>.json`, numbered when taken); answers its path. */
  async exportKeyInto(folder: string): Promise<string> {
    const key = this.usableKey();
    await makePrivateDir(folder);
    const { path, handle } = await openNewPrivateFile(folder, (suffix) => `clé-base-${this.storeId}${suffix}.json`);
    try {
      await handle.writeFile(key.exportText(this.now()), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return path;
  }

  /** The store's key, or the refusal saying why this workstation cannot use it. */
  private usableKey(): StoreKey {
    if (!this.key) throw new UserError('conflict', this.problem ?? 'Clé de la base indisponible sur ce poste : rien à exporter.');
    return this.key;
  }

  /** Verifies the log with the key as it is on disk now (a key file removed since the opening is reported). */
  async verify(): Promise<AuditVerification> {
    const snapshot = await this.repository.snapshot();
    const keyFile = isStoreId(this.storeId) ? keyFilePath(this.options.keyDir, this.storeId) : null;
    let key: StoreKey;
    try {
      if (this.problem !== null || keyFile === null) throw new Error(this.problem ?? 'Journal d’audit verrouillé.');
      key = readStoreKey(this.options.keyDir, this.storeId, this.options.protector ?? fileRightsProtector);
    } catch (error) {
      const reason = this.problem ?? (error instanceof StoreKeyError ? lockedMessage(error, snapshot.entries.length) : String(error));
      return unverifiable(snapshot.entries.length, keyFile, reason);
    }
    return verifiedWith(key, snapshot, readAnchor(this.options.keyDir, this.storeId, key.derive('audit-anchor')), keyFile);
  }
}

/** Where what must not stop the work is reported (default: the console). */
function warnerOf(options: AuditKeyOptions): (message: string) => void {
  return options.warn ?? ((message: string) => console.warn(message));
}

/** The anchor of a workstation that knows the log from its start: before entry 1. */
function startAnchor(storeId: string, at: Date): AuditAnchor {
  return { storeId, entryId: 0, hash: GENESIS_HASH, at: at.toISOString() };
}

/** The verification of the log in `snapshot` with `key`, against `anchor`. */
function verifiedWith(key: StoreKey, snapshot: AuditSnapshot, anchor: AnchorRead, keyFile: string): AuditVerification {
  const chainKey = key.derive('audit-chain');
  return verifyAudit({ snapshot, entryHash: (prevHash, content) => keyedEntryHash(chainKey, prevHash, content), anchor, keyFile });
}

/** The store's key, or why it cannot be used. */
type KeyOutcome = { key: StoreKey; problem: null } | { key: null; problem: string };

/**
 * The key of the store `storeId` on this workstation: read from `keyDir`, or created when the store was never keyed
 * anywhere. The store keeps a check of its key (`store.keyCheck`), written by the first workstation that keys it, so
 * that on a shared store a second workstation neither creates a key of its own (its entries would break the chain for
 * everyone) nor uses a key file of another store: it is told to import the store's key instead.
 */
async function storeKeyOf(repository: AuditLogRepository, storeId: string, keyDir: string, protector: KeyProtector, now: Date): Promise<KeyOutcome> {
  let key: StoreKey;
  let created = false;
  try {
    key = readStoreKey(keyDir, storeId, protector);
  } catch (error) {
    if (!(error instanceof StoreKeyError)) throw error;
    if (error.reason !== 'missing') return { key: null, problem: lockedMessage(error, 0) };
    const keyed = await repository.keyedEntries();
    if (keyed > 0 || anchorExists(keyDir, storeId) || (await repository.keyCheck()) !== null) return { key: null, problem: lockedMessage(error, keyed) };
    try {
      key = createStoreKey(keyDir, storeId, now, protector);
      created = true;
    } catch (cause) {
      return { key: null, problem: `Journal d’audit verrouillé : clé impossible à créer dans ${keyDir} (${cause instanceof Error ? cause.message : String(cause)}).` };
    }
  }
  const check = await repository.ensureKeyCheck(key.check(), now.toISOString());
  if (check === null || check === key.check()) {
    // The workstation that keys the store vouches for its log from the start: on a shared store others may append
    // before it does, and without an anchor its verification could not tell their entries from a truncated log.
    if (created) writeAnchor(keyDir, startAnchor(storeId, now), key.derive('audit-anchor'));
    return { key, problem: null };
  }
  if (!created) {
    return { key: null, problem: `Journal d’audit verrouillé : la clé de ce poste (${key.file}) n’est pas celle de cette base. Retirez-la, puis ${IMPORT_KEY}. ${WITHOUT_KEY}` };
  }
  // Another workstation keyed the store between our reading and our writing of the check: its key is the store's.
  rmSync(key.file, { force: true });
  return { key: null, problem: `Clé du journal d’audit introuvable : ${key.file}. Un autre poste vient de créer la clé de cette base partagée : ${IMPORT_KEY}. ${WITHOUT_KEY}` };
}

/** How a shared store's key reaches another workstation. */
const IMPORT_KEY = 'importez-la d’un poste qui l’a (atelier db key export --db BASE --out FICHIER, puis ici atelier db key import FICHIER --db BASE)';
/** What a missing key stops. */
const WITHOUT_KEY = 'Sans elle, le journal ne peut être ni vérifié ni prolongé.';

/** Why the log cannot be verified nor extended, in French. */
function lockedMessage(error: StoreKeyError, entries: number): string {
  if (error.reason === 'missing') {
    return (
      `Clé du journal d’audit introuvable : ${error.file}. Ce journal${entries > 0 ? ` (${entries} entrées)` : ''} a été scellé avec une clé ` +
      'tenue hors de la base, qui n’est pas à cet endroit : restaurez-la depuis une sauvegarde (ou indiquez son dossier ' +
      `par ATELIER_KEY_DIR ou --key-dir) ou, pour une base partagée, ${IMPORT_KEY}. ${WITHOUT_KEY}`
    );
  }
  return `Journal d’audit verrouillé : ${error.message}.`;
}

function unverifiable(entries: number, keyFile: string | null, reason: string): AuditVerification {
  const problem = { entryId: null, at: null, action: null, reason };
  return {
    entries,
    intact: false,
    firstBrokenId: null,
    firstBroken: problem,
    problems: [problem],
    keyedEntries: 0,
    legacyEntries: 0,
    decisionsChecked: 0,
    settingsChecked: 0,
    anchoredEntryId: null,
    keyFile,
  };
}
