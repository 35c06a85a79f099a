/** The chat engine's stored messages, per channel (a watch room, later a lobby). */
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Owner-defined channel key, e.g. `watch:<room id>`. */
    channel: text('channel').notNull(),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Soft delete (lobby messages): hidden from history and lists, kept for moderation review. */
    isDeleted: boolean('is_deleted').notNull().default(false),
    /** Set when the text was edited (lobby messages). */
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [index('chat_messages_channel_idx').on(t.channel, t.createdAt)],
);
