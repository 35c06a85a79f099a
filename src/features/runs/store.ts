/**
 * The runs queries. Every function takes the drizzle handle (or a transaction) so the service can
 * group an action's reads and writes in one transaction that holds the run's row lock.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { games, runPulls, runs, runTimers, users, wipeCounters } from '../../storage/schema/index.js';

export type GameRow = typeof games.$inferSelect;
export type RunRow = typeof runs.$inferSelect;
export type WipeRow = typeof wipeCounters.$inferSelect;
export type TimerRow = typeof runTimers.$inferSelect;
export type PullRow = typeof runPulls.$inferSelect;

/** A run with the names its JSON shows. */
export interface RunView extends RunRow {
  gameName: string;
  username: string;
}

const runColumns = {
  id: runs.id,
  name: runs.name,
  gameId: runs.gameId,
  mode: runs.mode,
  userId: runs.userId,
  isFinished: runs.isFinished,
  youtubeLink: runs.youtubeLink,
  controlTokenHash: runs.controlTokenHash,
  createdAt: runs.createdAt,
  gameName: games.name,
  username: users.username,
};

function runViews(db: Db) {
  return db
    .select(runColumns)
    .from(runs)
    .innerJoin(games, eq(games.id, runs.gameId))
    .innerJoin(users, eq(users.id, runs.userId));
}

export async function findRunView(db: Db, id: number): Promise<RunView | undefined> {
  const [row] = await runViews(db).where(eq(runs.id, id));
  return row;
}

export async function findRunByControlHash(db: Db, hash: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.controlTokenHash, hash));
  return row;
}

export function listRunViews(db: Db, userId: string): Promise<RunView[]> {
  return runViews(db).where(eq(runs.userId, userId)).orderBy(asc(runs.id));
}

/** Locks the run row until the transaction ends: actions on one run are serialized across processes. */
export async function lockRun(db: Db, id: number): Promise<RunRow | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id)).for('update');
  return row;
}

export async function insertRun(db: Db, values: typeof runs.$inferInsert): Promise<RunRow> {
  const [row] = await db.insert(runs).values(values).returning();
  if (!row) throw new Error('insert into runs returned no row');
  return row;
}

export async function updateRun(
  db: Db,
  id: number,
  values: Partial<typeof runs.$inferInsert>,
): Promise<RunRow | undefined> {
  if (Object.keys(values).length === 0) return (await db.select().from(runs).where(eq(runs.id, id)))[0];
  const [row] = await db.update(runs).set(values).where(eq(runs.id, id)).returning();
  return row;
}

export async function deleteRun(db: Db, id: number): Promise<void> {
  await db.delete(runs).where(eq(runs.id, id));
}

export function listWipes(db: Db, runId: number): Promise<WipeRow[]> {
  return db.select().from(wipeCounters).where(eq(wipeCounters.runId, runId)).orderBy(asc(wipeCounters.id));
}

export function listTimers(db: Db, runId: number): Promise<TimerRow[]> {
  return db.select().from(runTimers).where(eq(runTimers.runId, runId)).orderBy(asc(runTimers.id));
}

export async function findWipe(db: Db, runId: number, id: number): Promise<WipeRow | undefined> {
  const [row] = await db
    .select()
    .from(wipeCounters)
    .where(and(eq(wipeCounters.runId, runId), eq(wipeCounters.id, id)));
  return row;
}

export async function findTimer(db: Db, runId: number, id: number): Promise<TimerRow | undefined> {
  const [row] = await db
    .select()
    .from(runTimers)
    .where(and(eq(runTimers.runId, runId), eq(runTimers.id, id)));
  return row;
}

/** Per-segment pull statistics: attempts recorded and best progress. */
export async function pullStats(
  db: Db,
  runId: number,
): Promise<Map<number, { pulls: number; best: number | null }>> {
  const rows = await db
    .select({
      segmentId: runPulls.segmentId,
      pulls: sql<number>`count(*)::int`,
      best: sql<number | null>`max(${runPulls.progress})`,
    })
    .from(runPulls)
    .where(eq(runPulls.runId, runId))
    .groupBy(runPulls.segmentId);
  return new Map(
    rows.map((r) => [r.segmentId, { pulls: Number(r.pulls), best: r.best === null ? null : Number(r.best) }]),
  );
}

export async function listGames(db: Db): Promise<GameRow[]> {
  return db.select().from(games).orderBy(asc(games.id));
}

export async function findGame(db: Db, id: number): Promise<GameRow | undefined> {
  const [row] = await db.select().from(games).where(eq(games.id, id));
  return row;
}

export async function findGameByName(db: Db, name: string): Promise<GameRow | undefined> {
  const [row] = await db.select().from(games).where(eq(games.name, name));
  return row;
}

export async function gameHasRuns(db: Db, id: number): Promise<boolean> {
  const rows = await db.select({ id: runs.id }).from(runs).where(eq(runs.gameId, id)).limit(1);
  return rows.length > 0;
}
