/**
 * The runs pages' client model: the shapes the server sends and one pure reducer that applies a
 * socket frame (the seed's broadcasts, or a `snapshot`) to the screen state. Dashboards and
 * overlays share it, so they show the same thing from the same frames.
 */

export interface RunInfo {
  id: number;
  name: string;
  game: number;
  game_name: string;
  mode: 'WIPECOUNTER' | 'SPEEDRUN' | string;
  user: string;
  is_finished: boolean;
  youtube_link: string | null;
}

export interface Segment {
  id: number;
  segment_name: string;
  is_finished: boolean;
  count?: number;
  pulls?: number;
  best_progress?: number | null;
  /** Timers: seconds accumulated while paused. */
  elapsed_time?: number | null;
  /** Timers: server instant (ms) of the running stretch's start; null while paused. */
  started_at_ms?: number | null;
}

export interface RunState {
  run: RunInfo | null;
  segments: Segment[];
  undo: number;
  redo: number;
  /** Last error frame, for the dashboard to show. */
  error: string | null;
  loaded: boolean;
}

export const emptyState: RunState = { run: null, segments: [], undo: 0, redo: 0, error: null, loaded: false };

type Frame = Record<string, unknown>;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') {
    return Object.entries(error as Record<string, unknown>)
      .map(
        ([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join(' ') : String(messages)}`,
      )
      .join('; ');
  }
  return 'Something went wrong';
}

function patch(state: RunState, id: unknown, change: (s: Segment) => Segment): RunState {
  return { ...state, segments: state.segments.map((s) => (s.id === id ? change(s) : s)) };
}

/** Applies one frame; `now` is the estimated server time (for freezing running timers). */
export function applyFrame(state: RunState, frame: Frame, now: number): RunState {
  switch (frame.type) {
    case 'snapshot':
      return {
        run: (frame.run as RunInfo | null) ?? null,
        segments: ((frame.segments as Segment[] | undefined) ?? []).map((s) => ({ ...s })),
        undo: num(frame.undo) ?? 0,
        redo: num(frame.redo) ?? 0,
        error: null,
        loaded: true,
      };
    case 'wipe_update':
      return patch(state, frame.segment_id, (s) => ({
        ...s,
        count: num(frame.count) ?? s.count ?? 0,
        ...(frame.progress !== undefined
          ? { best_progress: Math.max(s.best_progress ?? 0, num(frame.progress) ?? 0) }
          : {}),
      }));
    case 'new_segment': {
      const seg: Segment = {
        id: num(frame.segment_id) ?? 0,
        segment_name: String(frame.segment_name ?? ''),
        is_finished: frame.is_finished === true,
        ...(frame.count !== undefined ? { count: num(frame.count) ?? 0 } : {}),
        ...(frame.elapsed_time !== undefined
          ? { elapsed_time: num(frame.elapsed_time) ?? 0, started_at_ms: null }
          : {}),
      };
      const exists = state.segments.some((s) => s.id === seg.id);
      return exists
        ? patch(state, seg.id, (s) => ({ ...s, ...seg }))
        : { ...state, segments: [...state.segments, seg] };
    }
    case 'segment_finished':
      return patch(state, frame.segment_id, (s) => ({ ...s, is_finished: true }));
    case 'start_timer':
      return patch(state, frame.segment_id, (s) => ({
        ...s,
        elapsed_time: num(frame.elapsed_time) ?? s.elapsed_time ?? 0,
        started_at_ms: typeof frame.started_at === 'string' ? Date.parse(frame.started_at) : now,
      }));
    case 'pause_timer':
    case 'finish_timer':
      return patch(state, frame.segment_id, (s) => ({
        ...s,
        elapsed_time: num(frame.elapsed_time) ?? s.elapsed_time ?? 0,
        started_at_ms: null,
        is_finished: frame.type === 'finish_timer' ? true : s.is_finished,
      }));
    case 'run_finished':
      return {
        ...state,
        run: state.run ? { ...state.run, is_finished: true } : state.run,
        segments: state.segments.map((s) => ({
          ...s,
          is_finished: true,
          elapsed_time: timerSeconds(s, now),
          started_at_ms: null,
        })),
      };
    case 'error':
      return { ...state, error: errorText(frame.error) };
    default:
      return state;
  }
}

/** A timer's seconds at server time `now`. */
export function timerSeconds(s: Segment, now: number): number {
  const base = s.elapsed_time ?? 0;
  return s.started_at_ms ? base + Math.max(0, now - s.started_at_ms) / 1000 : base;
}

/** `m:ss.t` under an hour, `h:mm:ss.t` from an hour on (tenths truncated, never rounded up). */
export function formatTime(seconds: number): string {
  const tenthsTotal = Math.floor(Math.max(0, seconds) * 10 + 1e-6);
  const tenths = tenthsTotal % 10;
  const totalSeconds = Math.floor(tenthsTotal / 10);
  const s = totalSeconds % 60;
  const m = Math.floor(totalSeconds / 60) % 60;
  const h = Math.floor(totalSeconds / 3600);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}.${tenths}` : `${m}:${ss}.${tenths}`;
}
