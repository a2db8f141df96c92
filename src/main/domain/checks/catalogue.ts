import { createCheckContext } from './check-context';
import type { CheckDefinition, CheckMeta } from './check-definition';
import { resolveParameters, type CheckCode, type CheckParameterOverrides, type CheckParameters } from './check-parameters';
import type { CheckFlag, CheckTrip } from './check-types';
import { coupleTooClose, crossOperatorDuplicate, simultaneousGroup } from './couple-checks';
import { exclusivePair, starDriver } from './exclusive-ties-checks';
import { identityReconstitution } from './identity-clusters';
import { accountChurn } from './account-churn-check';
import { nightShare, roboticRegularity, roleSwitching, tripsPerDay, volumeEarnings } from './person-activity-checks';
import { selfOverlap, teleport } from './person-overlap-checks';
import { closedRing, roleSwapPair } from './role-swap-checks';
import { TRIP_CHECKS } from './trip-checks';

/** Every implemented check, per trip first, then person history, then graph. */
export const CHECKS: ReadonlyArray<CheckDefinition> = [
  ...TRIP_CHECKS,
  tripsPerDay, selfOverlap, coupleTooClose, teleport, roleSwitching, roboticRegularity, volumeEarnings, nightShare, accountChurn,
  identityReconstitution, roleSwapPair, closedRing, exclusivePair, starDriver, crossOperatorDuplicate, simultaneousGroup,
] as ReadonlyArray<CheckDefinition>;

/** Metadata of every implemented check, for settings screens and flag explanations. */
export const CHECK_CATALOGUE: ReadonlyArray<CheckMeta> = CHECKS.map(({ id, code, version, family, label, description, severity }) => ({
  id, code, version, family, label, description, severity,
}));

export interface RunChecksOptions {
  /** Only these check codes (e.g. `['T01', 'H02']`); all by default. */
  only?: readonly CheckCode[];
}

/**
 * Runs the catalogue over a set of journeys and returns every flag, check by check in catalogue order. Pure: the
 * journeys are read, never changed. Person and couple indexes are built once and shared between checks.
 */
export function runChecks(trips: readonly CheckTrip[], overrides: CheckParameterOverrides = {}, options: RunChecksOptions = {}): CheckFlag[] {
  const parameters = resolveParameters(overrides);
  const context = createCheckContext(trips);
  const flags: CheckFlag[] = [];
  for (const check of CHECKS) {
    if (options.only && !options.only.includes(check.code)) continue;
    const run = check.run as (c: typeof context, p: CheckParameters[CheckCode]) => CheckFlag[];
    for (const flag of run(context, parameters[check.code])) flags.push(flag);
  }
  return flags;
}
