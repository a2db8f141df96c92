import type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
import { checkCampaignDefinition, type DefinitionCheck, type DefinitionIssue } from '../../../shared/campaigns/validate-definition';
import { compileCampaign } from './compile-campaign';
import { CampaignDefinitionError } from './definition-error';

/**
 * Validates a parsed JSON value as a campaign definition: the format's structure (shared schema), then what
 * only the engine can check (operator names, versions in chronological order), by compiling it once.
 */
export function loadCampaignDefinition(json: unknown): DefinitionCheck {
  const checked = checkCampaignDefinition(json);
  if (!checked.ok) return checked;
  try {
    compileCampaign(checked.definition);
  } catch (error) {
    if (error instanceof CampaignDefinitionError) return { ok: false, issues: error.issues };
    throw error;
  }
  return checked;
}

export interface CatalogueFile {
  /** File name as found, e.g. `459.json`. */
  fileName: string;
  /** The parsed JSON content. */
  json: unknown;
}

export interface CatalogueLoad {
  /** Valid definitions, sorted by id. */
  campaigns: CampaignDefinition[];
  /** Problems per file; a file with problems is left out of `campaigns`. */
  errors: Array<{ fileName: string; issues: DefinitionIssue[] }>;
}

/** Loads a folder of definitions (read by the caller): each must be valid and named after its id (`<id>.json`). */
export function loadCampaignCatalogue(files: readonly CatalogueFile[]): CatalogueLoad {
  const campaigns: CampaignDefinition[] = [];
  const errors: CatalogueLoad['errors'] = [];
  const seen = new Set<string>();
  for (const { fileName, json } of files) {
    const loaded = loadCampaignDefinition(json);
    if (!loaded.ok) {
      errors.push({ fileName, issues: loaded.issues });
      continue;
    }
    const { id } = loaded.definition;
    if (fileName !== `${id}.json`) {
      errors.push({ fileName, issues: [{ path: 'id', message: `le fichier d’une campagne se nomme <id>.json : « ${id}.json » attendu` }] });
    } else if (seen.has(id)) {
      errors.push({ fileName, issues: [{ path: 'id', message: `identifiant « ${id} » déjà utilisé` }] });
    } else {
      seen.add(id);
      campaigns.push(loaded.definition);
    }
  }
  campaigns.sort((a, b) => a.id.localeCompare(b.id));
  return { campaigns, errors };
}
