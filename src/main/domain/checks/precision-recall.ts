import type { CheckFlag } from './check-types';

/** Journey-level quality of one check against injected labels. */
export interface CheckScore {
  checkId: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** TP / (TP + FP); 1 when the check flagged nothing. */
  precision: number;
  /** TP / (TP + FN); 1 when nothing was expected. */
  recall: number;
}

/**
 * Precision and recall per check, counted on journeys: a journey is flagged by a check when any of its flags
 * names it, expected when its label lists the check id. Journeys the check already flags in `baseline` (the
 * same run on the data before injection) are left out: generated base data has anomalies of its own that
 * are not labelled.
 */
export function precisionRecall(flags: readonly CheckFlag[], labels: Readonly<Record<string, readonly string[]>>, baseline: readonly CheckFlag[] = []): CheckScore[] {
  const flagged = new Map<string, Set<string>>();
  const collect = (list: readonly CheckFlag[], into: Map<string, Set<string>>): void => {
    for (const flag of list) {
      const keys = into.get(flag.checkId) ?? new Set<string>();
      for (const key of flag.journeyKeys) keys.add(key);
      into.set(flag.checkId, keys);
    }
  };
  const before = new Map<string, Set<string>>();
  collect(baseline, before);
  collect(flags, flagged);
  const expected = new Map<string, Set<string>>();
  for (const [key, ids] of Object.entries(labels)) {
    for (const id of ids) expected.set(id, (expected.get(id) ?? new Set<string>()).add(key));
  }
  const ids = [...new Set([...flagged.keys(), ...expected.keys()])].sort();
  return ids.map((checkId) => {
    const ignored = before.get(checkId) ?? new Set<string>();
    const got = [...(flagged.get(checkId) ?? [])].filter((k) => !ignored.has(k));
    const want = expected.get(checkId) ?? new Set<string>();
    const truePositives = got.filter((k) => want.has(k)).length;
    const falsePositives = got.length - truePositives;
    const falseNegatives = want.size - truePositives;
    return {
      checkId, truePositives, falsePositives, falseNegatives,
      precision: got.length === 0 ? 1 : truePositives / got.length,
      recall: want.size === 0 ? 1 : truePositives / want.size,
    };
  });
}
