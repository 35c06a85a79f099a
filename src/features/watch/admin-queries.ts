/**
 * What the staff admin area reads and does in watch rooms, in one place (a feature never imports
 * another feature's store): the room list with hosts and live viewers, close or expire with the
 * same live effect as the host's delete or the grace expiry, room bans and the room event log.
 */
import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { CloseCode } from '../../protocol/close-codes.js';
import type { AppContext } from '../../server/context.js';
import type { Db } from '../../storage/database.js';
import { watchEvents, watchParticipants, watchRooms } from '../../storage/schema/index.js';
import { chatService } from '../chat/index.js';
import { watchLive } from './index.js';
import { chatChannel, presenceTopic } from './live.js';
import { findRoomByCode, findRoomById, isUuid, transition, type RoomRow } from './store.js';

/** Rooms that are open (not EXPIRED or DELETED). */
export const OPEN_STATES = ['CREATED', 'LIVE', 'GRACE'];
export const ROOM_STATES = [...OPEN_STATES, 'EXPIRED', 'DELETED'] as const;

/** LIKE pattern matching `text` literally (the user's `%` and `_` match themselves). */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface AdminPageQuery {
  search?: string | undefined;
  offset: number;
  limit: number;
}

export interface AdminRoomRow {
  room: RoomRow;
  hostName: string | null;
  members: number;
  viewers: number;
}

const host = alias(watchParticipants, 'host');
const memberCount = sql<number>`(select count(*)::int from watch_participants p where p.room_id = "watch_rooms"."id" and p.status = 'APPROVED' and not p.is_banned)`;

/** Rooms newest first, filtered by state and a search over code and name, with live viewer counts. */
export async function adminListRooms(
  ctx: AppContext,
  q: AdminPageQuery & { state?: string | undefined },
): Promise<{ total: number; rows: AdminRoomRow[] }> {
  const db = ctx.database.db;
  const where: SQL[] = [];
  if (q.state) where.push(eq(watchRooms.state, q.state));
  if (q.search) {
    const p = contains(q.search);
    const found = or(ilike(watchRooms.code, p), ilike(watchRooms.name, p));
    if (found) where.push(found);
  }
  const cond = where.length > 0 ? and(...where) : undefined;
  const [counted] = await db.select({ n: count() }).from(watchRooms).where(cond);
  const rows = await db
    .select({ room: watchRooms, hostName: host.name, members: memberCount })
    .from(watchRooms)
    .leftJoin(host, and(eq(host.roomId, watchRooms.id), eq(host.memberId, watchRooms.hostId)))
    .where(cond)
    .orderBy(desc(watchRooms.createdAt), desc(watchRooms.id))
    .offset(q.offset)
    .limit(q.limit);
  const viewers = await Promise.all(rows.map((r) => ctx.realtime.presence.count(presenceTopic(r.room.id))));
  return {
    total: counted?.n ?? 0,
    rows: rows.map((r, i) => ({ ...r, members: Number(r.members), viewers: viewers[i] ?? 0 })),
  };
}

/** Open rooms (CREATED, LIVE or GRACE), for the overview. */
export async function countOpenRooms(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(watchRooms)
    .where(and(inArray(watchRooms.state, OPEN_STATES), eq(watchRooms.isActive, true)));
  return row?.n ?? 0;
}

/** A room by id or by its 6-character code. */
export async function adminFindRoom(db: Db, idOrCode: string): Promise<RoomRow | undefined> {
  if (isUuid(idOrCode)) return findRoomById(db, idOrCode);
  return /^[A-Za-z0-9]{6}$/.test(idOrCode) ? findRoomByCode(db, idOrCode) : undefined;
}

/**
 * Ends a room as staff. `delete` is the host's delete (DELETED, ROOM_DELETED, close 4005);
 * `expire` is the grace expiry (EXPIRED, close 4004). Undefined when the room was already closed.
 */
export async function adminCloseRoom(
  ctx: AppContext,
  room: RoomRow,
  mode: 'delete' | 'expire',
): Promise<RoomRow | undefined> {
  const closed = await transition(ctx.database.db, room.id, OPEN_STATES, {
    state: mode === 'delete' ? 'DELETED' : 'EXPIRED',
    isActive: false,
    updatedAt: new Date(ctx.clock.now()),
  });
  const live = watchLive(ctx);
  if (closed && live) {
    await live.publish(room.id, { kind: mode === 'delete' ? 'deleted' : 'expired' });
    if (mode === 'delete') await live.closeSockets(room.id, CloseCode.ROOM_INACTIVE, 'room closed by staff');
    else await live.closeSockets(room.id, CloseCode.GONE, 'room expired by staff');
  }
  return closed;
}

/** The chat channel of a room (the admin module pages it through the chat engine's admin queries). */
export const roomChatChannel = (roomId: string): string => chatChannel(roomId);

/** Soft-deletes a room message: it leaves the history new joiners get; false when already gone. */
export async function adminDeleteRoomMessage(ctx: AppContext, roomId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return chatService(ctx).remove(chatChannel(roomId), id);
}

export interface AdminRoomBan {
  id: string;
  roomId: string;
  roomCode: string;
  roomName: string;
  memberId: string;
  name: string;
  since: Date;
}

const banColumns = {
  id: watchParticipants.id,
  roomId: watchRooms.id,
  roomCode: watchRooms.code,
  roomName: watchRooms.name,
  memberId: watchParticipants.memberId,
  name: watchParticipants.name,
  since: watchParticipants.lastSeenAt,
};

/** Banned members of every room, newest rooms first; search over room code and member name. */
export async function adminListRoomBans(
  db: Db,
  q: AdminPageQuery,
): Promise<{ total: number; rows: AdminRoomBan[] }> {
  const where: SQL[] = [eq(watchParticipants.isBanned, true)];
  if (q.search) {
    const p = contains(q.search);
    const found = or(
      ilike(watchRooms.code, p),
      ilike(watchParticipants.name, p),
      ilike(watchParticipants.memberId, p),
    );
    if (found) where.push(found);
  }
  const cond = and(...where);
  const [counted] = await db
    .select({ n: count() })
    .from(watchParticipants)
    .innerJoin(watchRooms, eq(watchRooms.id, watchParticipants.roomId))
    .where(cond);
  const rows = await db
    .select(banColumns)
    .from(watchParticipants)
    .innerJoin(watchRooms, eq(watchRooms.id, watchParticipants.roomId))
    .where(cond)
    .orderBy(desc(watchRooms.createdAt), desc(watchParticipants.id))
    .offset(q.offset)
    .limit(q.limit);
  return { total: counted?.n ?? 0, rows };
}

/** Lifts a room ban by the participant row id, as the host's UNBAN_USER does (the row stays). */
export async function adminLiftRoomBan(db: Db, participantId: string): Promise<AdminRoomBan | undefined> {
  if (!isUuid(participantId)) return undefined;
  const [ban] = await db
    .select(banColumns)
    .from(watchParticipants)
    .innerJoin(watchRooms, eq(watchRooms.id, watchParticipants.roomId))
    .where(and(eq(watchParticipants.id, participantId), eq(watchParticipants.isBanned, true)));
  if (!ban) return undefined;
  await db.update(watchParticipants).set({ isBanned: false }).where(eq(watchParticipants.id, participantId));
  return ban;
}

export interface AdminRoomEvent {
  id: string;
  roomId: string;
  roomCode: string;
  userId: string;
  type: string;
  data: unknown;
  createdAt: Date;
}

/** The room event log (joins, leaves, controls, video changes), newest first; optional room and type. */
export async function adminListRoomEvents(
  db: Db,
  q: AdminPageQuery & { roomId?: string | undefined },
): Promise<{ total: number; rows: AdminRoomEvent[] }> {
  const where: SQL[] = [];
  if (q.roomId) where.push(eq(watchEvents.roomId, q.roomId));
  if (q.search) {
    const p = contains(q.search);
    const found = or(ilike(watchEvents.type, p), ilike(watchEvents.userId, p), ilike(watchRooms.code, p));
    if (found) where.push(found);
  }
  const cond = where.length > 0 ? and(...where) : undefined;
  const [counted] = await db
    .select({ n: count() })
    .from(watchEvents)
    .innerJoin(watchRooms, eq(watchRooms.id, watchEvents.roomId))
    .where(cond);
  const rows = await db
    .select({
      id: watchEvents.id,
      roomId: watchEvents.roomId,
      roomCode: watchRooms.code,
      userId: watchEvents.userId,
      type: watchEvents.type,
      data: watchEvents.data,
      createdAt: watchEvents.createdAt,
    })
    .from(watchEvents)
    .innerJoin(watchRooms, eq(watchRooms.id, watchEvents.roomId))
    .where(cond)
    .orderBy(desc(watchEvents.createdAt), desc(watchEvents.id))
    .offset(q.offset)
    .limit(q.limit);
  return { total: counted?.n ?? 0, rows };
}
