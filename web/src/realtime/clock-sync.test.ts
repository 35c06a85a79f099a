import { describe, expect, it } from 'vitest';
import { bestSample, ClockEstimator, makeSample } from './clock-sync.js';

describe('clock offset estimation', () => {
  it('computes offset = server_time - (t0 + t1) / 2 and the round trip', () => {
    expect(makeSample(1000, 6050, 1100)).toEqual({
      t0: 1000,
      t1: 1100,
      serverTime: 6050,
      rtt: 100,
      offset: 5000,
    });
    expect(makeSample(1000, 900, 1020)?.offset).toBe(-110);
  });

  it('rejects impossible samples', () => {
    expect(makeSample(1000, 5000, 999)).toBeNull();
    expect(makeSample(Number.NaN, 5000, 1000)).toBeNull();
    expect(makeSample(1000, Number.POSITIVE_INFINITY, 1000)).toBeNull();
  });

  it('keeps the sample with the lowest round trip', () => {
    const samples = [makeSample(0, 5100, 200), makeSample(1000, 6010, 1020), makeSample(2000, 7040, 2080)];
    expect(bestSample(samples.filter((s) => s !== null))?.offset).toBe(5000);
    expect(bestSample([])).toBeNull();
  });

  it('estimates from recent samples only', () => {
    const estimator = new ClockEstimator(3);
    expect(estimator.offsetMs).toBe(0);
    expect(Number.isNaN(estimator.rttMs)).toBe(true);
    estimator.add(0, 1005, 10); // rtt 10, offset 1000
    estimator.add(100, 1250, 200); // rtt 100
    expect(estimator.offsetMs).toBe(1000);
    expect(estimator.rttMs).toBe(10);
    estimator.add(300, 1460, 320); // rtt 20, offset 1150
    estimator.add(400, 1560, 440); // rtt 40: the first sample leaves the window
    expect(estimator.sampleCount).toBe(3);
    expect(estimator.offsetMs).toBe(1150);
    expect(estimator.rttMs).toBe(20);
    expect(estimator.add(500, 0, 400)).toBe(false);
    expect(estimator.sampleCount).toBe(3);
  });
});
