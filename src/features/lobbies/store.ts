/** Lobby storage: lobbies with their member counts, memberships, bans and the audit log. */
import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { lobbies, lobbyBans, lobbyEvents, lobbyMemberships, users } from '../../storage/schema/index.js';

export type LobbyRow = typeof lobbies.$inferSelect;
export type MembershipRow = typeof lobbyMemberships.$inferSelect;
export type EventRow = typeof lobbyEvents.$inferSelect;
export type Role = 'member' | 'moderator' | 'owner';

/** The public face of a user in every lobby answer (`{id, username, is_premium}`). */
export interface UserBrief {
  id: string;
  username: string;
  is_premium: boolean;
}

// Written out qualified: drizzle renders columns unqualified inside a sql`` subquery, and a bare
// "id" there would mean the membership's id.
const memberCount = sql<number>`(select count(*)::int from lobby_memberships m where m.lobby_id = "lobbies"."id")`;

export interface LobbyWithCount {
  lobby: LobbyRow;
  count: number;
}

export async function findLobby(db: Db, id: number): Promise<LobbyRow | undefined> {
  const [row] = await db.select().from(lobbies).where(eq(lobbies.id, id));
  return row;
}

export async function countMembers(db: Db, lobbyId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(lobbyMemberships)
    .where(eq(lobbyMemberships.lobbyId, lobbyId));
  return row?.n ?? 0;
}

/** LIKE pattern for a literal substring (the user's `%` and `_` match themselves). */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface ListFilter {
  publicOnly: boolean;
  status?: string | undefined;
  search?: string | undefined;
  /** Private lobbies are listed only to their members (null: staff, who see all). */
  viewerId: string | null;
  offset: number;
  limit: number;
}

/** Lobbies newest first with their member counts, and how many match in all. */
export async function listLobbies(db: Db, f: ListFilter): Promise<{ total: number; rows: LobbyWithCount[] }> {
  const where: SQL[] = [];
  if (f.publicOnly) where.push(eq(lobbies.isPublic, true));
  else if (f.viewerId !== null) {
    const mine = db
      .select({ id: lobbyMemberships.lobbyId })
      .from(lobbyMemberships)
      .where(eq(lobbyMemberships.userId, f.viewerId));
    where.push(or(eq(lobbies.isPublic, true), inArray(lobbies.id, mine)) as SQL);
  }
  if (f.status) where.push(eq(lobbies.status, f.status));
  if (f.search) {
    const owners = db
      .select({ id: users.id })
      .from(users)
      .where(ilike(users.username, contains(f.search)));
    where.push(or(ilike(lobbies.name, contains(f.search)), inArray(lobbies.ownerId, owners)) as SQL);
  }
  const condition = where.length > 0 ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(lobbies).where(condition);
  const rows = await db
    .select({ lobby: lobbies, count: memberCount })
    .from(lobbies)
    .where(condition)
    .orderBy(desc(lobbies.createdAt), desc(lobbies.id))
    .offset(f.offset)
    .limit(f.limit);
  return { total: total?.n ?? 0, rows };
}

/** Users by id, as briefs (owners, senders, members, event actors). */
export async function userBriefs(db: Db, ids: Iterable<string>): Promise<Map<string, UserBrief>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, UserBrief>();
  if (unique.length === 0) return out;
  const rows = await db
    .select({ id: users.id, username: users.username, isPremium: users.isPremium })
    .from(users)
    .where(inArray(users.id, unique));
  for (const r of rows) out.set(r.id, { id: r.id, username: r.username, is_premium: r.isPremium });
  return out;
}

export async function findUser(db: Db, id: string) {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      isPremium: users.isPremium,
      isStaff: users.isStaff,
      isActive: users.isActive,
    })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

export async function findMembership(
  db: Db,
  lobbyId: number,
  userId: string,
): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select()
    .from(lobbyMemberships)
    .where(and(eq(lobbyMemberships.lobbyId, lobbyId), eq(lobbyMemberships.userId, userId)));
  return row;
}

/** Members in join order. */
export async function listMemberships(db: Db, lobbyId: number): Promise<MembershipRow[]> {
  return db
    .select()
    .from(lobbyMemberships)
    .where(eq(lobbyMemberships.lobbyId, lobbyId))
    .orderBy(lobbyMemberships.joinedAt, lobbyMemberships.id);
}

export async function deleteMembership(db: Db, lobbyId: number, userId: string): Promise<boolean> {
  const rows = await db
    .delete(lobbyMemberships)
    .where(and(eq(lobbyMemberships.lobbyId, lobbyId), eq(lobbyMemberships.userId, userId)))
    .returning({ id: lobbyMemberships.id });
  return rows.length > 0;
}

export async function setRole(db: Db, lobbyId: number, userId: string, role: Role): Promise<void> {
  await db
    .update(lobbyMemberships)
    .set({ role })
    .where(and(eq(lobbyMemberships.lobbyId, lobbyId), eq(lobbyMemberships.userId, userId)));
}

export async function findBan(db: Db, lobbyId: number, userId: string) {
  const [row] = await db
    .select()
    .from(lobbyBans)
    .where(and(eq(lobbyBans.lobbyId, lobbyId), eq(lobbyBans.userId, userId)));
  return row;
}

export async function deleteBan(db: Db, lobbyId: number, userId: string): Promise<boolean> {
  const rows = await db
    .delete(lobbyBans)
    .where(and(eq(lobbyBans.lobbyId, lobbyId), eq(lobbyBans.userId, userId)))
    .returning({ id: lobbyBans.id });
  return rows.length > 0;
}

export async function updateLobby(db: Db, id: number, values: Partial<typeof lobbies.$inferInsert>) {
  const [row] = await db.update(lobbies).set(values).where(eq(lobbies.id, id)).returning();
  return row;
}

export async function deleteLobby(db: Db, id: number): Promise<void> {
  await db.delete(lobbies).where(eq(lobbies.id, id));
}

export interface NewEvent {
  lobbyId: number;
  eventType: 'kick' | 'ban' | 'unban' | 'transfer' | 'mod_add' | 'mod_remove' | 'status_change';
  actorId: string | null;
  targetId?: string | null;
  description: string;
  metadata?: Record<string, unknown>;
  createdAt: Date;
}

export async function insertEvent(db: Db, event: NewEvent): Promise<void> {
  await db.insert(lobbyEvents).values({ ...event, metadata: event.metadata ?? {} });
}

export async function pageEvents(db: Db, lobbyId: number, offset: number, limit: number) {
  const [total] = await db.select({ n: count() }).from(lobbyEvents).where(eq(lobbyEvents.lobbyId, lobbyId));
  const rows = await db
    .select()
    .from(lobbyEvents)
    .where(eq(lobbyEvents.lobbyId, lobbyId))
    .orderBy(desc(lobbyEvents.createdAt), desc(lobbyEvents.id))
    .offset(offset)
    .limit(limit);
  return { total: total?.n ?? 0, rows };
}
