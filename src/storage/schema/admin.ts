/**
 * The admin audit trail: one row per staff action taken through the admin API (role changes, room
 * closes, message deletions, ban lifts, lobby status changes, poll session deletions). Rows keep
 * the actor's name as it was, so the trail still reads after the account is gone.
 */
import { index, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

export const adminActions = pgTable(
  'admin_actions',
  {
    id: serial('id').primaryKey(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorName: text('actor_name').notNull(),
    /** e.g. `user.update`, `room.close`, `room.expire`, `message.delete`, `ban.lift`, `lobby.status`. */
    action: text('action').notNull(),
    /** user | room | lobby | message | room_ban | lobby_ban | poll_session */
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    /** What changed (new flags, new status, the room code...), for the trail's reader. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('admin_actions_created_idx').on(t.createdAt), index('admin_actions_actor_idx').on(t.actorId)],
);
