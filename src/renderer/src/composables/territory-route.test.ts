import { describe, expect, it } from 'vitest';
import { readTerritoryQuery, territoryQuery } from './territory-route';

describe('territory in a route', () => {
  it('writes a territory and a period into a query and reads them back', () => {
    const query = territoryQuery({ level: 'aom', code: '244400404' }, { from: '2026-08-01', to: '2026-10-31' });
    expect(query).toEqual({ level: 'aom', code: '244400404', from: '2026-08-01', to: '2026-10-31' });
    expect(readTerritoryQuery(query as Record<string, string>)).toEqual({ territory: { level: 'aom', code: '244400404' }, period: { from: '2026-08-01', to: '2026-10-31' } });
  });

  it('reads a territory without period, and the first of repeated values', () => {
    expect(readTerritoryQuery({ level: ['dep', 'reg'], code: '44' })).toEqual({ territory: { level: 'dep', code: '44' }, period: null });
  });

  it('ignores what a hand-typed address gets wrong', () => {
    expect(readTerritoryQuery({})).toBeNull();
    expect(readTerritoryQuery({ level: 'country', code: '99100' })).toBeNull();
    expect(readTerritoryQuery({ level: 'dep', code: ' ' })).toBeNull();
    expect(readTerritoryQuery({ level: 'dep', code: '44', from: '2026-10-31', to: '2026-08-01' })?.period).toBeNull();
    expect(readTerritoryQuery({ level: 'dep', code: '44', from: '2026-13-01', to: '2026-12-31' })?.period).toBeNull();
  });
});
