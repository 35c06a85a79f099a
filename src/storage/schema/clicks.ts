/**
 * Click wall tables (frustrated physicists). The logs keep every click and event (the seed's
 * `latest_*` routes read today's rows); users, hours and days are counters updated atomically with
 * `+ excluded` upserts in the same transaction as the log rows, so several server processes can
 * write at once and the counters always match what was stored.
 */
import { bigint, bigserial, index, pgTable, text } from 'drizzle-orm/pg-core';

/** One row per click; `ts` is in integer seconds, as the seed's API answers. */
export const clickLog = pgTable(
  'click_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    user: text('user_name').notNull(),
    comment: text('comment'),
    style: text('style'),
    ts: bigint('ts', { mode: 'number' }).notNull(),
  },
  (t) => [index('click_log_ts_idx').on(t.ts)],
);

/** One row per triggered event (`/rickroll`, `/einstein`...). */
export const clickEventLog = pgTable(
  'click_event_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    user: text('user_name').notNull(),
    name: text('name').notNull(),
    ts: bigint('ts', { mode: 'number' }).notNull(),
  },
  (t) => [index('click_event_log_ts_idx').on(t.ts)],
);

/** Every name ever seen, with its lifetime counts. */
export const clickUsers = pgTable('click_users', {
  name: text('name').primaryKey(),
  clickCount: bigint('click_count', { mode: 'number' }).notNull().default(0),
  eventCount: bigint('event_count', { mode: 'number' }).notNull().default(0),
});

/** Hourly buckets keyed by the hour's start (epoch seconds), written as clicks are stored. */
export const clickHours = pgTable('click_hours', {
  hourStart: bigint('hour_start', { mode: 'number' }).primaryKey(),
  clickCount: bigint('click_count', { mode: 'number' }).notNull().default(0),
  eventCount: bigint('event_count', { mode: 'number' }).notNull().default(0),
});

/** Daily counters keyed by the local date (YYYY-MM-DD in CLICKS_TIME_ZONE); the total is their sum. */
export const clickDays = pgTable('click_days', {
  day: text('day').primaryKey(),
  clickCount: bigint('click_count', { mode: 'number' }).notNull().default(0),
  eventCount: bigint('event_count', { mode: 'number' }).notNull().default(0),
});
