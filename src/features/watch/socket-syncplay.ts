/**
 * SyncPlay-dialect frames (`{type, userId, data}`), on sockets that joined without a token.
 * Errors are `{type:"error", data:{error}}`. SPEC fixes kept: only the host controls playback,
 * `video_changed` reads its fields from `data` (the client's shape) as well as the top level, and
 * a disconnect does not delete the user, so a returning host is still host.
 */
import type { Session } from '../../gateway/session.js';
import { CloseCode } from '../../protocol/close-codes.js';
import {
  logEvent,
  findParticipant,
  findRoom,
  listParticipants,
  updateParticipant,
  updateRoom,
  NameTakenError,
  upsertParticipant,
} from './store.js';
import { memberView, watchOf, type WatchSocket } from './live.js';
import { applyPlayback } from './playback.js';
import { mediaFromUrl, ProviderError } from './providers.js';
import { syncplayFrame } from './schemas.js';
import { enterRoom, hostArrived, type SocketDeps } from './socket.js';
import { roomDict } from './views.js';

export function sendSyncplayError(session: Session, error: string): void {
  session.send({ type: 'error', data: { error } });
}

export async function onSyncplayFrame(deps: SocketDeps, session: Session, raw: unknown): Promise<void> {
  const parsed = syncplayFrame.safeParse(raw);
  if (!parsed.success) return sendSyncplayError(session, 'Invalid message format');
  const frame = parsed.data;
  const data = frame.data ?? {};
  const watch = watchOf(session);
  switch (frame.type) {
    case 'join':
      return join(deps, session, frame.userId ?? str(data.id), str(data.userName) ?? str(data.name));
    case 'heartbeat':
      if (watch)
        await updateParticipant(deps.ctx.database.db, watch.roomId, watch.memberId, {
          lastSeenAt: new Date(deps.ctx.clock.now()),
        });
      return session.send({ type: 'heartbeat', data: { timestamp: deps.ctx.clock.now() / 1000 } });
    case 'leave':
      // The Flutter client sends it before closing; the original answered "Unknown message type".
      return session.close(CloseCode.NORMAL, 'left');
    case 'play':
    case 'pause':
    case 'seek':
    case 'video_changed':
      if (!watch) return sendSyncplayError(session, 'Join the room first');
      return control(deps, session, watch, frame.type, data, frame);
    default:
      return sendSyncplayError(session, `Unknown message type: ${frame.type}`);
  }
}

function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function join(
  deps: SocketDeps,
  session: Session,
  userId: string | undefined,
  name: string | undefined,
): Promise<void> {
  const { ctx } = deps;
  const db = ctx.database.db;
  if (!userId || !name || userId.length > 100 || name.length > 50)
    return sendSyncplayError(session, 'Missing user name or user ID');
  const existing = watchOf(session);
  if (existing) {
    const room = await findRoom(db, existing.roomId);
    if (room) session.send({ type: 'room_update', data: await roomDict(ctx, room) });
    return;
  }
  let room = await findRoom(db, session.params.room ?? '');
  if (!room) return sendSyncplayError(session, 'Room not found');
  let participant = await findParticipant(db, room.id, userId);
  if (participant?.isBanned) return session.close(CloseCode.BANNED, 'banned');
  if (!room.isActive) return session.close(CloseCode.ROOM_INACTIVE, 'room inactive');
  if (!participant) {
    // A private room admits only members the host approved (SyncPlay rooms are all public).
    if (room.isPrivate) return sendSyncplayError(session, 'This room is private');
    const others = await listParticipants(db, room.id);
    if (others.some((p) => p.name.toLowerCase() === name.toLowerCase()))
      return sendSyncplayError(session, 'User name already taken');
    const created = await upsertParticipant(db, {
      roomId: room.id,
      memberId: userId,
      name,
      hasAccount: false,
      joinedAt: new Date(ctx.clock.now()),
    }).catch((err: unknown) => {
      if (err instanceof NameTakenError) return null;
      throw err;
    });
    if (!created) return sendSyncplayError(session, 'User name already taken');
    participant = created.row;
    if (others.length === 0 && room.hostId !== userId) {
      // SyncPlay: the first user in an empty room becomes host.
      room = (await updateRoom(db, room.id, { hostId: userId })) ?? room;
    }
  }
  if (participant.status !== 'APPROVED')
    return sendSyncplayError(session, 'Waiting for the host to approve you');
  const watch: WatchSocket = {
    roomId: room.id,
    code: room.code,
    memberId: userId,
    name: participant.name,
    dialect: 'L',
    hasAccount: false,
  };
  await enterRoom(deps, session, watch);
  room = (await hostArrived(deps, session, room, userId)) ?? room;
  await logEvent(db, room.id, userId, 'join', { userName: participant.name }, new Date(ctx.clock.now()));
  await deps.live.publish(room.id, await deps.live.participantsEvent(room), session);
  await deps.live.publish(
    room.id,
    { kind: 'joined', member: memberView(participant, room.hostId, true) },
    session,
  );
  session.send({ type: 'room_update', data: await roomDict(ctx, room) });
}

async function control(
  deps: SocketDeps,
  session: Session,
  watch: WatchSocket,
  type: 'play' | 'pause' | 'seek' | 'video_changed',
  data: Record<string, unknown>,
  frame: { videoUrl?: unknown; videoTitle?: unknown },
): Promise<void> {
  const room = await findRoom(deps.ctx.database.db, watch.roomId);
  if (!room?.isActive) return sendSyncplayError(session, 'Room not found');
  if (room.hostId !== watch.memberId) return sendSyncplayError(session, 'Only the host can control playback');
  const actor = { memberId: watch.memberId, hasAccount: false, session };
  if (type === 'video_changed') {
    const url = str(data.videoUrl) ?? str(frame.videoUrl);
    const title = str(data.videoTitle) ?? str(frame.videoTitle) ?? '';
    if (!url) return sendSyncplayError(session, 'Missing video URL');
    try {
      await applyPlayback(
        deps.ctx,
        deps.live,
        room,
        { action: 'media', media: mediaFromUrl(url), title: title.slice(0, 255) },
        actor,
      );
    } catch (err) {
      if (err instanceof ProviderError) return sendSyncplayError(session, err.message);
      throw err;
    }
    return;
  }
  const position = data.position;
  if (typeof position !== 'number' || !Number.isFinite(position) || position < 0 || position > 1e7) {
    return sendSyncplayError(session, 'Invalid position');
  }
  await applyPlayback(deps.ctx, deps.live, room, { action: type, time: position }, actor);
}
