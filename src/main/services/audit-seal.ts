import { createHmac } from 'node:crypto';
import { KEYED_HASH_PREFIX, type AuditHead, type AuditSeal } from '../db/repositories/audit-log-repository';
import { readAnchor, writeAnchor } from '../platform/audit-anchor';
import type { StoreKey } from '../platform/store-key';

/** The keyed hash of an entry: HMAC-SHA-256, with the chain key, over its predecessor's hash and its content. */
export function keyedEntryHash(chainKey: Buffer, prevHash: string, content: string): string {
  return `${KEYED_HASH_PREFIX}${createHmac('sha256', chainKey).update(JSON.stringify([prevHash, content])).digest('hex')}`;
}

/**
 * The seal of a store whose key is at hand: keys each entry with the chain key derived from the store key, and moves
 * the anchor (beside the key) to each new head, unless the anchor no longer matched the table (then it stays, as
 * evidence). An anchor that cannot be written is reported, not fatal: the entry is committed, and the verification
 * accepts an anchor a step behind.
 */
export function keyedSeal(key: StoreKey, keyDir: string, warn: (message: string) => void): AuditSeal {
  const chainKey = key.derive('audit-chain');
  const anchorKey = key.derive('audit-anchor');
  return {
    entryHash: (prevHash, content) => keyedEntryHash(chainKey, prevHash, content),
    anchored() {
      const read = readAnchor(keyDir, key.storeId, anchorKey);
      if (read.status === 'ok') return { status: 'ok', id: read.anchor.entryId, hash: read.anchor.hash };
      return { status: read.status };
    },
    anchor(head: AuditHead, holds: boolean) {
      if (!holds) {
        warn(`Ancre du journal d’audit laissée en place : elle ne correspond plus à la base (vérifiez le journal).`);
        return;
      }
      try {
        writeAnchor(keyDir, { storeId: key.storeId, entryId: head.id, hash: head.hash, at: head.at }, anchorKey);
      } catch (error) {
        warn(`Ancre du journal d’audit non écrite (${keyDir}) : ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
