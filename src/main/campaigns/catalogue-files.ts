import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { CampaignDefinition } from '../../shared/campaigns/definition-types';
import { describeIssues } from '../../shared/campaigns/validate-definition';
import { loadCampaignCatalogue, loadCampaignDefinition } from '../domain/campaigns';

/**
 * Folder of the shipped campaign definitions (`resources/campaigns`): next to the sources in development and
 * tests, two levels above `out/main` once built, in the packaged app's resources, or `ATELIER_CAMPAIGNS_DIR`.
 */
export function catalogueDir(): string {
  const candidates = [
    process.env.ATELIER_CAMPAIGNS_DIR,
    join(__dirname, '../../resources/campaigns'),
    join(__dirname, '../../../resources/campaigns'),
    'resourcesPath' in process ? join(String((process as unknown as { resourcesPath: string }).resourcesPath), 'campaigns') : undefined,
  ].filter((dir): dir is string => typeof dir === 'string');
  const found = candidates.find((dir) => existsSync(join(dir, '459.json')));
  if (!found) throw new Error(`Catalogue des campagnes introuvable (cherché dans : ${candidates.join(', ')})`);
  return found;
}

let memo: CampaignDefinition[] | null = null;

/** Every catalogue definition, validated (a broken shipped file is a build error, reported loudly). */
export function loadCatalogue(): CampaignDefinition[] {
  if (memo) return memo;
  const dir = catalogueDir();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((fileName) => ({ fileName, json: JSON.parse(readFileSync(join(dir, fileName), 'utf8')) as unknown }));
  const load = loadCampaignCatalogue(files);
  if (load.errors.length > 0) {
    throw new Error(`Catalogue des campagnes invalide : ${load.errors.map((error) => `${error.fileName} : ${describeIssues(error.issues)}`).join(' ; ')}`);
  }
  memo = load.campaigns;
  return memo;
}

/** A user's definition file: French errors naming the file and each JSON path. */
export class CampaignFileError extends Error {
  override name = 'CampaignFileError';
}

/** Reads and validates a definition file. */
export function readDefinitionFile(path: string): CampaignDefinition {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CampaignFileError(`${basename(path)} : JSON illisible (${(error as Error).message})`);
  }
  const check = loadCampaignDefinition(json);
  if (!check.ok) throw new CampaignFileError(`${basename(path)} : ${describeIssues(check.issues)}`);
  return check.definition;
}

/** A catalogue id (`459`, `occitanie_2022`) or a definition file path. */
export function resolveCampaign(idOrFile: string): CampaignDefinition {
  const fromCatalogue = loadCatalogue().find((definition) => definition.id === idOrFile);
  if (fromCatalogue) return fromCatalogue;
  if (idOrFile.endsWith('.json') || existsSync(idOrFile)) return readDefinitionFile(resolve(idOrFile));
  throw new CampaignFileError(`Campagne inconnue : « ${idOrFile} » (ni identifiant du catalogue, ni fichier .json ; atelier campaign list)`);
}
