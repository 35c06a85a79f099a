/**
 * Wipe-counter operations inside an action scope (the run is locked): each writes its rows, notes
 * the before/after images for undo, and queues the seed-shaped broadcast with `user`.
 */
import { and, desc, eq } from 'drizzle-orm';
import { runPulls, runs, wipeCounters } from '../../storage/schema/index.js';
import { ActionError, type ActionScope } from './actions.js';
import { pullImage, runImage, wipeImage } from './journal.js';
import { findWipe, listTimers, listWipes, type WipeRow } from './store.js';
import { stopTimer } from './timer-ops.js';

export const SEGMENT_NOT_FOUND = 'Segment not found';

async function segment(scope: ActionScope, id: number): Promise<WipeRow> {
  const row = await findWipe(scope.tx, scope.run.id, id);
  if (!row) throw new ActionError({ segment_id: [SEGMENT_NOT_FOUND] }, 404);
  return row;
}

export interface WipeChange {
  segmentId: number;
  /** Absolute value (the seed's `wipe_update {count}`)... */
  count?: number | undefined;
  /** ...or an increment (`op: "inc"`), clamped at 0, so two controllers never lose a wipe. */
  by?: number | undefined;
  progress?: number | null | undefined;
  note?: string | null | undefined;
}

/** Sets or increments a counter; a positive increment also records an attempt ("pull"). */
export async function changeWipe(scope: ActionScope, change: WipeChange): Promise<WipeRow> {
  const before = await segment(scope, change.segmentId);
  const count =
    change.by !== undefined
      ? Math.max(0, before.count + change.by)
      : Math.max(0, change.count ?? before.count);
  const [after] = await scope.tx
    .update(wipeCounters)
    .set({ count })
    .where(eq(wipeCounters.id, before.id))
    .returning();
  if (!after) throw new ActionError({ segment_id: [SEGMENT_NOT_FOUND] }, 404);
  scope.changes.push({ entity: 'wipe', before: wipeImage(before), after: wipeImage(after) });
  const frame: Record<string, unknown> = {
    type: 'wipe_update',
    segment_id: after.id,
    count: after.count,
    user: scope.user,
  };
  const hasPullInfo = (change.progress ?? null) !== null || (change.note ?? null) !== null;
  if ((change.by !== undefined && change.by > 0) || hasPullInfo) {
    const [pull] = await scope.tx
      .insert(runPulls)
      .values({
        runId: scope.run.id,
        segmentId: after.id,
        progress: change.progress ?? null,
        note: change.note ?? null,
        createdAt: new Date(scope.now),
      })
      .returning();
    if (pull) scope.changes.push({ entity: 'pull', before: null, after: pullImage(pull) });
    if (hasPullInfo) Object.assign(frame, { progress: change.progress ?? null, note: change.note ?? null });
  }
  scope.out.push({ kind: 'wipe', frame });
  return after;
}

export interface NewSegment {
  segmentId?: number | undefined;
  name: string;
  count?: number | undefined;
  isFinished?: boolean | undefined;
}

/**
 * A segment from a dashboard. The seed's pages POST first and then announce the id they got: that
 * relays the stored row (updated to what was sent). Without a known id the segment is created here.
 */
export async function newWipeSegment(scope: ActionScope, input: NewSegment): Promise<WipeRow> {
  const values = { segmentName: input.name, count: input.count ?? 0, isFinished: input.isFinished ?? false };
  const existing =
    input.segmentId !== undefined ? await findWipe(scope.tx, scope.run.id, input.segmentId) : undefined;
  let row: WipeRow | undefined;
  if (existing) {
    [row] = await scope.tx
      .update(wipeCounters)
      .set(values)
      .where(eq(wipeCounters.id, existing.id))
      .returning();
  } else {
    [row] = await scope.tx
      .insert(wipeCounters)
      .values({ runId: scope.run.id, ...values })
      .returning();
  }
  if (!row) throw new Error('segment write returned no row');
  scope.changes.push({
    entity: 'wipe',
    before: existing ? wipeImage(existing) : null,
    after: wipeImage(row),
  });
  scope.out.push({
    kind: 'wipe',
    frame: {
      type: 'new_segment',
      segment_id: row.id,
      segment_name: row.segmentName,
      count: row.count,
      is_finished: row.isFinished,
      user: scope.user,
    },
  });
  return row;
}

export async function finishWipeSegment(scope: ActionScope, segmentId: number): Promise<void> {
  const before = await segment(scope, segmentId);
  const [after] = await scope.tx
    .update(wipeCounters)
    .set({ isFinished: true })
    .where(eq(wipeCounters.id, before.id))
    .returning();
  if (after) scope.changes.push({ entity: 'wipe', before: wipeImage(before), after: wipeImage(after) });
  scope.out.push({
    kind: 'wipe',
    frame: { type: 'segment_finished', segment_id: before.id, user: scope.user },
  });
}

/** The newest unfinished segment (what a Stream Deck "+1" means), or the one named. */
export async function currentWipeSegment(scope: ActionScope, segmentId?: number): Promise<WipeRow> {
  if (segmentId !== undefined) return segment(scope, segmentId);
  const [row] = await scope.tx
    .select()
    .from(wipeCounters)
    .where(and(eq(wipeCounters.runId, scope.run.id), eq(wipeCounters.isFinished, false)))
    .orderBy(desc(wipeCounters.id))
    .limit(1);
  if (!row) throw new ActionError('No open segment', 409);
  return row;
}

/**
 * Finishes the run: the run and every segment (counters, and timers, which are paused at their
 * current time) are marked finished, as the seed's "Finish run" button did with its PATCH calls.
 */
export async function finishRun(scope: ActionScope, kind: 'wipe' | 'timer'): Promise<void> {
  const { tx, run } = scope;
  const [after] = await tx.update(runs).set({ isFinished: true }).where(eq(runs.id, run.id)).returning();
  if (after) scope.changes.push({ entity: 'run', before: runImage(run), after: runImage(after) });
  for (const w of await listWipes(tx, run.id)) {
    if (w.isFinished) continue;
    await tx.update(wipeCounters).set({ isFinished: true }).where(eq(wipeCounters.id, w.id));
    scope.changes.push({
      entity: 'wipe',
      before: wipeImage(w),
      after: wipeImage({ ...w, isFinished: true }),
    });
  }
  for (const t of await listTimers(tx, run.id)) {
    if (!t.isFinished || t.startedAt) await stopTimer(scope, t, { finish: true, announce: false });
  }
  const frame =
    kind === 'wipe'
      ? { type: 'run_finished', user: scope.user }
      : { type: 'run_finished', user: scope.user, is_finished: true };
  scope.out.push({ kind, frame });
}
