/**
 * Watch rooms (StreamIt + SyncPlay in one model): rooms with their authoritative playback clock,
 * participants of both kinds (accounts and SyncPlay's account-less names), SyncPlay's event log,
 * and per-user watch progress.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const watchRooms = pgTable(
  'watch_rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** StreamIt's 6-character [A-Z0-9] code. */
    code: text('code').notNull().unique(),
    name: text('name').notNull().default(''),
    /** Member id of the host: an account id, or a SyncPlay participant id. */
    hostId: text('host_id').notNull(),
    isPrivate: boolean('is_private').notNull().default(false),
    /** null (public), PASSWORD or APPROVAL. */
    entryMode: text('entry_mode'),
    /** argon2id hash of the one-time room password. */
    passwordHash: text('password_hash'),
    /** CREATED | LIVE | GRACE | EXPIRED | DELETED */
    state: text('state').notNull().default('CREATED'),
    isActive: boolean('is_active').notNull().default(true),
    isChatEnabled: boolean('is_chat_enabled').notNull().default(true),
    /** When the grace period ends without the host, the longest-present member becomes host. */
    allowSuccession: boolean('allow_succession').notNull().default(false),
    /** Provider of the media (vidking, youtube, direct) and its id/URL. */
    videoProvider: text('video_provider').notNull().default(''),
    videoId: text('video_id').notNull().default(''),
    mediaUrl: text('media_url').notNull().default(''),
    mediaTitle: text('media_title').notNull().default(''),
    /** Playback clock: position (s) at anchor_ms (server ms), rate, playing flag, version. */
    position: doublePrecision('position').notNull().default(0),
    anchorMs: bigint('anchor_ms', { mode: 'number' }).notNull().default(0),
    rate: doublePrecision('rate').notNull().default(1),
    isPlaying: boolean('is_playing').notNull().default(false),
    version: integer('version').notNull().default(0),
    hostDisconnectedAt: timestamp('host_disconnected_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Last join, leave or control: cleanup-rooms removes rooms idle for longer than its cutoff. */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('watch_rooms_state_idx').on(t.state, t.isActive)],
);

export const watchParticipants = pgTable(
  'watch_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => watchRooms.id, { onDelete: 'cascade' }),
    /** Account id (StreamIt) or the SyncPlay client's user id: the id moderation frames name. */
    memberId: text('member_id').notNull(),
    /** True for account holders (StreamIt); false for SyncPlay's account-less names. */
    hasAccount: boolean('has_account').notNull().default(true),
    name: text('name').notNull(),
    /** APPROVED | PENDING */
    status: text('status').notNull().default('APPROVED'),
    isMuted: boolean('is_muted').notNull().default(false),
    isBanned: boolean('is_banned').notNull().default(false),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('watch_participants_member_idx').on(t.roomId, t.memberId),
    // SyncPlay names are unique per room (case-insensitive); the index makes two joins racing for one
    // name end with one winner. Account holders may share display names, as in StreamIt.
    uniqueIndex('watch_participants_syncplay_name_idx')
      .on(t.roomId, sql`lower(${t.name})`)
      .where(sql`${t.hasAccount} = false`),
  ],
);

/** SyncPlay's Message log: joins, leaves, controls, video changes. */
export const watchEvents = pgTable(
  'watch_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => watchRooms.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    type: text('type').notNull(),
    data: jsonb('data').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('watch_events_room_idx').on(t.roomId, t.createdAt)],
);

export const watchProgress = pgTable(
  'watch_progress',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => watchRooms.id, { onDelete: 'cascade' }),
    mediaId: text('media_id').notNull(),
    mediaType: text('media_type').notNull(),
    season: integer('season'),
    episode: integer('episode'),
    timestamp: doublePrecision('timestamp').notNull().default(0),
    duration: doublePrecision('duration').notNull().default(0),
    progressPercent: doublePrecision('progress_percent').notNull().default(0),
    completed: boolean('completed').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('watch_progress_user_room_idx').on(t.userId, t.roomId)],
);
