/**
 * Ready/buffering with a deadline. Players (web dialect) report BUFFERING and READY. A PLAY while
 * someone buffers is scheduled `watchReadyTimeoutMs` ahead instead of the usual short lead; when
 * the last buffering member is READY sooner, the start is pulled in to now + lead. So a stalled
 * viewer delays the start by at most the deadline and never freezes the room; a viewer who stalls
 * mid-play is brought back by drift correction while the others keep playing.
 */
import { clockOf, type WatchSocket } from './live.js';
import type { SocketDeps } from './socket.js';
import { bumpPlayback, type RoomRow } from './store.js';
import type { EphemeralStore } from '../../realtime/ephemeral.js';

export const bufferingKey = (roomId: string): string => `watch:buffering:${roomId}`;

export async function anyoneBuffering(store: EphemeralStore, roomId: string): Promise<boolean> {
  return (await store.setMembers(bufferingKey(roomId))).length > 0;
}

export async function markBuffering(
  deps: SocketDeps,
  room: RoomRow,
  watch: WatchSocket,
  buffering: boolean,
): Promise<void> {
  const { ctx } = deps;
  const store = ctx.realtime.store;
  const key = bufferingKey(room.id);
  const was = await store.setHas(key, watch.memberId);
  if (was === buffering) return;
  if (buffering) await store.setAdd(key, watch.memberId);
  else await store.setRemove(key, watch.memberId);
  const members = await store.setMembers(key);
  await deps.live.publish(room.id, { kind: 'buffering', members });
  if (buffering || members.length > 0) return;
  // Everyone is ready: start a start that waits on the deadline now.
  const now = ctx.clock.now();
  const lead = ctx.config.watchCommandLeadMs;
  if (room.isPlaying && room.anchorMs > now + lead) {
    const updated = await bumpPlayback(ctx.database.db, room.id, {
      anchorMs: now + lead,
      updatedAt: new Date(now),
    });
    if (updated)
      await deps.live.publish(room.id, { kind: 'playback', action: 'play', clock: clockOf(updated), now });
  }
}

/** Forgets a member's buffering state (left the room). */
export async function clearBuffering(store: EphemeralStore, roomId: string, memberId: string): Promise<void> {
  await store.setRemove(bufferingKey(roomId), memberId);
}
