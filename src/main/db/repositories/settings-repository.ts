import type { Knex } from 'knex';

/** Key/value settings stored as JSON text. */
export class SettingsRepository {
  constructor(private readonly db: Knex) {}

  /** Every stored setting, parsed from JSON; a value that is not valid JSON is left out. */
  async all(): Promise<Record<string, unknown>> {
    const rows: Array<{ key: string; value_json: string }> = await this.db('settings').select('key', 'value_json');
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

  /** Inserts or replaces one setting. `at` is an ISO UTC instant. */
  async set(key: string, value: unknown, at: string): Promise<void> {
    await this.db('settings')
      .insert({ key, value_json: JSON.stringify(value), updated_at: at })
      .onConflict('key')
      .merge();
  }
}
