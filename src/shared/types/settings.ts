import { z } from 'zod';

/**
 * Every user setting, with its schema and default. Settings are stored as JSON in the `settings` table;
 * an unknown or invalid stored value falls back to the default.
 */
export const settingSchemas = {
  /** True once the user has accepted or dismissed the first-run demo data offer. */
  'demo.offerAnswered': z.boolean(),
  /** Number of demo trips (journeys) `demo:start` loads when none is given. */
  'demo.defaultTrips': z.number().int().min(100).max(2_000_000),
  /** Folder watched for new extract files (a shared drive where extracts land), or null when off. */
  'sync.watchFolder': z.string().trim().min(1).max(4096).nullable(),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

export const settingDefaults: Settings = {
  'demo.offerAnswered': false,
  'demo.defaultTrips': 20_000,
  'sync.watchFolder': null,
};

export const SettingKeySchema = z.enum(Object.keys(settingSchemas) as [SettingKey, ...SettingKey[]]);

/** The whole settings object, each key validated by its own schema. */
export const SettingsSchema = z.object(settingSchemas);
