/**
 * The per-run event log behind undo and redo. Each action stores row images before and after it;
 * undo writes the `before` images of the newest active event (in reverse order), redo writes the
 * `after` images of the oldest undone one. A new action drops the redo stack, as editors do.
 * Callers hold the run's row lock, so the images are exactly what the action saw.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { runEvents, runPulls, runs, runTimers, wipeCounters } from '../../storage/schema/index.js';
import type { PullRow, RunRow, TimerRow, WipeRow } from './store.js';

export interface WipeImage {
  id: number;
  runId: number;
  segmentName: string;
  count: number;
  isFinished: boolean;
}
export interface TimerImage {
  id: number;
  runId: number;
  segmentName: string;
  elapsedTime: number | null;
  startedAt: number | null;
  isFinished: boolean;
}
export interface PullImage {
  id: number;
  runId: number;
  segmentId: number;
  progress: number | null;
  note: string | null;
  createdAt: number;
}
export interface RunImage {
  id: number;
  name: string;
  isFinished: boolean;
  youtubeLink: string | null;
}

/** One row's change; a null image means the row does not exist on that side. */
export type Change =
  | { entity: 'wipe'; before: WipeImage | null; after: WipeImage | null }
  | { entity: 'timer'; before: TimerImage | null; after: TimerImage | null }
  | { entity: 'pull'; before: PullImage | null; after: PullImage | null }
  | { entity: 'run'; before: RunImage; after: RunImage };

export const wipeImage = (r: WipeRow): WipeImage => ({
  id: r.id,
  runId: r.runId,
  segmentName: r.segmentName,
  count: r.count,
  isFinished: r.isFinished,
});
export const timerImage = (r: TimerRow): TimerImage => ({
  id: r.id,
  runId: r.runId,
  segmentName: r.segmentName,
  elapsedTime: r.elapsedTime,
  startedAt: r.startedAt ? r.startedAt.getTime() : null,
  isFinished: r.isFinished,
});
export const pullImage = (r: PullRow): PullImage => ({
  id: r.id,
  runId: r.runId,
  segmentId: r.segmentId,
  progress: r.progress,
  note: r.note,
  createdAt: r.createdAt.getTime(),
});
export const runImage = (r: RunRow): RunImage => ({
  id: r.id,
  name: r.name,
  isFinished: r.isFinished,
  youtubeLink: r.youtubeLink,
});

/** True when the change alters nothing (a relay of a value already stored): not worth an undo step. */
function isNoop(change: Change): boolean {
  return JSON.stringify(change.before) === JSON.stringify(change.after);
}

/** Appends an action to the run's log (dropping the redo stack); no-op changes are left out. */
export async function record(
  db: Db,
  runId: number,
  action: string,
  changes: Change[],
  userId: string | null,
  now: number,
): Promise<boolean> {
  const real = changes.filter((c) => !isNoop(c));
  if (real.length === 0) return false;
  await db.delete(runEvents).where(and(eq(runEvents.runId, runId), eq(runEvents.undone, true)));
  await db.insert(runEvents).values({ runId, action, changes: real, userId, createdAt: new Date(now) });
  return true;
}

/** Writes one row image (insert-or-update), or deletes the row when the image is null. */
async function apply(db: Db, change: Change, side: 'before' | 'after'): Promise<void> {
  const other = side === 'before' ? change.after : change.before;
  switch (change.entity) {
    case 'wipe': {
      const image = change[side];
      if (!image) {
        if (other) await db.delete(wipeCounters).where(eq(wipeCounters.id, other.id));
        return;
      }
      await db.insert(wipeCounters).values(image).onConflictDoUpdate({ target: wipeCounters.id, set: image });
      return;
    }
    case 'timer': {
      const image = change[side];
      if (!image) {
        if (other) await db.delete(runTimers).where(eq(runTimers.id, other.id));
        return;
      }
      const values = { ...image, startedAt: image.startedAt === null ? null : new Date(image.startedAt) };
      await db.insert(runTimers).values(values).onConflictDoUpdate({ target: runTimers.id, set: values });
      return;
    }
    case 'pull': {
      const image = change[side];
      if (!image) {
        if (other) await db.delete(runPulls).where(eq(runPulls.id, other.id));
        return;
      }
      const values = { ...image, createdAt: new Date(image.createdAt) };
      await db.insert(runPulls).values(values).onConflictDoUpdate({ target: runPulls.id, set: values });
      return;
    }
    case 'run': {
      const { id, ...values } = change[side];
      await db.update(runs).set(values).where(eq(runs.id, id));
      return;
    }
  }
}

export interface JournalStep {
  action: string;
  changes: Change[];
}

/** Reverts the newest active action; null when there is nothing to undo. */
export async function undo(db: Db, runId: number): Promise<JournalStep | null> {
  const [event] = await db
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.undone, false)))
    .orderBy(desc(runEvents.id))
    .limit(1);
  if (!event) return null;
  const changes = event.changes as Change[];
  for (const change of [...changes].reverse()) await apply(db, change, 'before');
  await db.update(runEvents).set({ undone: true }).where(eq(runEvents.id, event.id));
  return { action: event.action, changes };
}

/** Re-applies the oldest undone action; null when there is nothing to redo. */
export async function redo(db: Db, runId: number): Promise<JournalStep | null> {
  const [event] = await db
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.undone, true)))
    .orderBy(asc(runEvents.id))
    .limit(1);
  if (!event) return null;
  const changes = event.changes as Change[];
  for (const change of changes) await apply(db, change, 'after');
  await db.update(runEvents).set({ undone: false }).where(eq(runEvents.id, event.id));
  return { action: event.action, changes };
}

/** Counts of undo and redo steps available (for dashboards' button states). */
export async function journalDepth(db: Db, runId: number): Promise<{ undo: number; redo: number }> {
  const [row] = await db
    .select({
      undo: sql<number>`count(*) filter (where not ${runEvents.undone})::int`,
      redo: sql<number>`count(*) filter (where ${runEvents.undone})::int`,
    })
    .from(runEvents)
    .where(eq(runEvents.runId, runId));
  return { undo: Number(row?.undo ?? 0), redo: Number(row?.redo ?? 0) };
}
