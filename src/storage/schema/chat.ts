/** The chat engine's stored messages, per channel (a watch room, later a lobby). */
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
  },
  (t) => [index('chat_messages_channel_idx').on(t.channel, t.createdAt)],
);
