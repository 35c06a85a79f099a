/**
 * Click wall queries. `storeBatch` writes a batch of clicks and events with their counters in one
 * transaction; counters are `+ excluded` upserts (atomic, so processes sharing the database never
 * lose an update), taken in key order so two processes' transactions cannot deadlock.
 */
import { and, desc, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { clickDays, clickEventLog, clickHours, clickLog, clickUsers } from '../../storage/schema/index.js';

export interface StoredClick {
  user: string;
  comment: string | null;
  style: string | null;
  /** Epoch seconds. */
  ts: number;
  /** Local day key of `ts`. */
  day: string;
}

export interface StoredEvent {
  user: string;
  name: string;
  ts: number;
  day: string;
}

interface Counts {
  clicks: number;
  events: number;
}

function tally<K extends string | number>(into: Map<K, Counts>, key: K, field: keyof Counts): void {
  const c = into.get(key) ?? { clicks: 0, events: 0 };
  c[field] += 1;
  into.set(key, c);
}

function sorted<K extends string | number>(map: Map<K, Counts>): [K, Counts][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const CHUNK = 500;

/** Stores clicks and events and adds them to the user, hour and day counters, all or nothing. */
export async function storeBatch(db: Db, clicks: StoredClick[], events: StoredEvent[]): Promise<void> {
  const users = new Map<string, Counts>();
  const hours = new Map<number, Counts>();
  const days = new Map<string, Counts>();
  for (const c of clicks) {
    tally(users, c.user, 'clicks');
    tally(hours, Math.floor(c.ts / 3600) * 3600, 'clicks');
    tally(days, c.day, 'clicks');
  }
  for (const e of events) {
    tally(users, e.user, 'events');
    tally(hours, Math.floor(e.ts / 3600) * 3600, 'events');
    tally(days, e.day, 'events');
  }
  const add = (table: typeof clickUsers | typeof clickHours | typeof clickDays) => ({
    clickCount: sql`${table.clickCount} + excluded.click_count`,
    eventCount: sql`${table.eventCount} + excluded.event_count`,
  });
  await db.transaction(async (tx) => {
    for (let i = 0; i < clicks.length; i += CHUNK) {
      const rows = clicks
        .slice(i, i + CHUNK)
        .map(({ user, comment, style, ts }) => ({ user, comment, style, ts }));
      await tx.insert(clickLog).values(rows);
    }
    if (events.length > 0)
      await tx.insert(clickEventLog).values(events.map(({ user, name, ts }) => ({ user, name, ts })));
    const userRows = sorted(users).map(([name, c]) => ({ name, clickCount: c.clicks, eventCount: c.events }));
    for (let i = 0; i < userRows.length; i += CHUNK)
      await tx
        .insert(clickUsers)
        .values(userRows.slice(i, i + CHUNK))
        .onConflictDoUpdate({ target: clickUsers.name, set: add(clickUsers) });
    await tx
      .insert(clickHours)
      .values(
        sorted(hours).map(([hourStart, c]) => ({ hourStart, clickCount: c.clicks, eventCount: c.events })),
      )
      .onConflictDoUpdate({ target: clickHours.hourStart, set: add(clickHours) });
    await tx
      .insert(clickDays)
      .values(sorted(days).map(([day, c]) => ({ day, clickCount: c.clicks, eventCount: c.events })))
      .onConflictDoUpdate({ target: clickDays.day, set: add(clickDays) });
  });
}

/** Total clicks ever and clicks of local day `today`, from the durable counters. */
export async function readTotals(db: Db, today: string): Promise<{ total: number; today: number }> {
  const [row] = await db
    .select({
      total: sql<string>`coalesce(sum(${clickDays.clickCount}), 0)`,
      today: sql<string>`coalesce(sum(${clickDays.clickCount}) filter (where ${clickDays.day} = ${today}), 0)`,
    })
    .from(clickDays);
  return { total: Number(row?.total ?? 0), today: Number(row?.today ?? 0) };
}

/** Clicks since `fromTs` (seconds), newest first, at most `limit`. */
export function clicksSince(db: Db, fromTs: number, limit: number) {
  return db
    .select({ user: clickLog.user, comment: clickLog.comment, style: clickLog.style, timestamp: clickLog.ts })
    .from(clickLog)
    .where(gte(clickLog.ts, fromTs))
    .orderBy(desc(clickLog.id))
    .limit(limit);
}

/** Events since `fromTs` (seconds), newest first, at most `limit`. */
export function eventsSince(db: Db, fromTs: number, limit: number) {
  return db
    .select({ user: clickEventLog.user, name: clickEventLog.name, timestamp: clickEventLog.ts })
    .from(clickEventLog)
    .where(gte(clickEventLog.ts, fromTs))
    .orderBy(desc(clickEventLog.id))
    .limit(limit);
}

/** Stored hourly buckets with `from <= hour_start <= to` (seconds), oldest first. */
export function hoursBetween(db: Db, from: number, to: number) {
  return db
    .select({
      hourStart: clickHours.hourStart,
      clickCount: clickHours.clickCount,
      eventCount: clickHours.eventCount,
    })
    .from(clickHours)
    .where(and(gte(clickHours.hourStart, from), lte(clickHours.hourStart, to)))
    .orderBy(clickHours.hourStart);
}

/** Every user, most clicks first. */
export function allUsers(db: Db) {
  return db
    .select({ name: clickUsers.name, click_count: clickUsers.clickCount, event_count: clickUsers.eventCount })
    .from(clickUsers)
    .orderBy(desc(clickUsers.clickCount), clickUsers.name);
}
