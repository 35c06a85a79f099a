/**
 * `ws/room/<code or id>/`: one endpoint, two dialects, chosen by how the connection joins.
 * - A valid `?token=` JWT: StreamIt's dialect (`?clock=1` adds the playback clock fields). Connect
 *   checks run in StreamIt's order: 4001 token, 4002 room, 4010 banned, 4005 inactive, 4004 grace
 *   over, 4003 not approved.
 * - No token on a room id path: the socket waits for SyncPlay's `join` frame; an upper-case
 *   (StreamIt) frame there closes it with 4001, as does a bad token or a code path without token.
 */
import type { Endpoint } from '../../gateway/endpoint.js';
import type { Session } from '../../gateway/session.js';
import { CloseCode } from '../../protocol/close-codes.js';
import type { AppContext } from '../../server/context.js';
import type { ChatService } from '../chat/index.js';
import { endGrace, graceOver } from './lifecycle.js';
import {
  chatChannel,
  memberView,
  presenceTopic,
  roomTopic,
  watchOf,
  type WatchLive,
  type WatchSocket,
} from './live.js';
import { onStreamitFrame } from './socket-streamit.js';
import { onSyncplayFrame, sendSyncplayError } from './socket-syncplay.js';
import {
  findParticipant,
  findRoom,
  findRoomById,
  isUuid,
  transition,
  updateParticipant,
  updateRoom,
  type RoomRow,
} from './store.js';
import { playbackState } from './events.js';
import { clearBuffering } from './buffering.js';
import { clockOf } from './live.js';

export interface SocketDeps {
  ctx: AppContext;
  live: WatchLive;
  chat: ChatService;
  /** Token-less sockets waiting for SyncPlay's join, with their open time (closed by the sweep). */
  pending: Map<Session, number>;
}

/** Token-less sockets must send `join` within this long. */
export const JOIN_TIMEOUT_MS = 30_000;

export function watchEndpoint(deps: SocketDeps): Endpoint<unknown> {
  const { ctx } = deps;
  return {
    name: 'watch',
    path: '/ws/room/:room/',
    async open(session) {
      if (session.user) return openStreamit(deps, session);
      const param = session.params.room ?? '';
      if (session.query.token || !isUuid(param))
        return session.close(CloseCode.UNAUTHENTICATED, 'authentication required');
      deps.pending.set(session, ctx.clock.now());
    },
    async onFrame(session, frame) {
      const watch = watchOf(session);
      if (watch && watch.dialect !== 'L') return onStreamitFrame(deps, session, watch, frame);
      const type = (frame as { type?: unknown } | null)?.type;
      if (!watch && typeof type === 'string' && /^[A-Z_]+$/.test(type)) {
        // A StreamIt frame on a socket without a valid token.
        deps.pending.delete(session);
        return session.close(CloseCode.UNAUTHENTICATED, 'authentication required');
      }
      return onSyncplayFrame(deps, session, frame);
    },
    onInvalid(session, problem) {
      const watch = watchOf(session);
      // StreamIt ignored unparseable frames; SyncPlay answered with an error frame.
      if (watch && watch.dialect !== 'L') return;
      if (problem.kind === 'bad_json') sendSyncplayError(session, 'Invalid JSON format');
    },
    async onClose(session) {
      deps.pending.delete(session);
      await leaveRoom(deps, session);
    },
  };
}

async function openStreamit(deps: SocketDeps, session: Session): Promise<void> {
  const { ctx } = deps;
  const user = session.user;
  if (!user) return session.close(CloseCode.UNAUTHENTICATED, 'authentication required');
  let room = await findRoom(ctx.database.db, session.params.room ?? '');
  if (!room) return session.close(CloseCode.ROOM_NOT_FOUND, 'room not found');
  const participant = await findParticipant(ctx.database.db, room.id, user.id);
  if (participant?.isBanned) return session.close(CloseCode.BANNED, 'banned');
  if (!room.isActive) return session.close(CloseCode.ROOM_INACTIVE, 'room inactive');
  if (graceOver(room, lifecycleDeps(deps))) {
    // Lazy expiry: the sweep may not have run yet.
    await endGrace(room, lifecycleDeps(deps));
    room = await findRoomById(ctx.database.db, room.id);
    if (!room?.isActive) return session.close(CloseCode.GONE, 'grace period expired');
  }
  if (!participant || participant.status !== 'APPROVED')
    return session.close(CloseCode.NOT_ALLOWED, 'not an approved participant');
  const watch: WatchSocket = {
    roomId: room.id,
    code: room.code,
    memberId: user.id,
    name: participant.name,
    dialect: session.query.clock === '1' ? 'X' : 'S',
    hasAccount: true,
  };
  const since = session.query.since === undefined ? undefined : Number(session.query.since);
  const { recovered } = await enterRoom(deps, session, watch, since);
  room = (await hostArrived(deps, session, room, watch.memberId)) ?? room;
  const now = ctx.clock.now();
  if (since === undefined || !recovered) {
    const history = await deps.chat.history(chatChannel(room.id));
    session.send({
      type: 'CHAT_HISTORY',
      messages: history.map((m) => ({
        user: m.user,
        message: m.message,
        created_at: m.createdAt.toISOString(),
      })),
    });
    session.send(playbackState(clockOf(room), now, watch.dialect === 'X'));
  }
  await deps.live.publish(room.id, await deps.live.participantsEvent(room), session);
  await deps.live.publish(
    room.id,
    { kind: 'joined', member: memberView(participant, room.hostId, true) },
    session,
  );
}

/** Registers the socket in the room: local registry, presence, hub topic, activity stamps. */
export async function enterRoom(
  deps: SocketDeps,
  session: Session,
  watch: WatchSocket,
  since?: number,
): Promise<{ recovered: boolean }> {
  const { ctx } = deps;
  deps.pending.delete(session);
  deps.live.add(session, watch);
  await ctx.realtime.presence.join(presenceTopic(watch.roomId), watch.memberId, { name: watch.name });
  const result = await ctx.hub.join(
    session,
    roomTopic(watch.roomId, watch.dialect),
    since === undefined || Number.isNaN(since) ? {} : { since },
  );
  const at = new Date(ctx.clock.now());
  await updateParticipant(ctx.database.db, watch.roomId, watch.memberId, { lastSeenAt: at });
  await updateRoom(ctx.database.db, watch.roomId, { lastActivityAt: at });
  return result;
}

/**
 * The host connected: CREATED -> LIVE (SPEC: StreamIt left fresh rooms CREATED), GRACE -> LIVE with
 * HOST_RECONNECTED to the others. Returns the updated room when it changed.
 */
export async function hostArrived(
  deps: SocketDeps,
  session: Session,
  room: RoomRow,
  memberId: string,
): Promise<RoomRow | undefined> {
  if (room.hostId !== memberId) return undefined;
  const { ctx } = deps;
  const at = new Date(ctx.clock.now());
  if (room.state === 'CREATED')
    return transition(ctx.database.db, room.id, ['CREATED'], { state: 'LIVE', updatedAt: at });
  if (room.state !== 'GRACE') return undefined;
  const live = await transition(ctx.database.db, room.id, ['GRACE'], {
    state: 'LIVE',
    hostDisconnectedAt: null,
    updatedAt: at,
  });
  if (live) await deps.live.publish(room.id, { kind: 'host_reconnected' }, session);
  return live;
}

/** A joined socket closed: presence, USER_LEFT, or the host's grace period. */
async function leaveRoom(deps: SocketDeps, session: Session): Promise<void> {
  const watch = watchOf(session);
  if (!watch) return;
  const { ctx } = deps;
  deps.live.remove(session);
  const gone = await ctx.realtime.presence.leave(presenceTopic(watch.roomId), watch.memberId);
  if (!gone) return; // another tab of the same member is still connected
  await clearBuffering(ctx.realtime.store, watch.roomId, watch.memberId);
  const room = await findRoomById(ctx.database.db, watch.roomId);
  if (!room?.isActive) return;
  const at = new Date(ctx.clock.now());
  await updateRoom(ctx.database.db, room.id, { lastActivityAt: at });
  // SyncPlay had no grace period: its host leaving is an ordinary leave and the room lives on, so
  // a host who comes back (the app reconnects every 5 s, or much later) is still host (SPEC 1).
  if (room.hostId === watch.memberId && watch.dialect !== 'L') {
    const grace = await transition(ctx.database.db, room.id, ['LIVE', 'CREATED'], {
      state: 'GRACE',
      hostDisconnectedAt: at,
      updatedAt: at,
    });
    if (grace) {
      await deps.live.publish(room.id, {
        kind: 'host_disconnected',
        graceSeconds: ctx.config.watchGraceSeconds,
        hostId: watch.memberId,
      });
    }
    return;
  }
  const participant = await findParticipant(ctx.database.db, room.id, watch.memberId);
  if (participant)
    await deps.live.publish(room.id, { kind: 'left', member: memberView(participant, room.hostId, false) });
}

export function lifecycleDeps(deps: SocketDeps) {
  const { ctx } = deps;
  return {
    db: ctx.database.db,
    graceMs: ctx.config.watchGraceSeconds * 1000,
    now: () => ctx.clock.now(),
    live: deps.live,
    presence: ctx.realtime.presence,
  };
}
