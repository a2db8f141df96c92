/** The campaign engine's public API (docs/campaigns-format.md). */
export type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
export type { CounterValue } from '../../../shared/campaigns/counter-value';
export type { DefinitionIssue } from '../../../shared/campaigns/validate-definition';
export type { LimitApplication } from './apply-limits';
export { sortTripsChronologically, tripTime, type CampaignTrip, type TripPlace } from './campaign-trip';
export { createCampaignRun, type CampaignResult, type CampaignRun, type RunOptions } from './campaign-run';
export type { AmountTerm } from './compile-amount';
export { compileCampaign, type CompileOverrides, type CompiledCampaign } from './compile-campaign';
export { CampaignDefinitionError } from './definition-error';
export { loadCampaignCatalogue, loadCampaignDefinition, type CatalogueFile, type CatalogueLoad } from './load-definition';
export type { CampaignReason } from './trip-condition';
