/**
 * The web player's tiered drift correction, as a pure function so it can be tested without a video:
 * - ignore drift under `ignoreS` (20 ms): rate changes cost more than they fix at that size;
 * - trim the rate within 0.9-1.1x of the room's rate for medium drift, aiming to catch up within
 *   `catchUpS`. Hysteresis: once trimming, keep trimming until the drift is under `settleS` (5 ms),
 *   so players do not park at the edge of the dead band (two players each 19 ms off in opposite
 *   directions would otherwise be 38 ms apart for good);
 * - seek for drift of `seekS` (0.5 s) or more: trimming that much would take several seconds.
 */
import { DRIFT_IGNORE_S, TRIM_MAX, TRIM_MIN } from '../../../../src/features/watch/clock.js';

export interface DriftPolicy {
  ignoreS: number;
  settleS: number;
  seekS: number;
  catchUpS: number;
  trimMin: number;
  trimMax: number;
}

export const DEFAULT_DRIFT_POLICY: DriftPolicy = {
  ignoreS: DRIFT_IGNORE_S,
  settleS: 0.005,
  seekS: 0.5,
  catchUpS: 2,
  trimMin: TRIM_MIN,
  trimMax: TRIM_MAX,
};

export type DriftAction = 'none' | 'trim' | 'seek';

export interface DriftDecision {
  action: DriftAction;
  /** The playback rate to set. */
  rate: number;
  /** Whether the player is (still) in the trimming state after this decision. */
  trimming: boolean;
}

/**
 * What to do about `driftS` seconds of drift (player minus room clock; positive: ahead) at the room's
 * `roomRate`, given whether the player was trimming.
 */
export function decideDrift(
  driftS: number,
  roomRate: number,
  trimming: boolean,
  policy: DriftPolicy = DEFAULT_DRIFT_POLICY,
): DriftDecision {
  const abs = Math.abs(driftS);
  if (!Number.isFinite(abs)) return { action: 'none', rate: roomRate, trimming: false };
  if (abs >= policy.seekS) return { action: 'seek', rate: roomRate, trimming: false };
  if (abs < (trimming ? policy.settleS : policy.ignoreS))
    return { action: 'none', rate: roomRate, trimming: false };
  const factor = Math.min(policy.trimMax, Math.max(policy.trimMin, 1 - driftS / policy.catchUpS));
  // Rounded to 0.001 so that a steady drift does not set a new rate on every tick.
  return { action: 'trim', rate: Math.round(roomRate * factor * 1000) / 1000, trimming: true };
}
