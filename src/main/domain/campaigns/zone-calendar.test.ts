import { describe, expect, it } from 'vitest';
import { ZoneCalendar } from './zone-calendar';

const paris = new ZoneCalendar('Europe/Paris');

describe('ZoneCalendar', () => {
  it('puts 23:30 UTC on the last day of a month in the next Paris day, month and year', () => {
    expect(paris.dayOf(Date.parse('2024-04-30T23:30:00Z'))).toEqual({ day: '2024-05-01', month: '2024-05', year: '2024', weekday: 3 });
    expect(paris.dayOf(Date.parse('2023-12-31T23:30:00Z'))).toMatchObject({ day: '2024-01-01', month: '2024-01', year: '2024' });
    expect(paris.dayOf(Date.parse('2024-04-30T21:59:59Z'))).toMatchObject({ day: '2024-04-30', month: '2024-04' });
  });

  it('follows the summer-time changes (+01:00 in winter, +02:00 in summer)', () => {
    expect(paris.dayOf(Date.parse('2024-01-15T23:00:00Z')).day).toBe('2024-01-16');
    expect(paris.dayOf(Date.parse('2024-01-15T22:59:59Z')).day).toBe('2024-01-15');
    expect(paris.dayOf(Date.parse('2024-07-15T22:00:00Z')).day).toBe('2024-07-16');
    expect(paris.dayOf(Date.parse('2024-07-15T21:59:59Z')).day).toBe('2024-07-15');
  });

  it('gives the weekday with 0 = Sunday', () => {
    expect(paris.dayOf(Date.parse('2024-04-14T10:00:00Z')).weekday).toBe(0);
    // Saturday 23:30 UTC is already Sunday in Paris.
    expect(paris.dayOf(Date.parse('2024-04-13T22:30:00Z')).weekday).toBe(0);
  });

  it('converts days and instants of the format to UTC milliseconds', () => {
    expect(new Date(paris.instantOf('2024-04-16')).toISOString()).toBe('2024-04-15T22:00:00.000Z');
    expect(new Date(paris.instantOf('2024-01-16')).toISOString()).toBe('2024-01-15T23:00:00.000Z');
    expect(new Date(paris.instantOf('2024-12-31', true)).toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(new Date(paris.instantOf('2024-03-31', true)).toISOString()).toBe('2024-03-31T22:00:00.000Z');
    expect(new Date(paris.instantOf('2023-05-01T00:00:00Z')).toISOString()).toBe('2023-05-01T00:00:00.000Z');
    expect(() => paris.instantOf('bientôt')).toThrow('date invalide');
  });

  it('reads the UTC calendar when asked (the registry’s server clock)', () => {
    expect(new ZoneCalendar('UTC').dayOf(Date.parse('2024-04-30T23:30:00Z')).month).toBe('2024-04');
  });
});
