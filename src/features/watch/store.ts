/** Watch storage queries: rooms, participants, the SyncPlay event log and watch progress. */
import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { watchEvents, watchParticipants, watchProgress, watchRooms } from '../../storage/schema/index.js';

export type RoomRow = typeof watchRooms.$inferSelect;
export type ParticipantRow = typeof watchParticipants.$inferSelect;
export type ProgressRow = typeof watchProgress.$inferSelect;
export type EventRow = typeof watchEvents.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

export async function insertRoom(db: Db, values: typeof watchRooms.$inferInsert): Promise<RoomRow> {
  const [row] = await db.insert(watchRooms).values(values).returning();
  if (!row) throw new Error('room insert returned no row');
  return row;
}

export async function findRoomByCode(db: Db, code: string): Promise<RoomRow | undefined> {
  const [row] = await db.select().from(watchRooms).where(eq(watchRooms.code, code.toUpperCase())).limit(1);
  return row;
}

export async function findRoomById(db: Db, id: string): Promise<RoomRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(watchRooms).where(eq(watchRooms.id, id)).limit(1);
  return row;
}

/** A room by its id (SyncPlay) or its code (StreamIt), whichever the string is. */
export async function findRoom(db: Db, codeOrId: string): Promise<RoomRow | undefined> {
  return isUuid(codeOrId) ? findRoomById(db, codeOrId) : findRoomByCode(db, codeOrId);
}

export async function updateRoom(
  db: Db,
  id: string,
  values: Partial<typeof watchRooms.$inferInsert>,
): Promise<RoomRow | undefined> {
  const [row] = await db.update(watchRooms).set(values).where(eq(watchRooms.id, id)).returning();
  return row;
}

/**
 * Moves a room from one of `from` to `to` atomically; undefined when it was not in `from` (another
 * process won the race, or the transition is not allowed: then it is a silent no-op, as StreamIt).
 */
export async function transition(
  db: Db,
  id: string,
  from: string[],
  values: Partial<typeof watchRooms.$inferInsert> & { state: string },
): Promise<RoomRow | undefined> {
  const [row] = await db
    .update(watchRooms)
    .set(values)
    .where(and(eq(watchRooms.id, id), inArray(watchRooms.state, from)))
    .returning();
  return row;
}

/** Applies a playback change and bumps the version in one statement (safe across processes). */
export async function bumpPlayback(
  db: Db,
  id: string,
  values: Partial<typeof watchRooms.$inferInsert>,
): Promise<RoomRow | undefined> {
  const [row] = await db
    .update(watchRooms)
    .set({ ...values, version: sql`${watchRooms.version} + 1` })
    .where(eq(watchRooms.id, id))
    .returning();
  return row;
}

export async function listRoomsInState(db: Db, states: string[]): Promise<RoomRow[]> {
  return db
    .select()
    .from(watchRooms)
    .where(and(inArray(watchRooms.state, states), eq(watchRooms.isActive, true)))
    .orderBy(desc(watchRooms.createdAt));
}

export async function graceRoomsDue(db: Db, cutoff: Date): Promise<RoomRow[]> {
  return db
    .select()
    .from(watchRooms)
    .where(
      and(
        eq(watchRooms.state, 'GRACE'),
        eq(watchRooms.isActive, true),
        isNotNull(watchRooms.hostDisconnectedAt),
        lte(watchRooms.hostDisconnectedAt, cutoff),
      ),
    );
}

export async function roomsIdleSince(db: Db, cutoff: Date): Promise<RoomRow[]> {
  return db.select().from(watchRooms).where(lte(watchRooms.lastActivityAt, cutoff));
}

export async function deleteRooms(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.delete(watchRooms).where(inArray(watchRooms.id, ids));
}

export async function findParticipant(
  db: Db,
  roomId: string,
  memberId: string,
): Promise<ParticipantRow | undefined> {
  const [row] = await db
    .select()
    .from(watchParticipants)
    .where(and(eq(watchParticipants.roomId, roomId), eq(watchParticipants.memberId, memberId)))
    .limit(1);
  return row;
}

export async function listParticipants(db: Db, roomId: string): Promise<ParticipantRow[]> {
  return db
    .select()
    .from(watchParticipants)
    .where(eq(watchParticipants.roomId, roomId))
    .orderBy(asc(watchParticipants.joinedAt), asc(watchParticipants.id));
}

/** Inserts a participant, or returns the existing row of the same member (join is idempotent). */
export async function upsertParticipant(
  db: Db,
  values: typeof watchParticipants.$inferInsert,
): Promise<{ row: ParticipantRow; created: boolean }> {
  const [row] = await db.insert(watchParticipants).values(values).onConflictDoNothing().returning();
  if (row) return { row, created: true };
  const existing = await findParticipant(db, values.roomId, values.memberId);
  // No row for this member after a refused insert: the SyncPlay name index refused it.
  if (!existing) throw new NameTakenError();
  return { row: existing, created: false };
}

/** Another account-less participant of the room holds this name (case-insensitive). */
export class NameTakenError extends Error {
  constructor() {
    super('User name already taken');
  }
}

export async function updateParticipant(
  db: Db,
  roomId: string,
  memberId: string,
  values: Partial<typeof watchParticipants.$inferInsert>,
): Promise<ParticipantRow | undefined> {
  const [row] = await db
    .update(watchParticipants)
    .set(values)
    .where(and(eq(watchParticipants.roomId, roomId), eq(watchParticipants.memberId, memberId)))
    .returning();
  return row;
}

export async function deleteParticipant(db: Db, roomId: string, memberId: string): Promise<boolean> {
  const rows = await db
    .delete(watchParticipants)
    .where(and(eq(watchParticipants.roomId, roomId), eq(watchParticipants.memberId, memberId)))
    .returning({ id: watchParticipants.id });
  return rows.length > 0;
}

export async function logEvent(
  db: Db,
  roomId: string,
  userId: string,
  type: string,
  data: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await db.insert(watchEvents).values({ roomId, userId, type, data, createdAt: at });
}

/** The last `limit` events of a room, oldest first. */
export async function latestEvents(db: Db, roomId: string, limit: number): Promise<EventRow[]> {
  const rows = await db
    .select()
    .from(watchEvents)
    .where(eq(watchEvents.roomId, roomId))
    .orderBy(desc(watchEvents.createdAt), desc(watchEvents.id))
    .limit(limit);
  return rows.reverse();
}

export interface ProgressKey {
  userId: string;
  roomId: string;
  mediaId: string;
  mediaType: string;
  season: number | null;
  episode: number | null;
}

function progressWhere(key: ProgressKey) {
  return and(
    eq(watchProgress.userId, key.userId),
    eq(watchProgress.roomId, key.roomId),
    eq(watchProgress.mediaId, key.mediaId),
    eq(watchProgress.mediaType, key.mediaType),
    key.season === null ? sql`${watchProgress.season} is null` : eq(watchProgress.season, key.season),
    key.episode === null ? sql`${watchProgress.episode} is null` : eq(watchProgress.episode, key.episode),
  );
}

export async function findProgress(db: Db, key: ProgressKey): Promise<ProgressRow | undefined> {
  const [row] = await db.select().from(watchProgress).where(progressWhere(key)).limit(1);
  return row;
}

/** StreamIt's update_or_create keyed on (user, room, media_id, media_type, season, episode). */
export async function saveProgress(
  db: Db,
  key: ProgressKey,
  values: {
    timestamp?: number;
    duration?: number;
    progressPercent?: number;
    completed?: boolean;
    updatedAt: Date;
  },
): Promise<ProgressRow> {
  const existing = await findProgress(db, key);
  if (existing) {
    const [row] = await db
      .update(watchProgress)
      .set(values)
      .where(eq(watchProgress.id, existing.id))
      .returning();
    if (row) return row;
  }
  const [row] = await db
    .insert(watchProgress)
    .values({ ...key, ...values })
    .returning();
  if (!row) throw new Error('progress insert returned no row');
  return row;
}

export async function latestProgress(
  db: Db,
  userId: string,
  roomId: string,
): Promise<ProgressRow | undefined> {
  const [row] = await db
    .select()
    .from(watchProgress)
    .where(and(eq(watchProgress.userId, userId), eq(watchProgress.roomId, roomId)))
    .orderBy(desc(watchProgress.updatedAt))
    .limit(1);
  return row;
}
