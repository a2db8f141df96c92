import { createCheckContext } from './check-context';
import type { CheckDefinition, CheckMeta } from './check-definition';
import { resolveParameters, type CheckCode, type CheckParameterOverrides, type CheckParameters } from './check-parameters';
import type { CheckFlag, CheckTrip } from './check-types';
import { coupleTooClose, crossOperatorDuplicate } from './couple-checks';
import { exclusivePair, starDriver } from './exclusive-ties-checks';
import { identityReconstitution } from './identity-clusters';
import { accountChurn } from './account-churn-check';
import { nightShare, roboticRegularity, roleSwitching, tripsPerDay, volumeEarnings } from './person-activity-checks';
import { selfOverlap, teleport } from './person-overlap-checks';
import { closedRing, roleSwapPair } from './role-swap-checks';
import type { RouteProvider } from './route-provider';
import { routedCheck } from './routed-check';
import { simultaneousGroup } from './simultaneous-group-check';
import { territoryMonitors } from './territory-monitors';
import { DECLARED_CONFLICT_META } from '../declarations/declared-conflict-check';
import { TRIP_CHECKS } from './trip-checks';

/** Every implemented check, per trip first, then person history, then graph and territory. */
export const CHECKS: ReadonlyArray<CheckDefinition> = [
  ...TRIP_CHECKS.slice(0, 6), routedCheck, ...TRIP_CHECKS.slice(6),
  tripsPerDay, selfOverlap, coupleTooClose, teleport, roleSwitching, roboticRegularity, volumeEarnings, nightShare, accountChurn,
  identityReconstitution, roleSwapPair, closedRing, exclusivePair, starDriver, crossOperatorDuplicate, simultaneousGroup, territoryMonitors,
] as ReadonlyArray<CheckDefinition>;

/**
 * Metadata of every implemented check, for settings screens and flag explanations: the journeys' checks, then D01,
 * which reads declared journeys beside the registry's and runs after them in a scan (workers/tasks/checks-scan.ts).
 */
export const CHECK_CATALOGUE: ReadonlyArray<CheckMeta> = [
  ...CHECKS.map(({ id, code, version, family, label, description, severity, requires, enabledByDefault }) => ({
    id, code, version, family, label, description, severity, enabledByDefault, ...(requires ? { requires } : {}),
  })),
  DECLARED_CONFLICT_META,
];

const LABELS_BY_CODE = new Map<string, string>(CHECK_CATALOGUE.map((meta) => [meta.code, meta.label]));

/**
 * French label of a versioned check id, found by its code so that flags stored under an earlier version of a check
 * (G07@1) keep their label; the id itself when unknown.
 */
export function checkLabel(checkId: string): string {
  return LABELS_BY_CODE.get(checkId.split('@')[0] ?? '') ?? checkId;
}

export interface RunChecksOptions {
  /** Only these check codes (e.g. `['T01', 'H02']`); all by default. */
  only?: readonly CheckCode[];
  /** Offline router for T07 (routed check); without it T07 is off and yields nothing. */
  routeProvider?: RouteProvider;
  /**
   * Told the duration of each step, in milliseconds: `context` (the pass over the journeys), `index:<name>` for each
   * index built on first use (persons, couples…), then each check by versioned id, index building excluded.
   */
  onTiming?: (step: string, ms: number) => void;
}

/**
 * Runs the catalogue over a set of journeys and returns every flag, check by check in catalogue order. Pure: the
 * journeys are read, never changed. Times, car trips and persons are numbered once and person and couple indexes
 * built once, then shared between checks. A check that needs what was not given (T07 without a router) is skipped.
 */
export function runChecks(trips: readonly CheckTrip[], overrides: CheckParameterOverrides = {}, options: RunChecksOptions = {}): CheckFlag[] {
  const parameters = resolveParameters(overrides);
  const { onTiming } = options;
  let indexMs = 0;
  const started = performance.now();
  const context = createCheckContext(trips, {
    router: options.routeProvider ?? null,
    onIndexBuilt: (name, ms) => {
      indexMs += ms;
      onTiming?.(`index:${name}`, ms);
    },
  });
  onTiming?.('context', performance.now() - started);
  const flags: CheckFlag[] = [];
  for (const check of CHECKS) {
    if (options.only && !options.only.includes(check.code)) continue;
    if (check.requires === 'router' && !options.routeProvider) continue;
    const run = check.run as (c: typeof context, p: CheckParameters[CheckCode]) => CheckFlag[];
    const checkStarted = performance.now();
    const indexBefore = indexMs;
    for (const flag of run(context, parameters[check.code])) flags.push(flag);
    onTiming?.(check.id, performance.now() - checkStarted - (indexMs - indexBefore));
  }
  return flags;
}
