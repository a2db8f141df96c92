import { describe, expect, it } from 'vitest';
import { CHECK_CATALOGUE, runChecks } from './catalogue';
import { CHECK_PARAMETER_DOCS } from './check-parameter-docs';
import { DEFAULT_CHECK_PARAMETERS, resolveParameters, type CheckCode } from './check-parameters';
import { coordinateDecimals, sameCell } from './geometry';
import { overlapKind } from './overlap';
import { journey } from './testing/trip-fixture';

describe('check catalogue', () => {
  it('lists each check once, with a versioned id, French texts and its defaults', () => {
    const ids = CHECK_CATALOGUE.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CHECK_CATALOGUE) {
      expect(check.id).toMatch(/^[THGD]\d\d@\d+$/);
      expect(check.label.length).toBeGreaterThan(5);
      expect(DEFAULT_CHECK_PARAMETERS[check.code]).toBeDefined();
    }
  });

  it('documents every parameter of every check for the settings form (French label, unit), and nothing else', () => {
    expect(new Set(CHECK_CATALOGUE.map((check) => check.code))).toEqual(new Set(Object.keys(DEFAULT_CHECK_PARAMETERS)));
    for (const code of Object.keys(DEFAULT_CHECK_PARAMETERS) as CheckCode[]) {
      const defaults = DEFAULT_CHECK_PARAMETERS[code] as Record<string, unknown>;
      const docs = CHECK_PARAMETER_DOCS[code] as Record<string, { label: string; unit: string }>;
      expect(Object.keys(docs).sort(), code).toEqual(Object.keys(defaults).sort());
      for (const [name, doc] of Object.entries(docs)) {
        expect(doc.label.length, `${code}.${name}`).toBeGreaterThan(5);
        expect(doc.unit.length, `${code}.${name}`).toBeGreaterThan(0);
        // The names carry the units the settings check: a ratio is 0..1, an hour an integer 0..23.
        const value = defaults[name];
        if (name.endsWith('Ratio')) expect(value, `${code}.${name}`).toBeLessThanOrEqual(1);
        if (name.endsWith('Hour')) expect(Number.isInteger(value) && (value as number) <= 23, `${code}.${name}`).toBe(true);
      }
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
