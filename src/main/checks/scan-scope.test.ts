import { describe, expect, it } from 'vitest';
import { monthScopes, readWindow } from './scan-scope';

describe('monthScopes', () => {
  it('cuts a period into calendar months, the first and last as the period has them, the territory kept', () => {
    const territory = { level: 'reg' as const, code: '52' };
    expect(monthScopes({ territory }, { from: '2024-01-15', to: '2024-03-02' })).toEqual([
      { territory, from: '2024-01-15', to: '2024-01-31' },
      { territory, from: '2024-02-01', to: '2024-02-29' },
      { territory, from: '2024-03-01', to: '2024-03-02' },
    ]);
    expect(monthScopes({}, { from: '2024-12-31', to: '2025-01-01' })).toEqual([
      { from: '2024-12-31', to: '2024-12-31' },
      { from: '2025-01-01', to: '2025-01-01' },
    ]);
    expect(monthScopes({}, { from: '2024-05-10', to: '2024-05-20' })).toEqual([{ from: '2024-05-10', to: '2024-05-20' }]);
  });

  it('reads each month with the month before and after it', () => {
    expect(readWindow({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2024-01-01', to: '2024-03-31' });
  });
});
