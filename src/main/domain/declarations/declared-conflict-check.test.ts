import { describe, expect, it } from 'vitest';
import { EVIDENCE_CODES, evidenceKeyInfo } from '../../../shared/checks/evidence-labels';
import { DEFAULT_CHECK_PARAMETERS } from '../checks/check-parameters';
import { journey, LE_MANS, NANTES, SAINT_NAZAIRE } from '../checks/testing/trip-fixture';
import { declaredConflicts, type DeclaredJourney } from './declared-conflict-check';

const P = DEFAULT_CHECK_PARAMETERS.D01;
const PLACES = { NANTES, SAINT_NAZAIRE, LE_MANS } as const;

/** A declared journey of `declarant` at a UTC time of 15 January 2024, 60 km between two of the places. */
function declared(key: string, hhmm: string, from: keyof typeof PLACES, to: keyof typeof PLACES, spec: Partial<DeclaredJourney> = {}): DeclaredJourney {
  const startAt = `2024-01-15T${hhmm}:00Z`;
  const point = (place: keyof typeof PLACES) => ({ lat: PLACES[place].lat, lon: PLACES[place].lon, slackM: 10_000 });
  return {
    key, declarant: 'agent', person: null, role: 'driver', startS: Date.parse(startAt) / 1000, startAt, day: '2024-01-15', distanceM: 60_000,
    startInsee: PLACES[from].insee, startCom: PLACES[from].insee, endInsee: PLACES[to].insee, endCom: PLACES[to].insee, start: point(from), end: point(to), ...spec,
  };
}

/** The kind (and overlap) of each flag, with its severity and the journeys it links. */
const summary = (flags: ReturnType<typeof declaredConflicts>) =>
  flags.map((flag) => [flag.evidence.kind, flag.evidence.overlap ?? null, flag.severity, flag.journeyKeys.join(' + '), flag.persons.join(' + ')]);

describe('D01, declared journeys in conflict', () => {
  // Registry journey of person `P`: Nantes → Saint-Nazaire, published 07:00–07:50 UTC.
  const registry = [journey({ key: 'j:1', start: '2024-01-15T07:00', driver: 'P' }), journey({ key: 'j:2', start: '2024-01-15T07:05', driver: 'someone-else' })];

  it('flags a declaration overlapping a registry journey of the same person, and one repeating it', () => {
    const flags = declaredConflicts([
      declared('decl:a', '07:20', 'SAINT_NAZAIRE', 'NANTES', { person: 'P' }),
      declared('decl:b', '07:10', 'NANTES', 'SAINT_NAZAIRE', { person: 'P', declarant: 'other' }),
      // Nobody's registry journey but its own: no conflict.
      declared('decl:c', '07:15', 'SAINT_NAZAIRE', 'NANTES', { person: 'Q', declarant: 'third' }),
    ], registry, P);
    expect(summary(flags)).toEqual([
      ['declared_overlap', 'certain', 'high', 'decl:a + j:1', 'P'],
      ['declared_overlap', 'certain', 'high', 'decl:a + decl:b', 'P'],
      ['declared_registry_duplicate', null, 'warning', 'decl:b + j:1', 'P'],
    ]);
    expect(flags[2]?.evidence).toMatchObject({ otherSource: 'registry_journey', startGapS: 600, duplicateWindowS: 1800, declarant: 'other' });
  });

  it('flags two declarations of one declarant that share time at the usual speed, and an impossible speed between two', () => {
    const flags = declaredConflicts([
      declared('decl:1', '10:00', 'NANTES', 'SAINT_NAZAIRE'),
      // Leaves 40 minutes later: 60 km at 130 km/h take 28 minutes, at 50 km/h 72.
      declared('decl:2', '10:40', 'SAINT_NAZAIRE', 'NANTES'),
      // Arrived in Saint-Nazaire at 13:28 at the earliest, leaves Le Mans (~210 km away) at 13:40.
      declared('decl:3', '13:00', 'NANTES', 'SAINT_NAZAIRE'),
      declared('decl:4', '13:40', 'LE_MANS', 'NANTES', { distanceM: 170_000 }),
    ], [], P);
    expect(summary(flags)).toEqual([
      ['declared_overlap', 'possible', 'warning', 'decl:1 + decl:2', 'd:agent'],
      ['declared_speed', null, 'high', 'decl:3 + decl:4', 'd:agent'],
    ]);
    expect(flags[1]?.evidence).toMatchObject({ otherSource: 'declared_journey', maxSpeedKmh: 130 });
    expect(flags[1]?.evidence.speedKmh as number).toBeGreaterThan(130);
    expect(declaredConflicts([declared('decl:1', '10:00', 'NANTES', 'SAINT_NAZAIRE'), declared('decl:5', '12:30', 'SAINT_NAZAIRE', 'NANTES')], [], P)).toEqual([]);
  });

  it('names every evidence key and code word it emits in French', () => {
    const flags = [
      ...declaredConflicts([declared('decl:a', '07:20', 'SAINT_NAZAIRE', 'NANTES', { person: 'P' }), declared('decl:b', '07:10', 'NANTES', 'SAINT_NAZAIRE', { person: 'P' })], registry, P),
      ...declaredConflicts([declared('decl:1', '10:00', 'NANTES', 'SAINT_NAZAIRE'), declared('decl:2', '10:40', 'SAINT_NAZAIRE', 'NANTES'),
        declared('decl:3', '13:00', 'NANTES', 'SAINT_NAZAIRE'), declared('decl:4', '13:40', 'LE_MANS', 'NANTES', { distanceM: 170_000 })], [], P),
    ];
    expect(new Set(flags.map((flag) => `${String(flag.evidence.kind)}:${String(flag.evidence.otherSource)}`))).toEqual(new Set([
      'declared_overlap:registry_journey', 'declared_overlap:declared_journey', 'declared_registry_duplicate:registry_journey', 'declared_speed:declared_journey',
    ]));
    for (const flag of flags) {
      for (const [key, value] of Object.entries(flag.evidence)) {
        const info = evidenceKeyInfo(flag.checkId, key);
        expect(info, key).toBeDefined();
        if (info?.unit !== 'code') continue;
        for (const word of Array.isArray(value) ? value : [value]) expect(EVIDENCE_CODES[String(word)], `${key}=${String(word)}`).toBeDefined();
      }
    }
  });
});
