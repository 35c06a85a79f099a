/**
 * StreamIt-dialect frames of a joined socket: chat (through the chat engine), host moderation,
 * host playback on the clock, player events (watch progress), SYNC_CHECK, ready/buffering.
 * Unknown types and bad fields are ignored, as StreamIt did; role failures get
 * `{type:"ERROR", code:"PERMISSION_DENIED", message}` (SPEC).
 */
import type { Session } from '../../gateway/session.js';
import { CloseCode } from '../../protocol/close-codes.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import { positionAt, roundSeconds, SYNC_CHECK_THRESHOLD_S } from './clock.js';
import { chatChannel, clockOf, type WatchSocket } from './live.js';
import { applyPlayback } from './playback.js';
import { ProviderError, resolveMedia } from './providers.js';
import { streamitFrame, type StreamitFrame } from './schemas.js';
import type { SocketDeps } from './socket.js';
import {
  findParticipant,
  findRoomById,
  saveProgress,
  updateParticipant,
  updateRoom,
  upsertParticipant,
  type RoomRow,
} from './store.js';
import { markBuffering } from './buffering.js';

function sendError(session: Session, code: string, message: string): void {
  session.send({ type: 'ERROR', message, code });
}

export async function onStreamitFrame(
  deps: SocketDeps,
  session: Session,
  watch: WatchSocket,
  raw: unknown,
): Promise<void> {
  const parsed = streamitFrame.safeParse(raw);
  if (!parsed.success) return; // StreamIt silently ignored unknown types and bad fields
  const frame = parsed.data;
  const { ctx } = deps;
  const room = await findRoomById(ctx.database.db, watch.roomId);
  if (!room?.isActive) return;
  const isHost = room.hostId === watch.memberId;
  switch (frame.type) {
    case 'CHAT_MESSAGE':
      return chat(deps, session, watch, room, frame.message);
    case 'MUTE_USER':
    case 'UNMUTE_USER':
    case 'KICK_USER':
    case 'BAN_USER':
    case 'UNBAN_USER':
      if (!isHost) return sendError(session, ErrorCode.PERMISSION_DENIED, 'Only host can moderate');
      return moderate(deps, session, watch, room, frame.type, frame.user_id);
    case 'PLAY':
    case 'PAUSE':
    case 'SEEK':
    case 'SET_RATE':
    case 'SET_MEDIA':
      if (!isHost) return sendError(session, ErrorCode.PERMISSION_DENIED, 'Only host can control playback');
      return playback(deps, session, watch, room, frame);
    case 'SET_CHAT_ENABLED':
      if (!isHost)
        return sendError(session, ErrorCode.PERMISSION_DENIED, 'Only host can change chat settings');
      await updateRoom(ctx.database.db, room.id, { isChatEnabled: frame.enabled });
      return;
    case 'PLAYER_EVENT':
      if (!isHost || !room.videoId) return;
      return playerEvent(deps, watch, room, frame.data);
    case 'SYNC_CHECK': {
      const now = ctx.clock.now();
      const position = positionAt(clockOf(room), now);
      if (Math.abs(position - frame.client_time) > SYNC_CHECK_THRESHOLD_S) {
        session.send({ type: 'SYNC_CORRECTION', time: roundSeconds(position), version: room.version });
      }
      return;
    }
    case 'BUFFERING':
    case 'READY':
      return markBuffering(deps, room, watch, frame.type === 'BUFFERING');
  }
}

async function chat(
  deps: SocketDeps,
  session: Session,
  watch: WatchSocket,
  room: RoomRow,
  message: unknown,
): Promise<void> {
  const { ctx } = deps;
  const outcome = await deps.chat.send(
    chatChannel(room.id),
    { id: watch.memberId, name: watch.name },
    message,
    {
      enabled: room.isChatEnabled,
      isMuted: async () =>
        (await findParticipant(ctx.database.db, room.id, watch.memberId))?.isMuted ?? false,
    },
  );
  if (outcome.kind === 'refused') return sendError(session, outcome.code, outcome.message);
  if (outcome.kind === 'dropped') return;
  const m = outcome.message;
  await deps.live.publish(room.id, {
    kind: 'chat',
    userId: m.userId,
    user: m.user,
    message: m.message,
    createdAt: m.createdAt.toISOString(),
  });
}

async function moderate(
  deps: SocketDeps,
  session: Session,
  watch: WatchSocket,
  room: RoomRow,
  type: 'MUTE_USER' | 'UNMUTE_USER' | 'KICK_USER' | 'BAN_USER' | 'UNBAN_USER',
  target: string,
): Promise<void> {
  const { ctx } = deps;
  const db = ctx.database.db;
  if (target === watch.memberId)
    return sendError(session, ErrorCode.PERMISSION_DENIED, 'You cannot moderate yourself');
  const participant = await findParticipant(db, room.id, target);
  if (!participant && type !== 'BAN_USER')
    return sendError(session, ErrorCode.NOT_FOUND, 'User not found in this room');
  switch (type) {
    case 'MUTE_USER':
    case 'UNMUTE_USER':
      await updateParticipant(db, room.id, target, { isMuted: type === 'MUTE_USER' });
      break;
    case 'KICK_USER':
      await deps.live.closeSockets(room.id, CloseCode.REMOVED, 'kicked', target);
      break;
    case 'BAN_USER':
      // Bans hold for people who never joined too (StreamIt kept a set of ids).
      if (!participant)
        await upsertParticipant(db, {
          roomId: room.id,
          memberId: target,
          name: '',
          status: 'PENDING',
          isBanned: true,
        });
      else await updateParticipant(db, room.id, target, { isBanned: true });
      await deps.live.closeSockets(room.id, CloseCode.REMOVED, 'banned', target);
      break;
    case 'UNBAN_USER':
      await updateParticipant(db, room.id, target, { isBanned: false });
      break;
  }
  if (watch.dialect === 'X') session.send({ type: 'MODERATION_DONE', action: type, user_id: target });
}

async function playback(
  deps: SocketDeps,
  session: Session,
  watch: WatchSocket,
  room: RoomRow,
  frame: Extract<StreamitFrame, { type: 'PLAY' | 'PAUSE' | 'SEEK' | 'SET_RATE' | 'SET_MEDIA' }>,
): Promise<void> {
  const actor = { memberId: watch.memberId, hasAccount: watch.hasAccount, session };
  if (frame.type === 'SET_RATE') {
    await applyPlayback(deps.ctx, deps.live, room, { action: 'rate', rate: frame.rate }, actor);
    return;
  }
  if (frame.type === 'SET_MEDIA') {
    let media;
    try {
      media = resolveMedia({
        provider: frame.media.provider,
        id: frame.media.id,
        mediaType: frame.media.media_type,
        season: frame.media.season,
        episode: frame.media.episode,
      });
    } catch (err) {
      if (err instanceof ProviderError) return sendError(session, ErrorCode.INVALID_FRAME, err.message);
      throw err;
    }
    await applyPlayback(
      deps.ctx,
      deps.live,
      room,
      { action: 'media', media, title: frame.media.title ?? '' },
      actor,
    );
    return;
  }
  const action = frame.type === 'PLAY' ? 'play' : frame.type === 'PAUSE' ? 'pause' : 'seek';
  await applyPlayback(deps.ctx, deps.live, room, { action, time: frame.time }, actor);
}

async function playerEvent(
  deps: SocketDeps,
  watch: WatchSocket,
  room: RoomRow,
  data: { event: string; currentTime: number; duration: number; progress: number },
): Promise<void> {
  if (!['timeupdate', 'seeked', 'pause', 'ended'].includes(data.event)) return;
  const key = {
    userId: watch.memberId,
    roomId: room.id,
    mediaId: room.videoId,
    mediaType: room.videoProvider,
    season: null,
    episode: null,
  };
  const updatedAt = new Date(deps.ctx.clock.now());
  const values =
    data.event === 'ended'
      ? {
          progressPercent: 100,
          timestamp: data.duration,
          duration: data.duration,
          completed: true,
          updatedAt,
        }
      : {
          progressPercent: data.progress,
          timestamp: data.currentTime,
          duration: data.duration,
          completed: false,
          updatedAt,
        };
  await saveProgress(deps.ctx.database.db, key, values);
}
