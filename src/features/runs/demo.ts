/** Demo data for `seed-demo`: a game and two runs (one of each mode) for testuser. */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../storage/database.js';
import { games, runs, runTimers, users, wipeCounters } from '../../storage/schema/index.js';

const DEMO_GAME = 'Final Fantasy XIV';
const DEMO_RUNS = ['Demo: Savage prog', 'Demo: Any% speedrun'];

/** Idempotent; with `clear` the demo runs are removed first and made again. */
export async function seedRunsDemo(database: Database, clear: boolean): Promise<string> {
  const db = database.db;
  const [user] = await db.select().from(users).where(eq(users.username, 'testuser'));
  if (!user) return 'Runs demo skipped: no testuser.';
  if (clear) {
    for (const name of DEMO_RUNS)
      await db.delete(runs).where(and(eq(runs.userId, user.id), eq(runs.name, name)));
  }
  await db.insert(games).values({ name: DEMO_GAME }).onConflictDoNothing();
  const [game] = await db.select().from(games).where(eq(games.name, DEMO_GAME));
  if (!game) throw new Error('demo game missing');
  const existing = await db.select({ name: runs.name }).from(runs).where(eq(runs.userId, user.id));
  if (existing.some((r) => r.name === DEMO_RUNS[0])) return 'Runs demo exists.';
  const [wipeRun] = await db
    .insert(runs)
    .values({ name: DEMO_RUNS[0] ?? '', gameId: game.id, mode: 'WIPECOUNTER', userId: user.id })
    .returning();
  const [speedRun] = await db
    .insert(runs)
    .values({ name: DEMO_RUNS[1] ?? '', gameId: game.id, mode: 'SPEEDRUN', userId: user.id })
    .returning();
  if (!wipeRun || !speedRun) throw new Error('demo run insert failed');
  await db.insert(wipeCounters).values([
    { runId: wipeRun.id, segmentName: 'Phase 1', count: 12, isFinished: true },
    { runId: wipeRun.id, segmentName: 'Phase 2', count: 7 },
  ]);
  await db.insert(runTimers).values([
    { runId: speedRun.id, segmentName: 'Tutorial', elapsedTime: 83.4, isFinished: true },
    { runId: speedRun.id, segmentName: 'Chapter 1', elapsedTime: 0 },
  ]);
  return 'Runs demo: a game and two runs for testuser.';
}
