import { UserError } from '../../shared/ipc/result';
import { randomUUID } from 'node:crypto';
import type { AuditVerification } from '../../shared/types/store';
import { lockedSeal, type AuditEntryInput, type AuditLogRepository } from '../db/repositories/audit-log-repository';
import { anchorExists, readAnchor } from '../platform/audit-anchor';
import { fileRightsProtector, type KeyProtector } from '../platform/key-protector';
import { createStoreKey, isStoreId, keyFilePath, readStoreKey, StoreKeyError, type StoreKey } from '../platform/store-key';
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
    /** The store's key, or null when it cannot be used (then `problem` says why). */
    private readonly key: StoreKey | null,
    private readonly problem: string | null,
  ) {}

  /**
   * Opens the log of a store: gives the store an id when it has none, reads its key, or creates one when the store has
   * never been keyed (a new store, or an older one with the plain SHA-256 chain, whose entries and settings are then
   * sealed by one `audit.seal` entry). A key that is missing while keyed entries or an anchor exist is not replaced:
   * the log is locked instead.
   */
  static async open(repository: AuditLogRepository, actor: string, now: () => Date, options: AuditKeyOptions): Promise<AuditService> {
    const protector = options.protector ?? fileRightsProtector;
    const warn = options.warn ?? ((message: string) => console.warn(message));
    const storeId = await repository.ensureStoreId(randomUUID(), now().toISOString());
    let key: StoreKey | null = null;
    let problem: string | null = null;
    if (!isStoreId(storeId)) {
      problem = `Journal d’audit verrouillé : l’identifiant de la base a été altéré (${JSON.stringify(storeId)}), sa clé ne peut pas être retrouvée.`;
    } else {
      try {
        key = readStoreKey(options.keyDir, storeId, protector);
      } catch (error) {
        if (!(error instanceof StoreKeyError)) throw error;
        const keyed = error.reason === 'missing' ? await repository.keyedEntries() : 0;
        if (error.reason === 'missing' && keyed === 0 && !anchorExists(options.keyDir, storeId)) {
          try {
            key = createStoreKey(options.keyDir, storeId, now(), protector);
          } catch (cause) {
            problem = `Journal d’audit verrouillé : clé impossible à créer dans ${options.keyDir} (${cause instanceof Error ? cause.message : String(cause)}).`;
          }
        } else {
          problem = lockedMessage(error, keyed);
        }
      }
    }
    repository.useSeal(key ? keyedSeal(key, options.keyDir, warn) : lockedSeal(problem ?? 'Journal d’audit verrouillé.'));
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
    const chainKey = key.derive('audit-chain');
    return verifyAudit({
      snapshot,
      entryHash: (prevHash, content) => keyedEntryHash(chainKey, prevHash, content),
      anchor: readAnchor(this.options.keyDir, this.storeId, key.derive('audit-anchor')),
      keyFile,
    });
  }
}

/** Why the log cannot be verified nor extended, in French. */
function lockedMessage(error: StoreKeyError, entries: number): string {
  if (error.reason === 'missing') {
    return (
      `Clé du journal d’audit introuvable : ${error.file}. Ce journal${entries > 0 ? ` (${entries} entrées)` : ''} a été scellé avec une clé ` +
      'tenue hors de la base, qui n’est plus à cet endroit : restaurez-la depuis une sauvegarde (ou indiquez son dossier ' +
      'par ATELIER_KEY_DIR ou --key-dir). Sans elle, le journal ne peut être ni vérifié ni prolongé.'
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
