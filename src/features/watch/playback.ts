/**
 * Host playback commands on the authoritative clock. Every command re-anchors the clock and bumps
 * `version` in one statement; PLAY and SEEK-while-playing are scheduled `leadMs` ahead so every
 * player (told at slightly different instants) starts from the same point at the same instant.
 * SEEK keeps the play/pause state (StreamIt's SEEK paused: SPEC fixes it).
 */
import type { AppContext } from '../../server/context.js';
import type { Session } from '../../gateway/session.js';
import { positionAt } from './clock.js';
import { clockOf, type WatchLive } from './live.js';
import { bumpPlayback, logEvent, saveProgress, type RoomRow } from './store.js';
import type { ResolvedMedia } from './providers.js';
import { anyoneBuffering } from './buffering.js';

export type PlaybackCommand =
  | { action: 'play' | 'pause' | 'seek'; time: number }
  | { action: 'rate'; rate: number }
  | { action: 'media'; media: ResolvedMedia; title: string };

export async function applyPlayback(
  ctx: AppContext,
  live: WatchLive,
  room: RoomRow,
  command: PlaybackCommand,
  actor: { memberId: string; hasAccount: boolean; session?: Session },
): Promise<RoomRow | undefined> {
  const now = ctx.clock.now();
  const starts = command.action === 'play' || (command.action === 'seek' && room.isPlaying);
  // Someone is buffering: the start waits for them, at most until the ready deadline.
  const lead =
    starts && (await anyoneBuffering(ctx.realtime.store, room.id))
      ? ctx.config.watchReadyTimeoutMs
      : ctx.config.watchCommandLeadMs;
  const at = new Date(now);
  let values: Parameters<typeof bumpPlayback>[2];
  switch (command.action) {
    case 'play':
      values = { position: command.time, anchorMs: now + lead, isPlaying: true };
      break;
    case 'pause':
      values = { position: command.time, anchorMs: now, isPlaying: false };
      break;
    case 'seek':
      values = { position: command.time, anchorMs: room.isPlaying ? now + lead : now };
      break;
    case 'rate': {
      // A start still scheduled ahead (command lead, ready deadline) keeps its instant and position.
      const anchorMs = room.isPlaying ? Math.max(now, room.anchorMs) : now;
      values = { position: positionAt(clockOf(room), anchorMs), anchorMs, rate: command.rate };
      break;
    }
    case 'media':
      values = {
        videoProvider: command.media.provider,
        videoId: command.media.id,
        mediaUrl: command.media.url,
        mediaTitle: command.title,
        position: 0,
        anchorMs: now,
        isPlaying: false,
      };
      break;
  }
  const updated = await bumpPlayback(ctx.database.db, room.id, {
    ...values,
    updatedAt: at,
    lastActivityAt: at,
  });
  if (!updated) return undefined;
  await live.publish(
    updated.id,
    { kind: 'playback', action: command.action, clock: clockOf(updated), now },
    actor.session,
  );
  const data =
    command.action === 'media'
      ? { videoUrl: command.media.url, videoTitle: command.title }
      : command.action === 'rate'
        ? { rate: command.rate }
        : { position: command.time };
  await logEvent(
    ctx.database.db,
    room.id,
    actor.memberId,
    command.action === 'media' ? 'video_changed' : command.action,
    data,
    at,
  );
  // StreamIt upserted the host's watch progress on every playback command.
  if (actor.hasAccount && 'time' in command && updated.videoId) {
    await saveProgress(
      ctx.database.db,
      {
        userId: actor.memberId,
        roomId: room.id,
        mediaId: updated.videoId,
        mediaType: updated.videoProvider,
        season: null,
        episode: null,
      },
      { timestamp: command.time, updatedAt: at },
    );
  }
  return updated;
}
