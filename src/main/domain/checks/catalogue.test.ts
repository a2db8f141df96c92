import { describe, expect, it } from 'vitest';
import { CHECK_CATALOGUE, runChecks } from './catalogue';
import { DEFAULT_CHECK_PARAMETERS, resolveParameters } from './check-parameters';
import { coordinateDecimals, sameCell } from './geometry';
import { overlapKind } from './overlap';
import { journey } from './testing/trip-fixture';

describe('check catalogue', () => {
  it('lists each check once, with a versioned id, French texts and its defaults', () => {
    const ids = CHECK_CATALOGUE.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CHECK_CATALOGUE) {
      expect(check.id).toMatch(/^[THG]\d\d@\d+$/);
      expect(check.label.length).toBeGreaterThan(5);
      expect(DEFAULT_CHECK_PARAMETERS[check.code]).toBeDefined();
    }
  });

  it('merges overrides with defaults check by check, and runs only the checks asked', () => {
    expect(resolveParameters({ T04: { highSpeedKmh: 150 } }).T04).toEqual({ ...DEFAULT_CHECK_PARAMETERS.T04, highSpeedKmh: 150 });
    const fast = journey({ key: 'j', start: '2024-01-15T07:00', duration_s: 1200 });
    expect(runChecks([fast], {}, { only: ['T04'] })[0]?.severity).toBe('high');
    expect(runChecks([fast], { T04: { highSpeedKmh: 200, warnSpeedKmh: 190 } }, { only: ['T04'] })).toEqual([]);
    expect(new Set(runChecks([fast]).map((f) => f.checkId))).toEqual(new Set(['T04@1']));
  });

  it('applies the certain-versus-possible rule on 10-minute ceiled times', () => {
    const m = 60;
    expect(overlapKind(0, 50 * m, 20 * m, 70 * m)).toBe('certain');
    expect(overlapKind(0, 30 * m, 20 * m, 50 * m)).toBe('possible');
    expect(overlapKind(0, 30 * m, 30 * m, 50 * m)).toBe('none');
  });

  it('reads the truncation of coordinates and compares cells at the finest precision', () => {
    expect([coordinateDecimals(47.2), coordinateDecimals(47.21), coordinateDecimals(47.218)]).toEqual([2, 2, 3]);
    expect(sameCell(47.2, -1.55, 47.2, -1.55)).toBe(true);
    // 47.21 in 3-decimal data is 47.210: another cell than 47.218.
    expect(sameCell(47.21, -1.553, 47.218, -1.553)).toBe(false);
    expect(sameCell(47.218, -1.553, 47.219, -1.553)).toBe(false);
    expect(sameCell(47.218, -1.553, 47.219, -1.553, 1)).toBe(true);
  });
});
