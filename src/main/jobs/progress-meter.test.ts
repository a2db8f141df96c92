import { describe, expect, it } from 'vitest';
import { ProgressMeter } from './progress-meter';

describe('ProgressMeter.rate', () => {
  it('is 0 until two samples at different instants exist', () => {
    const meter = new ProgressMeter();
    expect(meter.rate()).toBe(0);
    meter.record(1_000, 500);
    expect(meter.rate()).toBe(0);
    meter.record(1_000, 900);
    expect(meter.rate()).toBe(0);
  });

  it('measures units per second between the oldest and newest samples of the window', () => {
    const meter = new ProgressMeter(5_000);
    meter.record(0, 0);
    meter.record(2_000, 1_000);
    expect(meter.rate()).toBe(500);
  });

  it('follows a change of pace once the old samples leave the window', () => {
    const meter = new ProgressMeter(5_000);
    // 100 units/s for 10 s, then 1,000 units/s for 10 s.
    for (let s = 0; s <= 10; s += 1) meter.record(s * 1_000, s * 100);
    expect(meter.rate()).toBeCloseTo(100);
    for (let s = 11; s <= 20; s += 1) meter.record(s * 1_000, 1_000 + (s - 10) * 1_000);
    expect(meter.rate()).toBeCloseTo(1_000);
  });

  it('keeps two samples even when both are older than the window (a long pause)', () => {
    const meter = new ProgressMeter(5_000);
    meter.record(0, 0);
    meter.record(60_000, 6_000);
    expect(meter.rate()).toBe(100);
  });
});

describe('ProgressMeter.etaSeconds', () => {
  it('divides the remaining units by the rate', () => {
    const meter = new ProgressMeter();
    meter.record(0, 0);
    meter.record(1_000, 250);
    expect(meter.etaSeconds(250, 1_000)).toBe(3);
    expect(meter.etaSeconds(1_000, 1_000)).toBe(0);
  });

  it('is null when the total is unknown (0)', () => {
    const meter = new ProgressMeter();
    meter.record(0, 0);
    meter.record(1_000, 250);
    expect(meter.etaSeconds(250, 0)).toBeNull();
  });

  it('is null while nothing moved', () => {
    const meter = new ProgressMeter();
    expect(meter.etaSeconds(0, 1_000)).toBeNull();
    meter.record(0, 100);
    meter.record(3_000, 100);
    expect(meter.etaSeconds(100, 1_000)).toBeNull();
  });

  it('never goes negative when current overshoots the total', () => {
    const meter = new ProgressMeter();
    meter.record(0, 0);
    meter.record(1_000, 1_200);
    expect(meter.etaSeconds(1_200, 1_000)).toBe(0);
  });
});

describe('ProgressMeter.shouldEmit', () => {
  it('lets the first event through, then at most one per 100 ms', () => {
    const meter = new ProgressMeter();
    expect(meter.shouldEmit(1_000)).toBe(true);
    expect(meter.shouldEmit(1_001)).toBe(false);
    expect(meter.shouldEmit(1_099)).toBe(false);
    expect(meter.shouldEmit(1_100)).toBe(true);
    expect(meter.shouldEmit(1_150)).toBe(false);
    expect(meter.shouldEmit(1_200)).toBe(true);
  });

  it('emits at most 10 events over one second of 1 ms ticks', () => {
    const meter = new ProgressMeter();
    let emitted = 0;
    for (let at = 0; at < 1_000; at += 1) if (meter.shouldEmit(at)) emitted += 1;
    expect(emitted).toBe(10);
  });

  it('always lets a forced event through, and a forced event restarts the interval', () => {
    const meter = new ProgressMeter();
    expect(meter.shouldEmit(0)).toBe(true);
    expect(meter.shouldEmit(10, true)).toBe(true);
    expect(meter.shouldEmit(10, true)).toBe(true);
    expect(meter.shouldEmit(100)).toBe(false);
    expect(meter.shouldEmit(110)).toBe(true);
  });

  it('honours a custom interval', () => {
    const meter = new ProgressMeter(5_000, 1_000);
    expect(meter.shouldEmit(0)).toBe(true);
    expect(meter.shouldEmit(999)).toBe(false);
    expect(meter.shouldEmit(1_000)).toBe(true);
  });
});
