import { describe, expect, it } from 'vitest';
import { progressUnit } from './progress-units';

describe('progressUnit', () => {
  it('says what each step of a job counts', () => {
    expect(progressUnit('demo.load', 'write')).toBe('rows');
    expect(progressUnit('checks.scan', 'scan')).toBe('checks');
    expect(progressUnit('checks.scan', 'store')).toBe('flags');
    expect(progressUnit('stats.refresh', 'aggregate')).toBe('months');
    expect(progressUnit('campaign.warm', 'blocks')).toBe('days');
    expect(progressUnit('export.cases', 'write')).toBe('files');
    // The same step name counts something else in another kind of job.
    expect(progressUnit('export.trips', 'write')).toBe('rows');
  });

  it('has no unit for steps whose figures mean nothing to a user, nor for unknown steps', () => {
    expect(progressUnit('demo.load', 'finalize')).toBeNull();
    expect(progressUnit('demo.load', 'queued')).toBeNull();
    expect(progressUnit('checks.scan', 'read')).toBeNull();
    expect(progressUnit('checks.scan', 'constructor')).toBeNull();
  });
});
