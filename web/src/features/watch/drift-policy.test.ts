import { describe, expect, it } from 'vitest';
import { decideDrift, DEFAULT_DRIFT_POLICY } from './drift-policy.js';

describe('tiered drift correction [WATCH-22]', () => {
  it('ignores small drift, trims medium drift within 0.9-1.1x of the room rate, seeks large drift', () => {
    expect(decideDrift(0.015, 1, false)).toEqual({ action: 'none', rate: 1, trimming: false });
    expect(decideDrift(-0.019, 1.5, false)).toEqual({ action: 'none', rate: 1.5, trimming: false });
    // 100 ms ahead: slow down to catch up within about 2 s.
    expect(decideDrift(0.1, 1, false)).toEqual({ action: 'trim', rate: 0.95, trimming: true });
    expect(decideDrift(-0.1, 2, false)).toEqual({ action: 'trim', rate: 2.1, trimming: true });
    // The trim is clamped to 0.9-1.1x of the room's rate.
    expect(decideDrift(0.4, 1, false).rate).toBe(0.9);
    expect(decideDrift(-0.4, 1.5, false).rate).toBe(1.65);
    expect(decideDrift(0.5, 1, true)).toEqual({ action: 'seek', rate: 1, trimming: false });
    expect(decideDrift(-3, 0.5, false)).toEqual({ action: 'seek', rate: 0.5, trimming: false });
  });

  it('keeps trimming below the dead band until the drift is under 5 ms (hysteresis)', () => {
    expect(decideDrift(0.012, 1, true)).toEqual({ action: 'trim', rate: 0.994, trimming: true });
    expect(decideDrift(0.004, 1, true)).toEqual({ action: 'none', rate: 1, trimming: false });
    expect(decideDrift(0.012, 1, false).action).toBe('none');
  });

  it('treats nonsense as no drift', () => {
    expect(decideDrift(Number.NaN, 1, true)).toEqual({ action: 'none', rate: 1, trimming: false });
    expect(DEFAULT_DRIFT_POLICY.trimMin).toBe(0.9);
    expect(DEFAULT_DRIFT_POLICY.trimMax).toBe(1.1);
  });
});
