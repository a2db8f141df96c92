import { z } from 'zod';
import { CheckCodeSchema } from './reviews';
import { TerritoryRef } from './territory';
import { isValidSiret } from '../util/siret';

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
  /** Privacy threshold of maps, in journeys: flows and places below it are neither drawn nor exported. */
  'map.minCount': z.number().int().min(1).max(1_000),
  /** The user's territory, shown on the home page (« Mon territoire »); null until chosen. */
  'home.territory': TerritoryRef.nullable(),
  /** Name of the organisation that issues attestations de covoiturage (printed on them), or null until set. */
  'attestations.issuerName': z.string().trim().min(2, 'nom attendu (2 caractères au moins)').max(120, 'nom trop long (120 caractères au plus)').nullable(),
  /** SIRET of that organisation (14 digits, checksum verified), or null until set. */
  'attestations.issuerSiret': z.string().trim().refine(isValidSiret, 'SIRET invalide : 14 chiffres attendus, clé de contrôle vérifiée').nullable(),
  /**
   * Check codes the investigator hides from the review queue (`T10`): a view of the queue, not the scan's enabled
   * checks; their flags are still found, stored and shown in the details.
   */
  'review.hiddenChecks': z.array(CheckCodeSchema).max(64),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

export const settingDefaults: Settings = {
  'demo.offerAnswered': false,
  'demo.defaultTrips': 20_000,
  'sync.watchFolder': null,
  'map.minCount': 6,
  'home.territory': null,
  'attestations.issuerName': null,
  'attestations.issuerSiret': null,
  'review.hiddenChecks': [],
};

export const SettingKeySchema = z.enum(Object.keys(settingSchemas) as [SettingKey, ...SettingKey[]]);

/** The whole settings object, each key validated by its own schema. */
export const SettingsSchema = z.object(settingSchemas);
