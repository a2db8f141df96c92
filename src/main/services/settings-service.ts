import { settingDefaults, settingSchemas, type SettingKey, type Settings } from '../../shared/types/settings';
import type { SettingsRepository } from '../db/repositories/settings-repository';

/** User settings: stored values validated by their schema and merged over the defaults. */
export class SettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly now: () => Date,
  ) {}

  /** Every setting; a stored value that no longer fits its schema falls back to the default. */
  async list(): Promise<Settings> {
    const stored = await this.repository.all();
    const result: Record<string, unknown> = { ...settingDefaults };
    for (const key of Object.keys(settingSchemas) as SettingKey[]) {
      const parsed = settingSchemas[key].safeParse(stored[key]);
      if (parsed.success) result[key] = parsed.data;
    }
    return result as Settings;
  }

  /** Stores one setting (the contract has already validated `value` against the key's schema). */
  async set(key: SettingKey, value: unknown): Promise<Settings> {
    const parsed = settingSchemas[key].parse(value);
    await this.repository.set(key, parsed, this.now().toISOString());
    return this.list();
  }
}
