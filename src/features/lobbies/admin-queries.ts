/**
 * What the staff admin area reads and does in lobbies (a feature never imports another feature's
 * store): every lobby with owner and member count, status changes and ban lifts that land in the
 * lobby's own audit log and reach its sockets, message deletion, and the audit log across lobbies.
 */
import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../server/context.js';
import type { Db } from '../../storage/database.js';
import { lobbies, lobbyBans, lobbyEvents, users } from '../../storage/schema/index.js';
import { chatService } from '../chat/index.js';
import { lobbyLive } from './index.js';
import { chatChannel } from './live.js';
import { deleteBan, findLobby, insertEvent, updateLobby, type LobbyRow } from './store.js';

export const LOBBY_STATUSES = ['open', 'in_game', 'closed'] as const;
export type AdminLobbyStatus = (typeof LOBBY_STATUSES)[number];

const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface AdminPageQuery {
  search?: string | undefined;
  offset: number;
  limit: number;
}

const members = sql<number>`(select count(*)::int from lobby_memberships m where m.lobby_id = "lobbies"."id")`;

/** Every lobby (private ones too), newest first; search over name and owner; optional status. */
export async function adminListLobbies(db: Db, q: AdminPageQuery & { status?: string | undefined }) {
  const where: SQL[] = [];
  if (q.status) where.push(eq(lobbies.status, q.status));
  if (q.search) {
    const found = or(ilike(lobbies.name, contains(q.search)), ilike(users.username, contains(q.search)));
    if (found) where.push(found);
  }
  const cond = where.length > 0 ? and(...where) : undefined;
  const [counted] = await db
    .select({ n: count() })
    .from(lobbies)
    .innerJoin(users, eq(users.id, lobbies.ownerId))
    .where(cond);
  const rows = await db
    .select({ lobby: lobbies, owner: users.username, members })
    .from(lobbies)
    .innerJoin(users, eq(users.id, lobbies.ownerId))
    .where(cond)
    .orderBy(desc(lobbies.createdAt), desc(lobbies.id))
    .offset(q.offset)
    .limit(q.limit);
  return { total: counted?.n ?? 0, rows: rows.map((r) => ({ ...r, members: Number(r.members) })) };
}

export async function countLobbies(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(lobbies);
  return row?.n ?? 0;
}

export async function adminFindLobby(db: Db, id: number): Promise<LobbyRow | undefined> {
  return Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? findLobby(db, id) : undefined;
}

/**
 * Sets a lobby's status as staff: logged as `status_change` in the lobby's audit log and pushed
 * as `system_status`, like the owner's change. A no-op (same status) changes and sends nothing.
 */
export async function adminSetLobbyStatus(
  ctx: AppContext,
  lobby: LobbyRow,
  status: AdminLobbyStatus,
  actorId: string,
): Promise<LobbyRow> {
  if (lobby.status === status) return lobby;
  const now = new Date(ctx.clock.now());
  const updated = (await updateLobby(ctx.database.db, lobby.id, { status, updatedAt: now })) ?? lobby;
  const message = `Status changed to ${status} by staff`;
  await insertEvent(ctx.database.db, {
    lobbyId: lobby.id,
    eventType: 'status_change',
    actorId,
    description: message,
    metadata: { status, by_staff: true },
    createdAt: now,
  });
  await lobbyLive(ctx)?.publish(lobby.id, { type: 'system_status', status, message });
  return updated;
}

/** The chat channel of a lobby (the admin module pages it through the chat engine's admin queries). */
export const lobbyChatChannel = (lobbyId: number): string => chatChannel(lobbyId);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Soft-deletes a lobby message and tells the lobby's sockets (`message_deleted`); false when gone. */
export async function adminDeleteLobbyMessage(
  ctx: AppContext,
  lobbyId: number,
  id: string,
): Promise<boolean> {
  if (!UUID.test(id)) return false;
  if (!(await chatService(ctx).remove(chatChannel(lobbyId), id))) return false;
  await lobbyLive(ctx)?.publish(lobbyId, { type: 'message_deleted', message_id: id });
  return true;
}

const banned = alias(users, 'banned_user');
const banner = alias(users, 'banner');
const banColumns = {
  id: lobbyBans.id,
  lobbyId: lobbyBans.lobbyId,
  lobbyName: lobbies.name,
  userId: lobbyBans.userId,
  username: banned.username,
  reason: lobbyBans.reason,
  bannedBy: banner.username,
  createdAt: lobbyBans.createdAt,
};

function bansQuery(db: Db) {
  return db
    .select(banColumns)
    .from(lobbyBans)
    .innerJoin(lobbies, eq(lobbies.id, lobbyBans.lobbyId))
    .innerJoin(banned, eq(banned.id, lobbyBans.userId))
    .leftJoin(banner, eq(banner.id, lobbyBans.bannedById));
}

/** Lobby bans newest first; search over lobby name, banned username and reason. */
export async function adminListLobbyBans(db: Db, q: AdminPageQuery) {
  const cond = q.search
    ? or(
        ilike(lobbies.name, contains(q.search)),
        ilike(banned.username, contains(q.search)),
        ilike(lobbyBans.reason, contains(q.search)),
      )
    : undefined;
  const [counted] = await db
    .select({ n: count() })
    .from(lobbyBans)
    .innerJoin(lobbies, eq(lobbies.id, lobbyBans.lobbyId))
    .innerJoin(banned, eq(banned.id, lobbyBans.userId))
    .where(cond);
  const rows = await bansQuery(db)
    .where(cond)
    .orderBy(desc(lobbyBans.createdAt), desc(lobbyBans.id))
    .offset(q.offset)
    .limit(q.limit);
  return { total: counted?.n ?? 0, rows };
}

export type AdminLobbyBan = Awaited<ReturnType<typeof adminListLobbyBans>>['rows'][number];

/** Lifts a lobby ban by its id, logged as `unban` in the lobby's audit log; undefined when gone. */
export async function adminLiftLobbyBan(
  ctx: AppContext,
  banId: number,
  actorId: string,
): Promise<AdminLobbyBan | undefined> {
  if (!Number.isSafeInteger(banId) || banId < 1 || banId > 2_147_483_647) return undefined;
  const db = ctx.database.db;
  const [ban] = await bansQuery(db).where(eq(lobbyBans.id, banId));
  if (!ban || !(await deleteBan(db, ban.lobbyId, ban.userId))) return undefined;
  await insertEvent(db, {
    lobbyId: ban.lobbyId,
    eventType: 'unban',
    actorId,
    targetId: ban.userId,
    description: `${ban.username} unbanned from lobby by staff`,
    metadata: { by_staff: true },
    createdAt: new Date(ctx.clock.now()),
  });
  return ban;
}

const actor = alias(users, 'actor');
const target = alias(users, 'target');

/** The lobby audit log across lobbies (or one), newest first; search over type and description. */
export async function adminListLobbyEvents(db: Db, q: AdminPageQuery & { lobbyId?: number | undefined }) {
  const where: SQL[] = [];
  if (q.lobbyId !== undefined) where.push(eq(lobbyEvents.lobbyId, q.lobbyId));
  if (q.search) {
    const found = or(
      ilike(lobbyEvents.eventType, contains(q.search)),
      ilike(lobbyEvents.description, contains(q.search)),
      ilike(lobbies.name, contains(q.search)),
    );
    if (found) where.push(found);
  }
  const cond = where.length > 0 ? and(...where) : undefined;
  const [counted] = await db
    .select({ n: count() })
    .from(lobbyEvents)
    .innerJoin(lobbies, eq(lobbies.id, lobbyEvents.lobbyId))
    .where(cond);
  const rows = await db
    .select({
      id: lobbyEvents.id,
      lobbyId: lobbyEvents.lobbyId,
      lobbyName: lobbies.name,
      eventType: lobbyEvents.eventType,
      actor: actor.username,
      target: target.username,
      description: lobbyEvents.description,
      metadata: lobbyEvents.metadata,
      createdAt: lobbyEvents.createdAt,
    })
    .from(lobbyEvents)
    .innerJoin(lobbies, eq(lobbies.id, lobbyEvents.lobbyId))
    .leftJoin(actor, eq(actor.id, lobbyEvents.actorId))
    .leftJoin(target, eq(target.id, lobbyEvents.targetId))
    .where(cond)
    .orderBy(desc(lobbyEvents.createdAt), desc(lobbyEvents.id))
    .offset(q.offset)
    .limit(q.limit);
  return { total: counted?.n ?? 0, rows };
}
