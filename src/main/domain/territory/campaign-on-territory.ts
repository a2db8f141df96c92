import type { CampaignDefinition, TerritorySelector } from '../../../shared/campaigns/definition-types';
import type { TerritoryRef } from '../../../shared/types/territory';
import type { DayPeriod } from './territory-period';

/**
 * The campaign selector of a territory. A commune is selected by its code as published (`arr`: arrondissement or
 * commune, as the statistics' `com` level), so that a report on an arrondissement simulates that arrondissement.
 */
export function territorySelector(territory: TerritoryRef): TerritorySelector {
  return territory.level === 'com' ? { arr: [territory.code] } : { [territory.level]: [territory.code] };
}

/**
 * A catalogue campaign applied to a territory's journeys of a period, for the territory report: the same rules,
 * limits and budget, its territory replaced by the report's (conditions reading `"in": "campaign"` follow) and its
 * window by the period, so that what it would have paid there is simulated rather than a silent zero outside its
 * own territory and dates. Pure: the definition given is not modified.
 */
export function campaignOnTerritory(definition: CampaignDefinition, territory: TerritoryRef, territoryName: string, period: DayPeriod): CampaignDefinition {
  return {
    ...structuredClone(definition),
    name: `${definition.name} — appliquée à ${territoryName}`,
    territory: territorySelector(territory),
    window: { from: period.from, to: period.to },
  };
}
