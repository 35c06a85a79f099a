/**
 * Runs tables (Wiperino): games, runs, wipe counters and timers per segment, attempts ("pulls") with
 * best progress, and the per-run event log that makes every action undoable and redoable.
 * Ids are serial integers: Wiperino's pages and REST paths use integer ids.
 */
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

export const games = pgTable('games', {
  id: serial('id').primaryKey(),
  /** Unique, case-sensitive (the seed's model constraint), at most 50 characters. */
  name: varchar('name', { length: 50 }).notNull().unique(),
});

export const runs = pgTable(
  'runs',
  {
    id: serial('id').primaryKey(),
    name: varchar('name', { length: 50 }).notNull(),
    /** Restrict: deleting a game that has runs is refused (409 in the API). */
    gameId: integer('game_id')
      .notNull()
      .references(() => games.id, { onDelete: 'restrict' }),
    /** `WIPECOUNTER` or `SPEEDRUN` (text so a bad value can be stored and refused by export, as the seed). */
    mode: text('mode').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    isFinished: boolean('is_finished').notNull().default(false),
    youtubeLink: text('youtube_link'),
    /** SHA-256 of the current control token (Stream Deck / hotkeys); null when none or revoked. */
    controlTokenHash: text('control_token_hash').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('runs_user_idx').on(t.userId)],
);

export const wipeCounters = pgTable(
  'wipe_counters',
  {
    id: serial('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    segmentName: varchar('segment_name', { length: 50 }).notNull(),
    count: integer('count').notNull().default(0),
    isFinished: boolean('is_finished').notNull().default(false),
  },
  (t) => [index('wipe_counters_run_idx').on(t.runId)],
);

export const runTimers = pgTable(
  'run_timers',
  {
    id: serial('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    segmentName: varchar('segment_name', { length: 50 }).notNull(),
    /** Seconds accumulated while paused (null: never timed, as the seed allowed). */
    elapsedTime: doublePrecision('elapsed_time'),
    /** Server instant the timer was last started; null while paused. */
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    isFinished: boolean('is_finished').notNull().default(false),
  },
  (t) => [index('run_timers_run_idx').on(t.runId)],
);

/** One attempt ("pull") of a wipe segment: recorded with each +1, optionally with progress and a note. */
export const runPulls = pgTable(
  'run_pulls',
  {
    id: serial('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    segmentId: integer('segment_id')
      .notNull()
      .references(() => wipeCounters.id, { onDelete: 'cascade' }),
    /** Best progress of the attempt in percent (0-100), when given. */
    progress: doublePrecision('progress'),
    note: varchar('note', { length: 200 }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('run_pulls_segment_idx').on(t.segmentId)],
);

/**
 * The per-run event log. `changes` holds row images before and after the action, so undo writes the
 * `before` images and redo the `after` images. Undone events form the redo stack until a new action.
 */
export const runEvents = pgTable(
  'run_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    changes: jsonb('changes').notNull(),
    undone: boolean('undone').notNull().default(false),
    /** Who acted: a user id, or null for a control-token holder. */
    userId: uuid('user_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('run_events_run_idx').on(t.runId, t.id)],
);
