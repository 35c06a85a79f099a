/**
 * Premium Chat Lobby: lobbies (integer ids, as the seed's `ws/lobbies/<digits>/` path), memberships
 * with roles, bans and the audit event log. Lobby messages live in the chat engine's table
 * (channel `lobby:<id>`); only their soft-delete and edit columns were added there.
 */
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

export const lobbies = pgTable(
  'lobbies',
  {
    id: serial('id').primaryKey(),
    /** At most 100 characters, at least 3 after trimming. */
    name: text('name').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    isPublic: boolean('is_public').notNull().default(true),
    /** open | in_game | closed */
    status: text('status').notNull().default('open'),
    /** 2..50 */
    maxParticipants: integer('max_participants').notNull().default(8),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('lobbies_created_idx').on(t.createdAt), index('lobbies_owner_idx').on(t.ownerId)],
);

export const lobbyMemberships = pgTable(
  'lobby_memberships',
  {
    id: serial('id').primaryKey(),
    lobbyId: integer('lobby_id')
      .notNull()
      .references(() => lobbies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** member | moderator | owner */
    role: text('role').notNull().default('member'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('lobby_memberships_unique').on(t.lobbyId, t.userId),
    index('lobby_memberships_user_idx').on(t.userId),
  ],
);

export const lobbyBans = pgTable(
  'lobby_bans',
  {
    id: serial('id').primaryKey(),
    lobbyId: integer('lobby_id')
      .notNull()
      .references(() => lobbies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull().default(''),
    bannedById: uuid('banned_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lobby_bans_unique').on(t.lobbyId, t.userId)],
);

/** The audit log: kick | ban | unban | transfer | mod_add | mod_remove | status_change. */
export const lobbyEvents = pgTable(
  'lobby_events',
  {
    id: serial('id').primaryKey(),
    lobbyId: integer('lobby_id')
      .notNull()
      .references(() => lobbies.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    targetId: uuid('target_id').references(() => users.id, { onDelete: 'set null' }),
    description: text('description').notNull().default(''),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('lobby_events_lobby_idx').on(t.lobbyId, t.createdAt)],
);
