import { describe, expect, it } from 'vitest';
import { runChecks } from './catalogue';
import { generateDemoTrips } from '../demo/generate-demo-trips';
import { injectPatterns, PATTERN_NAMES } from './inject-patterns';
import { precisionRecall } from './precision-recall';

const OPERATOR_IDS = { 'BlaBlaCar Daily': 1, Karos: 2, Klaxit: 3, Mobicoop: 4 };

describe('precision and recall on generated data with injected patterns', () => {
  const base = [...generateDemoTrips({ seed: 11, journeys: 8_000, firstDay: '2024-03-01', days: 31, operatorIds: OPERATOR_IDS })];

  it('injects labelled journeys reproducibly, without touching the base rows', () => {
    const first = injectPatterns(base, { seed: 3, perPattern: 4 });
    const again = injectPatterns(base, { seed: 3, perPattern: 4 });
    expect(first.trips.slice(0, base.length)).toEqual(base);
    expect(first.labels).toEqual(again.labels);
    for (const pattern of PATTERN_NAMES) expect(Object.keys(first.labels).some((k) => k.includes(`inj-${pattern}-`))).toBe(true);
  });

  it('finds the injected patterns with sensible precision and recall', () => {
    const baseline = runChecks(base);
    // The demo generator may put one commuter in two cars at once: those base-data findings are not injected labels.
    const perCheck = new Map<string, number>();
    for (const flag of baseline) perCheck.set(flag.checkId, (perCheck.get(flag.checkId) ?? 0) + 1);
    console.log('Flags on the base data before injection:', Object.fromEntries([...perCheck].sort()));
    // Ordinary commuters (regular couples, one role each, one operator) must not look like these frauds. G07@2 in
    // particular: commuters sharing communes and a 10-minute slot (G07@1 grouped 33 of these journeys) start from
    // their own streets, not from one car.
    for (const id of ['T01@1', 'T04@1', 'H05@1', 'H06@1', 'H08@1', 'H09@1', 'G01@1', 'G02@1', 'G03@1', 'G06@1', 'G07@2']) expect(perCheck.get(id), id).toBeUndefined();
    const { trips, labels } = injectPatterns(base, { seed: 3, perPattern: 10 });
    const scores = precisionRecall(runChecks(trips), labels, baseline);
    console.log('Precision/recall (journeys; base-data flags excluded):');
    console.table(scores.map((s) => ({ ...s, precision: s.precision.toFixed(3), recall: s.recall.toFixed(3) })));
    const expectedIds = new Set(Object.values(labels).flat());
    for (const score of scores) {
      if (expectedIds.has(score.checkId)) expect(score.recall, score.checkId).toBeGreaterThanOrEqual(0.9);
      expect(score.precision, score.checkId).toBeGreaterThanOrEqual(0.8);
    }
    // Every group of one car declared 3 or 4 times is found, and nothing else.
    expect(scores.find((s) => s.checkId === 'G07@2')).toMatchObject({ precision: 1, recall: 1 });
    expect(expectedIds.size).toBeGreaterThanOrEqual(12);
  });

  it('scores a check that flags the wrong journeys as imprecise', () => {
    const flag = { checkId: 'T01@1', severity: 'high' as const, persons: [], evidence: {} };
    const scores = precisionRecall([{ ...flag, journeyKeys: ['a', 'x'] }], { a: ['T01@1'], b: ['T01@1'] });
    expect(scores).toEqual([{ checkId: 'T01@1', truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 }]);
  });
});
