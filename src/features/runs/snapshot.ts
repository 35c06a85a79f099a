/**
 * Snapshots: the whole state a dashboard or overlay needs to redraw, sent on request (`?snapshot=1`,
 * a `{type:"sync"}` frame, a reconnect the recovery window no longer covers) and after undo/redo.
 * Timers carry their start instant and paused total so every screen computes the same time.
 */
import type { Db } from '../../storage/database.js';
import { journalDepth } from './journal.js';
import { findRunView, listTimers, listWipes, pullStats } from './store.js';
import { roundSeconds, runJson, wipeJson, type RunJson } from './views.js';

export type SocketKind = 'wipe' | 'timer';

export interface Snapshot {
  type: 'snapshot';
  reason: string;
  run: RunJson | null;
  segments: Record<string, unknown>[];
  total: number;
  server_time: number;
  undo: number;
  redo: number;
}

export async function buildSnapshot(
  db: Db,
  runId: number,
  kind: SocketKind,
  now: number,
  reason: string,
): Promise<Snapshot> {
  const view = await findRunView(db, runId);
  const base = { type: 'snapshot' as const, reason, server_time: now };
  if (!view) return { ...base, run: null, segments: [], total: 0, undo: 0, redo: 0 };
  const depth = await journalDepth(db, runId);
  if (kind === 'wipe') {
    const [rows, stats] = await Promise.all([listWipes(db, runId), pullStats(db, runId)]);
    const segments = rows.map((w) => ({
      ...wipeJson(w, view.name),
      pulls: stats.get(w.id)?.pulls ?? 0,
      best_progress: stats.get(w.id)?.best ?? null,
    }));
    const total = rows.reduce((sum, w) => sum + w.count, 0);
    return { ...base, run: runJson(view), segments, total, ...depth };
  }
  const rows = await listTimers(db, runId);
  const segments = rows.map((t) => ({
    id: t.id,
    run: view.name,
    segment_name: t.segmentName,
    /** The paused total; while running add (server now - started_at_ms) / 1000. */
    elapsed_time: roundSeconds(t.elapsedTime),
    started_at: t.startedAt ? t.startedAt.toISOString() : null,
    started_at_ms: t.startedAt ? t.startedAt.getTime() : null,
    is_finished: t.isFinished,
  }));
  const total = rows.reduce(
    (sum, t) => sum + (t.elapsedTime ?? 0) + (t.startedAt ? (now - t.startedAt.getTime()) / 1000 : 0),
    0,
  );
  return { ...base, run: runJson(view), segments, total: roundSeconds(total) ?? 0, ...depth };
}
