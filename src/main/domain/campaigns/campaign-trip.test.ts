import { describe, expect, it } from 'vitest';
import { sortTripsChronologically, tripTime } from './campaign-trip';

describe('tripTime', () => {
  it('reads the registry’s ISO forms, with or without milliseconds, and Dates', () => {
    expect(tripTime({ datetime: '2024-02-29T23:30:05Z' })).toBe(Date.UTC(2024, 1, 29, 23, 30, 5));
    expect(tripTime({ datetime: '2024-04-16T06:10:00.250Z' })).toBe(Date.UTC(2024, 3, 16, 6, 10, 0, 250));
    expect(tripTime({ datetime: '2024-04-16T08:10:00+02:00' })).toBe(Date.UTC(2024, 3, 16, 6, 10));
    expect(tripTime({ datetime: new Date(Date.UTC(2024, 0, 1)) })).toBe(Date.UTC(2024, 0, 1));
  });

  it('does not roll impossible dates over to the next month', () => {
    expect(tripTime({ datetime: '2023-02-29T10:00:00Z' })).toBeNaN();
    expect(tripTime({ datetime: '2024-13-01T10:00:00Z' })).toBeNaN();
    expect(tripTime({ datetime: 'hier' })).toBeNaN();
  });
});

describe('sortTripsChronologically', () => {
  it('sorts by instant, keeps the order of equal instants and puts unreadable dates last', () => {
    const trips = [
      { id: 'a', datetime: '2024-04-16T08:00:00Z' },
      { id: 'bad', datetime: 'n/a' },
      { id: 'b', datetime: '2024-04-16T06:00:00Z' },
      { id: 'c', datetime: '2024-04-16T08:00:00+00:00' },
      { id: 'd', datetime: new Date('2024-04-16T07:00:00Z') },
    ];
    expect(sortTripsChronologically(trips).map((t) => t.id)).toEqual(['b', 'd', 'a', 'c', 'bad']);
    expect(trips[0]?.id).toBe('a');
  });
});
