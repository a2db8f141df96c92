import type { Knex } from 'knex';
import { SETTINGS_ACTION, SETTINGS_ENTITY, STORE_SETTINGS, type AuditLogRepository } from './audit-log-repository';

/**
 * Key/value settings stored as JSON text. Every change is recorded in the audit log, in the same transaction
 * (setting, old → new value, who, when): the verification compares each stored value with its last entry.
 */
export class SettingsRepository {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLogRepository,
    /** Who changes settings in this process (recorded with each change). */
    private readonly actor: string,
  ) {}

  /** Every stored setting, parsed from JSON; a value that is not valid JSON is left out (and so are the store's own: id, key check). */
  async all(): Promise<Record<string, unknown>> {
    const rows: Array<{ key: string; value_json: string }> = await this.db('settings').whereNotIn('key', STORE_SETTINGS).select('key', 'value_json');
    const result: Record<string, unknown> = {};
    for (const row of rows) {
      try {
        result[row.key] = JSON.parse(row.value_json);
      } catch {
        // A corrupt value falls back to the default in the service.
      }
    }
    return result;
  }

  /**
   * Inserts or replaces one setting and records the change in the audit log (nothing when the value is the same).
   * `at` is an ISO UTC instant.
   */
  async set(key: string, value: unknown, at: string): Promise<void> {
    if (STORE_SETTINGS.includes(key)) throw new Error(`Réglage réservé : ${key}`);
    const valueJson = JSON.stringify(value);
    await this.audit.transaction(async (trx, append) => {
      const stored = (await trx('settings').where({ key }).first('value_json')) as { value_json: string } | undefined;
      if (stored?.value_json === valueJson) return;
      await trx('settings').insert({ key, value_json: valueJson, updated_at: at }).onConflict('key').merge();
      await append({ actor: this.actor, action: SETTINGS_ACTION, entity: SETTINGS_ENTITY, entityId: key, before: stored ? parseOrText(stored.value_json) : undefined, after: value }, at);
    });
  }
}

/** A stored value as recorded in the entry's `before` (its text when it is not valid JSON). */
function parseOrText(valueJson: string): unknown {
  try {
    return JSON.parse(valueJson) as unknown;
  } catch {
    return valueJson;
  }
}
