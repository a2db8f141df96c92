import { legacyEntryHash, type AuditSeal } from '../db/repositories/audit-log-repository';

/**
 * A seal that writes entries as the first, unkeyed chain did (plain SHA-256, no anchor): builds the log of an "older
 * store" to test its migration, or what someone who rewrites the log without the key can produce.
 */
export const legacySeal: AuditSeal = {
  entryHash(prevHash, content) {
    const [at, actor, action, entity, entityId, beforeJson, afterJson] = JSON.parse(content) as [string, string, string, string, string | null, string | null, string | null];
    return legacyEntryHash({ prev_hash: prevHash, at, actor, action, entity, entity_id: entityId, before_json: beforeJson, after_json: afterJson });
  },
  anchored: () => ({ status: 'none' }),
  anchor() {},
};
