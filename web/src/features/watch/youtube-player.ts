/**
 * YouTube embeds on the room clock: the IFrame Player API (loaded from youtube.com only when a room
 * plays a YouTube video) behind the SyncedMedia interface, so the same SyncPlayer drives it.
 *
 * YouTube only offers a few playback rates (0.25-2 in steps of 0.25) and seeks slowly, so its
 * drift policy has no rate trim and wider bands: ignore under 150 ms, seek from 400 ms. Not covered
 * by the browser tests (they run without network); the adapter is kept small on purpose.
 */
import type { DriftPolicy } from './drift-policy.js';
import type { SyncedMedia } from './sync-player.js';

/** The part of the IFrame API's YT.Player used here. */
interface YTPlayer {
  getCurrentTime(): number;
  getPlayerState(): number;
  getPlaybackRate(): number;
  setPlaybackRate(rate: number): void;
  seekTo(seconds: number, allowSeekAhead: boolean): void;
  playVideo(): void;
  pauseVideo(): void;
  mute(): void;
  destroy(): void;
}

interface YTNamespace {
  Player: new (
    element: HTMLElement,
    options: {
      videoId: string;
      playerVars?: Record<string, number | string>;
      events?: {
        onReady?: () => void;
        onStateChange?: (event: { data: number }) => void;
      };
    },
  ) => YTPlayer;
}

const PLAYING = 1;
const BUFFERING = 3;

export const YOUTUBE_DRIFT_POLICY: DriftPolicy = {
  ignoreS: 0.15,
  settleS: 0.15,
  seekS: 0.4,
  catchUpS: 2,
  trimMin: 1,
  trimMax: 1,
};

let apiLoading: Promise<YTNamespace> | null = null;

/** Loads https://www.youtube.com/iframe_api once per page. */
function loadApi(): Promise<YTNamespace> {
  const w = window as unknown as { YT?: YTNamespace; onYouTubeIframeAPIReady?: () => void };
  if (w.YT?.Player) return Promise.resolve(w.YT);
  apiLoading ??= new Promise<YTNamespace>((resolve, reject) => {
    w.onYouTubeIframeAPIReady = () => (w.YT ? resolve(w.YT) : reject(new Error('YouTube API missing')));
    const script = document.createElement('script');
    script.src = 'https://www.youtube.com/iframe_api';
    script.onerror = () => {
      apiLoading = null;
      reject(new Error('Could not load the YouTube player'));
    };
    document.head.append(script);
  });
  return apiLoading;
}

/** A YouTube player in `element` (replaced by the iframe) as SyncedMedia; call destroy() when done. */
export class YouTubeMedia implements SyncedMedia {
  private readonly listeners = new Set<() => void>();
  private seekPending = false;
  private seekTimer: ReturnType<typeof setTimeout> | null = null;

  private constructor(private readonly player: YTPlayer) {}

  static async create(element: HTMLElement, videoId: string): Promise<YouTubeMedia> {
    const YT = await loadApi();
    return new Promise((resolve) => {
      let media: YouTubeMedia | null = null;
      const player = new YT.Player(element, {
        videoId,
        playerVars: { controls: 0, disablekb: 1, playsinline: 1, rel: 0 },
        events: {
          onReady: () => {
            player.mute(); // autoplay policies allow muted playback only
            media = new YouTubeMedia(player);
            resolve(media);
          },
          onStateChange: (event) => media?.stateChanged(event.data),
        },
      });
    });
  }

  get currentTime(): number {
    return this.player.getCurrentTime();
  }

  set currentTime(seconds: number) {
    // A paused player may not report a state change after a seek: only a playing one waits for it,
    // and never for more than 3 s.
    this.seekPending = !this.paused;
    if (this.seekTimer) clearTimeout(this.seekTimer);
    this.seekTimer = this.seekPending ? setTimeout(() => this.stateChanged(PLAYING), 3000) : null;
    this.player.seekTo(seconds, true);
  }

  get playbackRate(): number {
    return this.player.getPlaybackRate();
  }

  set playbackRate(rate: number) {
    this.player.setPlaybackRate(rate);
  }

  get paused(): boolean {
    const state = this.player.getPlayerState();
    return state !== PLAYING && state !== BUFFERING;
  }

  get seeking(): boolean {
    return this.seekPending || this.player.getPlayerState() === BUFFERING;
  }

  play(): void {
    this.player.playVideo();
  }

  pause(): void {
    this.player.pauseVideo();
  }

  addEventListener(_type: 'seeked', listener: () => void): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'seeked', listener: () => void): void {
    this.listeners.delete(listener);
  }

  destroy(): void {
    if (this.seekTimer) clearTimeout(this.seekTimer);
    this.listeners.clear();
    this.player.destroy();
  }

  private stateChanged(state: number): void {
    // YouTube has no `seeked` event: a seek is done when playback (or the paused frame) is back.
    if (this.seekPending && state !== BUFFERING) {
      this.seekPending = false;
      if (this.seekTimer) clearTimeout(this.seekTimer);
      this.seekTimer = null;
      for (const listener of this.listeners) listener();
    }
  }
}
