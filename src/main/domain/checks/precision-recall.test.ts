import { describe, expect, it } from 'vitest';
import { runChecks } from './catalogue';
import { demoJourneyId, generateDemoTrips } from '../demo/generate-demo-trips';
import type { TripRow } from '../trips/trip-row';
import { injectPatterns, interleavePatterns, PATTERN_NAMES } from './inject-patterns';
import { precisionRecall } from './precision-recall';

const OPERATOR_IDS = { 'BlaBlaCar Daily': 1, Karos: 2, Klaxit: 3, Mobicoop: 4 };

describe('precision and recall on generated data with injected patterns', () => {
  const base = [...generateDemoTrips({ seed: 11, journeys: 8_000, firstDay: '2024-03-01', days: 31, operatorIds: OPERATOR_IDS })];
  const firstJourneyId = demoJourneyId(11, base.length + 1);

  it('injects labelled journeys reproducibly, without touching the base rows', () => {
    const first = injectPatterns(base, { seed: 3, perPattern: 4, firstJourneyId });
    const again = injectPatterns(base, { seed: 3, perPattern: 4, firstJourneyId });
    expect(first.trips.slice(0, base.length)).toEqual(base);
    expect(first.labels).toEqual(again.labels);
    for (const pattern of PATTERN_NAMES) expect(Object.keys(injectPatterns(base, { seed: 3, perPattern: 1, patterns: [pattern], firstJourneyId }).labels).length, pattern).toBeGreaterThan(0);
  });

  it('gives injected journeys the ids of generated ones: only the labels tell them apart', () => {
    const { trips, labels } = injectPatterns(base, { seed: 3, perPattern: 4, firstJourneyId });
    const added = trips.slice(base.length);
    expect(Object.keys(labels).sort()).toEqual(added.map((trip) => trip.natural_key).sort());
    // The same shapes as the generator's: registry journey ids following its own, hexadecimal ids and keys.
    const shapes = (trip: TripRow): string[] => [
      trip.natural_key.replace(/\d+/, 'N'), String(trip.journey_id).replace(/^\d+$/, 'N'), `${trip.operator_journey_id?.length}`, `${trip.operator_trip_id?.length ?? 'sans'}`,
      `${trip.driver_identity_key?.length}`, `${trip.passenger_identity_key?.length}`, `${trip.operator_driver_id?.length}`, `${trip.operator_passenger_id?.length}`,
    ];
    const baseShapes = new Set(base.map((trip) => shapes(trip).join('|')));
    for (const trip of added) expect(baseShapes.has(shapes(trip).join('|')), shapes(trip).join('|')).toBe(true);
    for (const trip of added) for (const id of [trip.operator_journey_id, trip.operator_trip_id, trip.driver_identity_key, trip.operator_passenger_id]) expect(id ?? '').toMatch(/^[0-9a-f]*$/);
    expect(added.map((trip) => trip.journey_id)).toEqual(expect.arrayContaining(added.map((_, k) => firstJourneyId + k)));
    expect(new Set(trips.map((trip) => trip.natural_key)).size).toBe(trips.length);
    // Ids follow the starts, as the generator's do.
    const byId = [...added].sort((a, b) => Number(a.journey_id) - Number(b.journey_id)).map((trip) => trip.start_at);
    expect(byId).toEqual([...byId].sort());
  });

  it('slips injected journeys among the generated ones by their start, every journey numbered in that order', () => {
    const injected = injectPatterns(base, { seed: 3, perPattern: 2, firstJourneyId });
    const added = injected.trips.slice(base.length);
    const { trips, labels } = interleavePatterns(base, { added, labels: injected.labels }, 11);
    const all = [...trips];
    expect(all.map((trip) => trip.journey_id)).toEqual(all.map((_, k) => demoJourneyId(11, k + 1)));
    expect(all.map((trip) => trip.natural_key)).toEqual(all.map((trip) => `j:${trip.journey_id}`));
    const starts = all.map((trip) => trip.start_at);
    expect(starts).toEqual([...starts].sort());
    // The same journeys, the injected ones labelled under their new keys with what they were labelled before.
    expect(Object.keys(labels)).toHaveLength(added.length);
    const byKey = new Map(all.map((trip) => [trip.natural_key, trip]));
    const before = new Map(added.map((trip) => [`${trip.operator_journey_id}`, injected.labels[trip.natural_key]]));
    for (const [key, ids] of Object.entries(labels)) expect(ids).toEqual(before.get(`${byKey.get(key)?.operator_journey_id}`));
    // Not a block at the end: injected journeys take ids among those of their day.
    const ids = Object.keys(labels).map((key) => Number(byKey.get(key)?.journey_id));
    expect(Math.min(...ids)).toBeLessThan(demoJourneyId(11, base.length / 2));
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
    const { trips, labels } = injectPatterns(base, { seed: 3, perPattern: 10, firstJourneyId });
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
