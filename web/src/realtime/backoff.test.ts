import { describe, expect, it } from 'vitest';
import { Backoff, backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

describe('backoff schedule', () => {
  it('doubles the ceiling from 0.5 s up to 15 s', () => {
    const ceilings = Array.from({ length: 8 }, (_, attempt) => backoffCeiling(attempt));
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
    expect(backoffCeiling(10_000)).toBe(15_000);
  });

  it('draws full jitter between 0 and the ceiling', () => {
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
    expect(backoffDelay(3, () => 0.999_999)).toBe(4000);
    // A broken random source cannot push the delay outside the range.
    expect(backoffDelay(0, () => 7)).toBe(500);
    expect(backoffDelay(0, () => -1)).toBe(0);
  });

  it('advances per failure and resets only after a stable connection', () => {
    const backoff = new Backoff(DEFAULT_BACKOFF, () => 1);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([500, 1000, 2000]);
    backoff.noteConnectionEnded(0, DEFAULT_BACKOFF.stableMs - 1);
    expect(backoff.next()).toBe(4000);
    backoff.noteConnectionEnded(null, 1_000_000);
    expect(backoff.attempts).toBe(4);
    backoff.noteConnectionEnded(5, 5 + DEFAULT_BACKOFF.stableMs);
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(500);
  });
});
