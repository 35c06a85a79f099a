/**
 * The room page's player wiring: one SyncPlayer per media kind (the HTML5 video, or a YouTube embed
 * created in `youtubeHost`), fed every PLAYBACK_STATE, replaced when the media kind changes, and
 * stopped on unmount. Returns the latest sync sample for the badge (re-rendering only on change).
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PlaybackClock } from '../../../../src/features/watch/clock.js';
import { SyncPlayer, type SyncSample } from './sync-player.js';
import { YOUTUBE_DRIFT_POLICY, YouTubeMedia } from './youtube-player.js';

/** The part of the page's RealtimeClient the player uses. */
interface Client {
  serverNow(): number;
  send(frame: { type: string }): boolean;
}

interface Active {
  key: string;
  player: SyncPlayer | null;
  dispose: () => void;
}

export function useSyncedPlayer(
  clock: PlaybackClock | null,
  clientRef: RefObject<Client | null>,
  videoRef: RefObject<HTMLVideoElement | null>,
  youtubeHostRef: RefObject<HTMLDivElement | null>,
): SyncSample {
  const [sample, setSample] = useState<SyncSample>({ driftMs: 0, action: 'none' });
  const active = useRef<Active | null>(null);
  const latest = useRef<PlaybackClock | null>(null);
  latest.current = clock;

  const report = (next: SyncSample): void =>
    setSample((prev) => (prev.driftMs === next.driftMs && prev.action === next.action ? prev : next));

  useEffect(() => {
    const client = clientRef.current;
    if (!clock || !client) return;
    const youtube = clock.media.provider === 'youtube';
    const key = youtube ? `youtube:${clock.media.id}` : 'video';
    if (active.current?.key !== key) {
      active.current?.dispose();
      active.current = youtube ? startYouTube(key, client) : startVideo(key, client);
    }
    active.current?.player?.apply(clock);
  }, [clock]);

  useEffect(() => () => active.current?.dispose(), []);

  function startVideo(key: string, client: Client): Active | null {
    const video = videoRef.current;
    if (!video) return null;
    const player = new SyncPlayer(video, () => client.serverNow(), report);
    // Exposed for the browser test, which measures the positions of two pages.
    (window as unknown as { roomfulPlayer?: unknown }).roomfulPlayer = {
      video,
      serverNow: () => client.serverNow(),
      clock: () => player.current,
    };
    const waiting = (): void => void client.send({ type: 'BUFFERING' });
    const ready = (): void => void client.send({ type: 'READY' });
    video.addEventListener('waiting', waiting);
    video.addEventListener('canplay', ready);
    return {
      key,
      player,
      dispose: () => {
        player.stop();
        video.removeEventListener('waiting', waiting);
        video.removeEventListener('canplay', ready);
      },
    };
  }

  function startYouTube(key: string, client: Client): Active | null {
    const host = youtubeHostRef.current;
    if (!host) return null;
    // The IFrame API replaces the element it gets: give it one Preact does not manage.
    const slot = document.createElement('div');
    host.replaceChildren(slot);
    const entry: Active = { key, player: null, dispose: () => host.replaceChildren() };
    const videoId = key.slice('youtube:'.length);
    YouTubeMedia.create(slot, videoId).then(
      (media) => {
        if (active.current !== entry) return media.destroy();
        const player = new SyncPlayer(media, () => client.serverNow(), report, YOUTUBE_DRIFT_POLICY);
        entry.player = player;
        entry.dispose = () => {
          player.stop();
          media.destroy();
          host.replaceChildren();
        };
        if (latest.current) player.apply(latest.current);
      },
      () => report({ driftMs: 0, action: 'none' }),
    );
    return entry;
  }

  return sample;
}
