/** Chat storage: append a message, read a channel's latest, trim a channel to its cap. */
import { and, count, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { chatMessages } from '../../storage/schema/index.js';

export type ChatRow = typeof chatMessages.$inferSelect;

export async function insertMessage(
  db: Db,
  row: { channel: string; userId: string; userName: string; message: string; createdAt: Date },
): Promise<ChatRow> {
  const [inserted] = await db.insert(chatMessages).values(row).returning();
  if (!inserted) throw new Error('chat insert returned no row');
  return inserted;
}

/** The newest `limit` messages of a channel, oldest first. */
export async function latestMessages(db: Db, channel: string, limit: number): Promise<ChatRow[]> {
  const rows = await db
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.channel, channel), eq(chatMessages.isDeleted, false)))
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.id))
    .limit(limit);
  return rows.reverse();
}

/** One page of a channel's visible (not deleted) messages, newest first, with the visible total. */
export async function pageMessages(
  db: Db,
  channel: string,
  offset: number,
  limit: number,
): Promise<{ total: number; rows: ChatRow[] }> {
  const visible = and(eq(chatMessages.channel, channel), eq(chatMessages.isDeleted, false));
  const [counted] = await db.select({ n: count() }).from(chatMessages).where(visible);
  const rows = await db
    .select()
    .from(chatMessages)
    .where(visible)
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.id))
    .offset(offset)
    .limit(limit);
  return { total: counted?.n ?? 0, rows };
}

/** A visible message of a channel by id. */
export async function findMessage(db: Db, channel: string, id: string): Promise<ChatRow | undefined> {
  const [row] = await db
    .select()
    .from(chatMessages)
    .where(
      and(eq(chatMessages.channel, channel), eq(chatMessages.id, id), eq(chatMessages.isDeleted, false)),
    );
  return row;
}

/** Changes a visible message (text and edit time, or the soft-delete flag); undefined when gone. */
export async function updateMessage(
  db: Db,
  channel: string,
  id: string,
  values: { message?: string; editedAt?: Date; isDeleted?: boolean },
): Promise<ChatRow | undefined> {
  const [row] = await db
    .update(chatMessages)
    .set(values)
    .where(and(eq(chatMessages.channel, channel), eq(chatMessages.id, id), eq(chatMessages.isDeleted, false)))
    .returning();
  return row;
}

/** Deletes everything but the newest `keep` messages of a channel. */
export async function trimChannel(db: Db, channel: string, keep: number): Promise<void> {
  const newest = db
    .select({ id: chatMessages.id })
    .from(chatMessages)
    .where(eq(chatMessages.channel, channel))
    .orderBy(desc(chatMessages.createdAt))
    .limit(keep);
  await db
    .delete(chatMessages)
    .where(and(eq(chatMessages.channel, channel), notInArray(chatMessages.id, newest)));
}

/** Deletes every message of the given channels (room cleanup). */
export async function deleteChannels(db: Db, channels: string[]): Promise<void> {
  if (channels.length === 0) return;
  await db.delete(chatMessages).where(inArray(chatMessages.channel, channels));
}
