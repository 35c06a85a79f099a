/** JSON shapes the seeds' clients parse: SyncPlay's room serializer and StreamIt's progress. */
import type { AppContext } from '../../server/context.js';
import { roundSeconds } from './clock.js';
import { currentPosition, memberView, presenceTopic } from './live.js';
import { listParticipants, type ProgressRow, type RoomRow } from './store.js';

/**
 * SyncPlay's RoomSerializer. Ids are strings and `current_position` is a number of seconds (the
 * original sent a duration string its own client could not parse), extrapolated to now.
 */
export async function roomDict(ctx: AppContext, room: RoomRow): Promise<Record<string, unknown>> {
  const participants = (await listParticipants(ctx.database.db, room.id)).filter(
    (p) => p.status === 'APPROVED' && !p.isBanned,
  );
  const online = new Set((await ctx.realtime.presence.list(presenceTopic(room.id))).map((e) => e.memberId));
  // SyncPlay ordered users host first, then by join time.
  const users = participants
    .map((p) => memberView(p, room.hostId, online.has(p.memberId)))
    .sort((a, b) => Number(b.is_host) - Number(a.is_host));
  return {
    id: room.id,
    code: room.code,
    name: room.name,
    host_id: room.hostId,
    current_video_url: room.mediaUrl,
    current_video_title: room.mediaTitle,
    current_position: roundSeconds(currentPosition(room, ctx.clock.now())),
    is_playing: room.isPlaying,
    created_at: room.createdAt.toISOString(),
    users,
    user_count: users.length,
  };
}

export function progressView(row: ProgressRow): Record<string, unknown> {
  return {
    room: row.roomId,
    media_id: row.mediaId,
    media_type: row.mediaType,
    season: row.season,
    episode: row.episode,
    timestamp: row.timestamp,
    duration: row.duration,
    progress_percent: row.progressPercent,
    completed: row.completed,
    updated_at: row.updatedAt.toISOString(),
  };
}
