/**
 * Keeps an HTML5 video on the room's authoritative clock with tiered drift correction (see
 * drift-policy.ts: ignore tiny drift, trim the playback rate within 0.9-1.1x of the room's rate,
 * seek for large drift). Time comes from the server clock estimate (RealtimeClient.serverNow()).
 *
 * Two details matter for staying within a few ms of other players:
 * - a start scheduled ahead (PLAY, SEEK while playing) gets its own timer at the anchor instant,
 *   instead of waiting for the next 100 ms tick (up to 100 ms late);
 * - a seek lands where the clock will be when the seek is done: the player learns how long its
 *   seeks take (moving average) and seeks that far ahead.
 */
import { positionAt, type PlaybackClock } from '../../../../src/features/watch/clock.js';
import { decideDrift, DEFAULT_DRIFT_POLICY, type DriftPolicy } from './drift-policy.js';

/**
 * What the player drives: the part of HTMLVideoElement it uses, so that a YouTube embed can be
 * driven through an adapter (youtube-player.ts). `seeked` is the only event listened to.
 */
export interface SyncedMedia {
  currentTime: number;
  playbackRate: number;
  readonly paused: boolean;
  readonly seeking: boolean;
  play(): Promise<void> | void;
  pause(): void;
  addEventListener(type: 'seeked', listener: () => void): void;
  removeEventListener(type: 'seeked', listener: () => void): void;
}

export interface SyncSample {
  /** Player minus clock, in ms (positive: ahead). */
  driftMs: number;
  action: 'none' | 'trim' | 'seek';
}

const TICK_MS = 100;
/** On a new state, a drift this large is fixed by a seek at once (the command moved the clock). */
const HARD_SEEK_S = 0.05;
/** A start timer firing this close before its anchor counts as on time. */
const START_SLACK_MS = 8;
/** Bounds of the learned seek cost, s. */
const SEEK_COST_MIN_S = 0.01;
const SEEK_COST_MAX_S = 0.5;

export class SyncPlayer {
  private clock: PlaybackClock | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private trimming = false;
  /** How long a seek takes until playback goes on, s (learned). */
  private seekCostS = 0.05;
  private seekStartedAt: number | null = null;
  private readonly onSeeked = (): void => {
    if (this.seekStartedAt === null) return;
    const cost = (performance.now() - this.seekStartedAt) / 1000;
    this.seekStartedAt = null;
    const next = 0.6 * this.seekCostS + 0.4 * cost;
    this.seekCostS = Math.min(SEEK_COST_MAX_S, Math.max(SEEK_COST_MIN_S, next));
  };

  constructor(
    private readonly video: SyncedMedia,
    private readonly serverNow: () => number,
    private readonly onSample: (sample: SyncSample) => void,
    private readonly policy: DriftPolicy = DEFAULT_DRIFT_POLICY,
  ) {
    video.addEventListener('seeked', this.onSeeked);
  }

  /** The clock the player follows (null before the first state). */
  get current(): PlaybackClock | null {
    return this.clock;
  }

  /** A new authoritative state (PLAYBACK_STATE in the clock dialect). */
  apply(clock: PlaybackClock): void {
    this.clock = clock;
    // A new state is when alignment matters most: trim any residue down to the settle band.
    this.trimming = true;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
    const wait = clock.anchor_server_time - this.serverNow();
    if (clock.is_playing && wait > 0) {
      this.startTimer = setTimeout(() => {
        this.startTimer = null;
        this.tick(false);
      }, wait);
    }
    this.tick(true);
    if (!this.timer) this.timer = setInterval(() => this.tick(false), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.startTimer) clearTimeout(this.startTimer);
    this.timer = null;
    this.startTimer = null;
    this.video.removeEventListener('seeked', this.onSeeked);
  }

  private tick(hard: boolean): void {
    const clock = this.clock;
    if (!clock) return;
    const video = this.video;
    const now = this.serverNow();
    const target = positionAt(clock, now);
    const waiting = clock.is_playing && now < clock.anchor_server_time - START_SLACK_MS;
    if (!clock.is_playing || waiting) {
      if (!video.paused) video.pause();
      if (Math.abs(video.currentTime - target) > 0.01) video.currentTime = target;
      video.playbackRate = clock.rate;
      this.onSample({ driftMs: 0, action: 'none' });
      return;
    }
    // While a seek runs, currentTime is the seek's target, not where playback is.
    if (video.seeking) return;
    const drift = video.currentTime - target;
    let action: SyncSample['action'];
    let rate = clock.rate;
    if (hard && Math.abs(drift) > HARD_SEEK_S) {
      action = 'seek';
      this.trimming = false;
    } else {
      const decision = decideDrift(drift, clock.rate, this.trimming, this.policy);
      action = decision.action;
      rate = decision.rate;
      this.trimming = decision.trimming;
    }
    if (action === 'seek') {
      this.seekStartedAt = performance.now();
      video.currentTime = target + this.seekCostS * clock.rate;
    }
    if (video.playbackRate !== rate) video.playbackRate = rate;
    if (video.paused) void Promise.resolve(video.play()).catch(() => undefined);
    this.onSample({ driftMs: Math.round(drift * 1000), action });
  }
}
