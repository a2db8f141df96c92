import { describe, expect, it } from 'vitest';
import { monthsOf as monthsOfPeriod } from '../time/calendar';
import { attestationFigures, type AttestationDayRow } from './attestation-figures';
import { canonicalJson, normaliseCode, shortCode } from './attestation-content';
import { describePerson, parsePersonKey, simulationDriverKey, splitStoredKey } from './attestation-person';

const row = (role: AttestationDayRow['role'], day: string, journeys: number, extra: Partial<AttestationDayRow> = {}): AttestationDayRow => ({
  role, day, journeys, distanceM: journeys * 10_000, paidCents: 0, receivedCents: 0, incentivesCents: 0, ...extra,
});

describe('attestation figures', () => {
  it('lists every month of the period, empty ones included, across a year', () => {
    expect(monthsOfPeriod('2026-11-15', '2027-02-03')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsOfPeriod('2026-09-01', '2026-09-30')).toEqual(['2026-09']);
  });

  it('sums roles per month, counts a day driven and ridden once, and totals the months', () => {
    const figures = attestationFigures(
      [
        row('driver', '2026-09-03', 2, { receivedCents: 450, incentivesCents: 300 }),
        row('passenger', '2026-09-03', 1, { paidCents: 150 }),
        row('passenger', '2026-09-04', 1, { paidCents: 100 }),
        row('driver', '2026-11-30', 1, { receivedCents: 200 }),
      ],
      { from: '2026-09-01', to: '2026-11-30' },
    );
    expect(figures.months.map((month) => [month.month, month.journeysAsDriver, month.journeysAsPassenger, month.days])).toEqual([
      ['2026-09', 2, 2, 2],
      ['2026-10', 0, 0, 0],
      ['2026-11', 1, 0, 1],
    ]);
    expect(figures.totals).toEqual({
      journeysAsDriver: 3, journeysAsPassenger: 2, days: 3, distanceM: 50_000, amountPaidCents: 250, amountReceivedCents: 650, incentivesCents: 300,
    });
  });

  it('refuses a day outside the period rather than printing totals the months do not add up to', () => {
    expect(() => attestationFigures([row('driver', '2026-12-01', 1)], { from: '2026-09-01', to: '2026-11-30' })).toThrow(/hors de la période/);
  });
});

describe('attested content and codes', () => {
  it('writes one canonical JSON whatever the order of keys, and refuses what JSON cannot keep', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 'x'], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, 'x'] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: { d: [2, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[2,"x"]},"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/Nombre invalide/);
  });

  it('prints 16 digits in four groups and reads codes back in any case, with dashes or spaces', () => {
    const code = '3f2a9c01b7d40e55'.padEnd(64, '0');
    expect(shortCode(code)).toBe('3F2A-9C01-B7D4-0E55');
    expect(normaliseCode(' 3F2A-9C01 B7D4-0E55 ')).toBe('3f2a9c01b7d40e55');
    expect(normaliseCode(code.toUpperCase())).toBe(code);
    expect(normaliseCode('3F2A-9C01')).toBeNull();
    expect(normaliseCode('ZZZZ-9C01-B7D4-0E55')).toBeNull();
  });
});

describe('attestation persons', () => {
  it('reads identity keys and u: keys (user ids may hold colons), and the store’s and simulations’ forms', () => {
    expect(parsePersonKey(' abc ')).toEqual({ kind: 'identity', identityKey: 'abc' });
    expect(parsePersonKey('u:Karos:id:42')).toEqual({ kind: 'operator', operator: 'Karos', userId: 'id:42' });
    expect(parsePersonKey('u:3:')).toBeNull();
    expect(parsePersonKey('')).toBeNull();
    expect(splitStoredKey('u:3:~abc')).toEqual({ kind: 'operator', operatorId: 3, storedUserId: '~abc' });
    expect(simulationDriverKey('op4:~xyz')).toEqual({ kind: 'operator', operatorId: 4, storedUserId: '~xyz' });
    expect(simulationDriverKey('op0:')).toBeNull();
    expect(simulationDriverKey('ab12')).toEqual({ kind: 'identity', identityKey: 'ab12' });
  });

  it('names an operator’s user by the id the user gave, else by the store’s pseudonym said as such', () => {
    const person = { kind: 'operator', key: 'u:3:~abc', operatorId: 3, operatorName: 'Karos', storedUserId: '~abc' } as const;
    expect(describePerson({ ...person, shownUserId: 'karos-77' }).lines).toEqual(['Opérateur : Karos', 'Identifiant utilisateur chez l’opérateur : karos-77']);
    expect(describePerson({ ...person, shownUserId: null }).text).toBe('Utilisateur ~abc (pseudonyme gardé par la base) de Karos');
  });
});
