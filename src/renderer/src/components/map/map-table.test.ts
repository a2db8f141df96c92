import { describe, expect, it } from 'vitest';
import { nextSort, pageOf, sortRows } from './map-table';

const rows = [
  { name: 'Saint-Herblain', journeys: 1_830 },
  { name: 'Écouflant', journeys: 12 },
  { name: 'Angers', journeys: null },
  { name: 'Saint-10', journeys: 40 },
  { name: 'Saint-2', journeys: 40 },
];

describe('sortRows', () => {
  it('sorts names in French order, accents ignored and numbers by value', () => {
    expect(sortRows(rows, (row) => row.name, 'ascending').map((row) => row.name)).toEqual(['Angers', 'Écouflant', 'Saint-2', 'Saint-10', 'Saint-Herblain']);
  });

  it('sorts numbers both ways, empty values last, ties in their first order', () => {
    expect(sortRows(rows, (row) => row.journeys, 'descending').map((row) => row.name)).toEqual(['Saint-Herblain', 'Saint-10', 'Saint-2', 'Écouflant', 'Angers']);
    expect(sortRows(rows, (row) => row.journeys, 'ascending').map((row) => row.name)).toEqual(['Écouflant', 'Saint-10', 'Saint-2', 'Saint-Herblain', 'Angers']);
  });
});

describe('nextSort', () => {
  it('flips the column sorted, and starts a new one with the biggest numbers or with A', () => {
    expect(nextSort({ key: 'journeys', direction: 'descending' }, 'journeys', true)).toEqual({ key: 'journeys', direction: 'ascending' });
    expect(nextSort({ key: 'journeys', direction: 'descending' }, 'origin', false)).toEqual({ key: 'origin', direction: 'ascending' });
    expect(nextSort({ key: 'origin', direction: 'ascending' }, 'rpcCents', true)).toEqual({ key: 'rpcCents', direction: 'descending' });
  });
});

describe('pageOf', () => {
  it('finds the page of a row', () => {
    expect([0, 49, 50, 120].map((position) => pageOf(position, 50))).toEqual([0, 0, 1, 2]);
  });
});
