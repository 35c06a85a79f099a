/**
 * The authoritative playback clock of a room. The server stores where playback stood at an anchor
 * instant of the server clock; everyone computes the position at any instant from it, so no client
 * needs a stream of position updates. No Node imports: the web player uses the same math.
 */
export interface PlaybackClock {
  /** Media identity: provider and id/URL. */
  media: { provider: string; id: string; url: string; title: string };
  /** Seconds into the media at `anchor_server_time`. */
  position: number;
  /** Server epoch ms at which `position` holds (may be slightly in the future: scheduled start). */
  anchor_server_time: number;
  rate: number;
  is_playing: boolean;
  version: number;
}

/**
 * Position (s) at server time `nowMs`. Before a scheduled anchor the player waits at `position`;
 * after it, playback advances at `rate`.
 */
export function positionAt(
  clock: Pick<PlaybackClock, 'position' | 'anchor_server_time' | 'rate' | 'is_playing'>,
  nowMs: number,
): number {
  if (!clock.is_playing || nowMs <= clock.anchor_server_time) return clock.position;
  return clock.position + ((nowMs - clock.anchor_server_time) / 1000) * clock.rate;
}

/** Rounds seconds to milliseconds for the wire (keeps frames short and comparable). */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

export const MIN_RATE = 0.25;
export const MAX_RATE = 4;

/** StreamIt's SYNC_CHECK threshold: a client further off than this gets a SYNC_CORRECTION. */
export const SYNC_CHECK_THRESHOLD_S = 2;

/** Tiers of the web player's drift correction (seconds of drift). */
export const DRIFT_IGNORE_S = 0.02;
export const DRIFT_SEEK_S = 1;
/** The playback-rate trim stays inside these factors of the room's rate. */
export const TRIM_MIN = 0.9;
export const TRIM_MAX = 1.1;

/**
 * What a player should do about `drift` seconds (player minus clock): nothing, trim its rate
 * (catching up within about two seconds, clamped to 0.9-1.1x of the room's rate) or seek.
 */
export function correction(
  drift: number,
  roomRate: number,
): { action: 'none'; rate: number } | { action: 'trim'; rate: number } | { action: 'seek'; rate: number } {
  const abs = Math.abs(drift);
  if (abs < DRIFT_IGNORE_S) return { action: 'none', rate: roomRate };
  if (abs >= DRIFT_SEEK_S) return { action: 'seek', rate: roomRate };
  const factor = Math.min(TRIM_MAX, Math.max(TRIM_MIN, 1 - drift / 2));
  return { action: 'trim', rate: roomRate * factor };
}
