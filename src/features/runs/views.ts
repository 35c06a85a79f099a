/** The JSON shapes of the runs API (Wiperino's serializers), and the timer arithmetic they need. */
import type { RunView, TimerRow, WipeRow } from './store.js';

export interface RunJson {
  id: number;
  name: string;
  game: number;
  game_name: string;
  mode: string;
  user: string;
  is_finished: boolean;
  youtube_link: string | null;
}

export const runJson = (r: RunView): RunJson => ({
  id: r.id,
  name: r.name,
  game: r.gameId,
  game_name: r.gameName,
  mode: r.mode,
  user: r.username,
  is_finished: r.isFinished,
  youtube_link: r.youtubeLink,
});

/** `run` is the run's name, as the seed's SlugRelatedField. */
export const wipeJson = (w: WipeRow, runName: string) => ({
  id: w.id,
  run: runName,
  segment_name: w.segmentName,
  count: w.count,
  is_finished: w.isFinished,
});

/** Seconds on a timer at `now`: the paused total plus the running stretch since its start instant. */
export function elapsedAt(t: Pick<TimerRow, 'elapsedTime' | 'startedAt'>, now: number): number | null {
  if (!t.startedAt) return t.elapsedTime;
  return (t.elapsedTime ?? 0) + Math.max(0, now - t.startedAt.getTime()) / 1000;
}

/** Rounded to milliseconds so JSON stays short and stable. */
export const roundSeconds = (s: number | null): number | null =>
  s === null ? null : Math.round(s * 1000) / 1000;

/**
 * A timer as REST shows it: `elapsed_time` is the time at `now` (live while running); `started_at`
 * (ISO, null while paused) is extra, for clients that tick on their own.
 */
export const timerJson = (t: TimerRow, runName: string, now: number) => ({
  id: t.id,
  run: runName,
  segment_name: t.segmentName,
  elapsed_time: roundSeconds(elapsedAt(t, now)),
  is_finished: t.isFinished,
  started_at: t.startedAt ? t.startedAt.toISOString() : null,
});
