import type { CheckContext } from './check-context';
import type { CheckParameters, CheckCode } from './check-parameters';
import type { CheckFlag, Severity } from './check-types';

/** What a check may need beyond the journeys: `router` is an offline car router (OSRM), see `RouteProvider`. */
export type CheckRequirement = 'router';

/** Metadata of a check, as listed in `CHECK_CATALOGUE` (French texts for the reviewer). */
export interface CheckMeta {
  /** Versioned id, `<code>@<version>`: a change of rule bumps the version so stored flags stay explainable. */
  id: string;
  code: CheckCode;
  version: number;
  family: 'trip' | 'person' | 'graph';
  label: string;
  description: string;
  /** Highest severity the check can give; each flag carries its own. */
  severity: Severity;
  /** What the check needs to run; without it the check yields no flag (T07 without a router). */
  requires?: CheckRequirement;
  /**
   * Whether a plain `runChecks` produces its flags. False for checks that need something the workstation does not
   * have by default (the UI shows « désactivé : nécessite un calculateur d’itinéraire hors ligne »).
   */
  enabledByDefault: boolean;
}

/** A check: its metadata and the pure function producing its flags. */
export interface CheckDefinition<K extends CheckCode = CheckCode> extends CheckMeta {
  code: K;
  run(context: CheckContext, parameters: CheckParameters[K]): CheckFlag[];
}

/** What a check module writes: metadata without the id, and a `run` that also receives the versioned id. */
export interface CheckSource<K extends CheckCode> extends Omit<CheckMeta, 'id' | 'code' | 'enabledByDefault'> {
  code: K;
  /** True unless stated. */
  enabledByDefault?: boolean;
  run(context: CheckContext, parameters: CheckParameters[K], checkId: string): CheckFlag[];
}

/** Builds a check from its source: derives the versioned id and hands it to `run` for the flags. */
export function defineCheck<K extends CheckCode>(source: CheckSource<K>): CheckDefinition<K> {
  const id = `${source.code}@${source.version}`;
  return { ...source, id, enabledByDefault: source.enabledByDefault ?? true, run: (context, parameters) => source.run(context, parameters, id) };
}
