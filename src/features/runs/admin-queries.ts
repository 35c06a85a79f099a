/**
 * What the staff admin area reads of runs (a feature never imports another feature's store): every
 * run with its owner, game, mode and finished flag, searchable and filterable. Read only: runs
 * belong to their owners.
 */
import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { games, runs, users } from '../../storage/schema/index.js';

const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface AdminRunsQuery {
  search?: string | undefined;
  mode?: string | undefined;
  finished?: boolean | undefined;
  offset: number;
  limit: number;
}

/** Runs newest first; search over run name, game name and owner username. */
export async function adminListRuns(db: Db, q: AdminRunsQuery) {
  const where: SQL[] = [];
  if (q.mode) where.push(eq(runs.mode, q.mode));
  if (q.finished !== undefined) where.push(eq(runs.isFinished, q.finished));
  if (q.search) {
    const p = contains(q.search);
    const found = or(ilike(runs.name, p), ilike(games.name, p), ilike(users.username, p));
    if (found) where.push(found);
  }
  const cond = where.length > 0 ? and(...where) : undefined;
  const base = () =>
    db
      .select({
        id: runs.id,
        name: runs.name,
        mode: runs.mode,
        isFinished: runs.isFinished,
        createdAt: runs.createdAt,
        gameId: games.id,
        game: games.name,
        ownerId: users.id,
        owner: users.username,
      })
      .from(runs)
      .innerJoin(games, eq(games.id, runs.gameId))
      .innerJoin(users, eq(users.id, runs.userId));
  const [counted] = await db
    .select({ n: count() })
    .from(runs)
    .innerJoin(games, eq(games.id, runs.gameId))
    .innerJoin(users, eq(users.id, runs.userId))
    .where(cond);
  const rows = await base()
    .where(cond)
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .offset(q.offset)
    .limit(q.limit);
  return { total: counted?.n ?? 0, rows };
}

export async function countRuns(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(runs);
  return row?.n ?? 0;
}
