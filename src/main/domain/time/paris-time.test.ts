import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarDays, formatLocal, parisLocalToUtc, utcToParisLocal } from './paris-time';

// 2026 changes: Sunday 29 March 02:00 CET → 03:00 CEST, Sunday 25 October 03:00 CEST → 02:00 CET.

describe('parisLocalToUtc', () => {
  it('uses +01:00 in winter and +02:00 in summer', () => {
    expect(parisLocalToUtc(2026, 1, 15, 8, 10)).toBe('2026-01-15T07:10:00Z');
    expect(parisLocalToUtc(2026, 7, 14, 8, 10)).toBe('2026-07-14T06:10:00Z');
    expect(parisLocalToUtc(2026, 12, 31, 23, 59, 59)).toBe('2026-12-31T22:59:59Z');
  });

  it('switches offset exactly at the spring change', () => {
    expect(parisLocalToUtc(2026, 3, 29, 1, 59, 59)).toBe('2026-03-29T00:59:59Z');
    expect(parisLocalToUtc(2026, 3, 29, 3, 0)).toBe('2026-03-29T01:00:00Z');
    expect(parisLocalToUtc(2026, 3, 28, 12, 0)).toBe('2026-03-28T11:00:00Z');
    expect(parisLocalToUtc(2026, 3, 29, 12, 0)).toBe('2026-03-29T10:00:00Z');
  });

  it('moves a time skipped by the spring change forward an hour', () => {
    expect(parisLocalToUtc(2026, 3, 29, 2, 0)).toBe('2026-03-29T01:00:00Z');
    expect(parisLocalToUtc(2026, 3, 29, 2, 30)).toBe('2026-03-29T01:30:00Z');
    expect(utcToParisLocal(parisLocalToUtc(2026, 3, 29, 2, 30))).toBe('2026-03-29 03:30:00');
  });

  it('takes the first (summer-time) occurrence of a time repeated by the autumn change', () => {
    expect(parisLocalToUtc(2026, 10, 25, 1, 59, 59)).toBe('2026-10-24T23:59:59Z');
    expect(parisLocalToUtc(2026, 10, 25, 2, 0)).toBe('2026-10-25T00:00:00Z');
    expect(parisLocalToUtc(2026, 10, 25, 2, 30)).toBe('2026-10-25T00:30:00Z');
    expect(parisLocalToUtc(2026, 10, 25, 3, 0)).toBe('2026-10-25T02:00:00Z');
    expect(parisLocalToUtc(2024, 10, 27, 2, 59)).toBe('2024-10-27T00:59:00Z');
  });

  describe.each(['UTC', 'Asia/Tokyo', 'America/New_York', 'Europe/Paris'])('on a machine set to %s', (zone) => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('gives the same instants whatever the host time zone', () => {
      vi.stubEnv('TZ', zone);
      expect(parisLocalToUtc(2026, 7, 14, 8, 10)).toBe('2026-07-14T06:10:00Z');
      expect(parisLocalToUtc(2026, 3, 29, 2, 30)).toBe('2026-03-29T01:30:00Z');
      expect(parisLocalToUtc(2026, 10, 25, 2, 30)).toBe('2026-10-25T00:30:00Z');
      expect(utcToParisLocal('2026-10-25T01:30:00Z')).toBe('2026-10-25 02:30:00');
    });
  });
});

describe('utcToParisLocal', () => {
  it('shows the Paris wall clock around both changes', () => {
    expect(utcToParisLocal('2026-03-29T00:59:59Z')).toBe('2026-03-29 01:59:59');
    expect(utcToParisLocal('2026-03-29T01:00:00Z')).toBe('2026-03-29 03:00:00');
    expect(utcToParisLocal('2026-10-25T00:30:00Z')).toBe('2026-10-25 02:30:00');
    expect(utcToParisLocal('2026-10-25T01:00:00Z')).toBe('2026-10-25 02:00:00');
    expect(utcToParisLocal('2026-10-25T01:30:00Z')).toBe('2026-10-25 02:30:00');
  });

  it('rolls the calendar day over at Paris midnight, not UTC midnight', () => {
    expect(utcToParisLocal('2026-12-31T23:30:00Z')).toBe('2027-01-01 00:30:00');
    expect(utcToParisLocal('2026-06-30T22:00:00Z')).toBe('2026-07-01 00:00:00');
    expect(utcToParisLocal('2026-06-30T21:59:59.999Z')).toBe('2026-06-30 23:59:59');
  });

  it('round-trips every 10 minutes of both change days, except the skipped hour', () => {
    for (const [month, day] of [
      [3, 29],
      [10, 25],
    ] as const) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 10) {
        if (month === 3 && minutes >= 120 && minutes < 180) continue;
        const local = formatLocal(2026, month, day, minutes);
        expect(utcToParisLocal(parisLocalToUtc(2026, month, day, Math.floor(minutes / 60), minutes % 60))).toBe(local);
      }
    }
  });
});

describe('formatLocal', () => {
  it('writes YYYY-MM-DD HH:MM:00 with zero padding', () => {
    expect(formatLocal(2026, 1, 5, 490)).toBe('2026-01-05 08:10:00');
    expect(formatLocal(2026, 12, 31, 23 * 60 + 50)).toBe('2026-12-31 23:50:00');
    expect(formatLocal(2026, 3, 1, 0)).toBe('2026-03-01 00:00:00');
  });
});

describe('calendarDays', () => {
  it('walks calendar days with their weekday (0 = Sunday) across month, year and DST changes', () => {
    expect([...calendarDays('2026-12-30', 4)]).toEqual([
      [2026, 12, 30, 3],
      [2026, 12, 31, 4],
      [2027, 1, 1, 5],
      [2027, 1, 2, 6],
    ]);
    expect([...calendarDays('2026-03-28', 3)]).toEqual([
      [2026, 3, 28, 6],
      [2026, 3, 29, 0],
      [2026, 3, 30, 1],
    ]);
    expect([...calendarDays('2024-02-28', 2)].map(([, m, d]) => `${m}-${d}`)).toEqual(['2-28', '2-29']);
  });

  it('yields exactly `count` days, none for 0', () => {
    expect([...calendarDays('2026-10-01', 92)]).toHaveLength(92);
    expect([...calendarDays('2026-10-01', 0)]).toEqual([]);
  });
});
