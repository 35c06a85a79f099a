/**
 * Staff moderation reads of the chat engine: a channel's messages including soft-deleted ones
 * (flagged), so a moderator sees what was removed. Deleting goes through ChatService.remove.
 */
import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { chatMessages } from '../../storage/schema/index.js';

export type AdminChatRow = typeof chatMessages.$inferSelect;

const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of a channel's messages, newest first; `search` matches the text or the sender's name. */
export async function adminPageChannel(
  db: Db,
  channel: string,
  q: { search?: string | undefined; offset: number; limit: number },
): Promise<{ total: number; rows: AdminChatRow[] }> {
  const where: SQL[] = [eq(chatMessages.channel, channel)];
  if (q.search) {
    const p = contains(q.search);
    const found = or(ilike(chatMessages.message, p), ilike(chatMessages.userName, p));
    if (found) where.push(found);
  }
  const cond = and(...where);
  const [counted] = await db.select({ n: count() }).from(chatMessages).where(cond);
  const rows = await db
    .select()
    .from(chatMessages)
    .where(cond)
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.id))
    .offset(q.offset)
    .limit(q.limit);
  return { total: counted?.n ?? 0, rows };
}
