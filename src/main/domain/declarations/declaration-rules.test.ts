import { describe, expect, it } from 'vitest';
import { mapHeader } from './declaration-format';
import { parseDeclaration, readDay, readTime } from './declaration-row';
import { COMMUNE_RADIUS_M, declaredSpansConflict, DEPARTEMENT_RADIUS_M, judgeDistance, registrySpanConflict, sameJourney, type DeclaredPlace } from './declaration-rules';

const NOW = new Date('2026-12-07T10:00:00Z');

/** A commune known by its own point (or its département's). */
const place = (code: string, dep: string, lat: number, lon: number, precision: 'commune' | 'departement' = 'commune'): DeclaredPlace => ({
  code, dep, position: { lat, lon, precision, radiusM: precision === 'commune' ? COMMUNE_RADIUS_M : DEPARTEMENT_RADIUS_M },
});
const NANTES = place('44109', '44', 47.218, -1.553);
const SAINT_NAZAIRE = place('44184', '44', 47.273, -2.213);

describe('a declared journey’s fields', () => {
  it('reads French and ISO days, and times as people type them', () => {
    expect([readDay('16/04/2024'), readDay('6/4/2024'), readDay('2024-04-16'), readDay('31/02/2024'), readDay('2024/04/16')]).toEqual(['2024-04-16', '2024-04-06', '2024-04-16', null, null]);
    expect([readTime('7:45'), readTime('07:45:00'), readTime('7h45'), readTime('18h'), readTime('24:00'), readTime('7.45')]).toEqual([465, 465, 465, 1080, null, null]);
  });

  it('takes Paris time to UTC, normalises the codes and names every problem with its field', () => {
    const cells = { date: '30/03/2025', time: '08:00', from: '1001', to: '2a004', role: 'Passagère', seats: '2', distance: '12,5 km', declarant: '  agent   7 ', carpooler: 'u:Karos:42' };
    expect(parseDeclaration(cells, NOW)).toEqual({
      declaration: {
        day: '2025-03-30', minutes: 480, startLocal: '2025-03-30 08:00:00', startAt: '2025-03-30T06:00:00Z', from: '01001', to: '2A004', role: 'passenger', seats: 2,
        distanceM: 12_500, declarant: 'agent 7', carpooler: { kind: 'operator', operator: 'Karos', userId: '42' }, comment: null,
      },
    });
    const bad = parseDeclaration({ date: '', time: '8:00', from: '', to: '44109', role: 'conducteur', seats: '9', distance: '-3', declarant: 'x', carpooler: 'u:Karos:' }, NOW);
    expect('problems' in bad && bad.problems.map((problem) => [problem.field, problem.reasonCode])).toEqual([
      ['date', 'missing'], ['from', 'missing'], ['seats', 'invalid_seats'], ['distance', 'invalid_distance'], ['carpooler', 'invalid_person'],
    ]);
    const future = parseDeclaration({ date: '07/12/2026', time: '12:00', from: '44109', to: '44162', role: 'conducteur', seats: '1', declarant: 'x' }, NOW);
    expect('problems' in future && future.problems[0]?.reasonCode).toBe('date_in_future');
  });

  it('finds the columns by their header in any order, accents and parentheses aside, and names the missing ones', () => {
    expect(mapHeader(['Commentaire', 'DATE', 'Heure', 'Depart', 'Arrivée', 'Role', 'Places', 'Declarant'])).toEqual({
      columns: { comment: 0, date: 1, time: 2, from: 3, to: 4, role: 5, seats: 6, declarant: 7 },
    });
    expect(mapHeader(['date', 'date', 'heure'])).toEqual({ problem: 'La colonne « date » figure 2 fois dans la ligne d’en-tête.' });
  });
});

describe('a declared journey’s distance', () => {
  it('keeps a plausible declared distance, rejects one shorter than the straight line or far longer than the road', () => {
    // Nantes – Saint-Nazaire: about 50 km as the crow flies.
    expect(judgeDistance(60_000, NANTES, SAINT_NAZAIRE)).toEqual({ distanceM: 60_000, estimated: false });
    expect(judgeDistance(20_000, NANTES, SAINT_NAZAIRE)).toMatchObject({ problem: { reasonCode: 'distance_too_short' } });
    expect(judgeDistance(300_000, NANTES, SAINT_NAZAIRE)).toMatchObject({ problem: { reasonCode: 'distance_too_long' } });
    // Known only by their département: the bounds widen so far that only absurd values fail.
    const coarse = place('44109', '44', 47.3, -1.7, 'departement');
    expect(judgeDistance(20_000, coarse, SAINT_NAZAIRE)).toEqual({ distanceM: 20_000, estimated: false });
  });

  it('estimates a missing distance from the communes’ points, unless that says nothing', () => {
    const estimate = judgeDistance(null, NANTES, SAINT_NAZAIRE);
    expect(estimate).toMatchObject({ estimated: true });
    expect('distanceM' in estimate && estimate.distanceM).toBeGreaterThan(60_000);
    expect(judgeDistance(null, NANTES, NANTES)).toMatchObject({ problem: { reasonCode: 'distance_unknown' } });
    expect(judgeDistance(null, place('44109', '44', 47.3, -1.7, 'departement'), SAINT_NAZAIRE)).toMatchObject({ problem: { reasonCode: 'distance_unknown' } });
    expect(judgeDistance(null, { code: '97501', dep: '975', position: null }, SAINT_NAZAIRE)).toMatchObject({ problem: { reasonCode: 'distance_unknown' } });
  });
});

describe('the same person in two places', () => {
  const at = (hhmm: string): number => Date.parse(`2024-04-16T${hhmm}:00Z`) / 1000;

  it('sees two declarations conflict when one leaves before the other can arrive at 130 km/h, or in the same minute', () => {
    expect(declaredSpansConflict({ startS: at('08:00'), distanceM: 13_000 }, { startS: at('08:05'), distanceM: 13_000 })).toBe(true);
    expect(declaredSpansConflict({ startS: at('08:00'), distanceM: 13_000 }, { startS: at('08:07'), distanceM: 13_000 })).toBe(false);
    expect(declaredSpansConflict({ startS: at('08:00'), distanceM: 100 }, { startS: at('08:00'), distanceM: 100 })).toBe(true);
  });

  it('reads a registry journey’s published end as ceiled to 10 minutes, and tells a repeated journey within 30 minutes', () => {
    const registry = { startS: at('08:10'), endS: at('08:30') };
    expect(registrySpanConflict({ startS: at('08:19'), distanceM: 10_000 }, registry)).toBe(true);
    expect(registrySpanConflict({ startS: at('08:20'), distanceM: 10_000 }, registry)).toBe(false);
    const journey = { day: '2024-04-16', startS: at('08:10'), fromCom: '95051', toCom: '95127' };
    expect(sameJourney({ ...journey, startS: at('08:40') }, journey)).toBe(true);
    expect(sameJourney({ ...journey, startS: at('08:41') }, journey)).toBe(false);
    expect(sameJourney({ ...journey, toCom: '95051' }, journey)).toBe(false);
  });
});
