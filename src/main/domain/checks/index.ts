/** The check catalogue's public API (docs/checks.md). */
export { CHECK_CATALOGUE, CHECKS, checkLabel, runChecks, type RunChecksOptions } from './catalogue';
export type { CheckDefinition, CheckMeta, CheckRequirement } from './check-definition';
export { CHECK_PARAMETER_DOCS, type CheckParameterDocs, type ParameterDoc } from './check-parameter-docs';
export {
  DEFAULT_CHECK_PARAMETERS, resolveParameters, type CheckCode, type CheckParameterOverrides, type CheckParameters,
} from './check-parameters';
export type { CheckFlag, CheckTrip, EvidenceValue, Severity } from './check-types';
export { reconstituteIdentities, type IdentityAlias, type IdentityCluster } from './identity-clusters';
export {
  injectPatterns, interleavePatterns, PATTERN_NAMES, type InjectedData, type InjectOptions, type InterleavedData, type PatternName,
} from './inject-patterns';
export { CEILING_S, overlapKind, type OverlapKind } from './overlap';
export { precisionRecall, type CheckScore } from './precision-recall';
export type { Route, RouteProvider } from './route-provider';
