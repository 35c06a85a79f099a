import { describe, expect, it } from 'vitest';
import { applyFrame, emptyState, formatTime, timerSeconds } from './model.js';

describe('runs client model', () => {
  it('[RUNS-16] formats m:ss.t and h:mm:ss.t', () => {
    expect(formatTime(0)).toBe('0:00.0');
    expect(formatTime(75.46)).toBe('1:15.4');
    expect(formatTime(3600)).toBe('1:00:00.0');
    expect(formatTime(3725.99)).toBe('1:02:05.9');
    expect(formatTime(-3)).toBe('0:00.0');
  });
  it('[RUNS-14] snapshot then frames give the same state on every screen', () => {
    let state = applyFrame(
      emptyState,
      {
        type: 'snapshot',
        run: { id: 1, name: 'r', is_finished: false },
        segments: [{ id: 5, segment_name: 'A', is_finished: false, elapsed_time: 2, started_at_ms: null }],
        undo: 0,
        redo: 0,
      },
      0,
    );
    state = applyFrame(
      state,
      { type: 'start_timer', segment_id: 5, elapsed_time: 2, started_at: new Date(10_000).toISOString() },
      10_000,
    );
    expect(timerSeconds(state.segments[0]!, 13_500)).toBe(5.5);
    state = applyFrame(state, { type: 'pause_timer', segment_id: 5, elapsed_time: 5.5 }, 13_500);
    expect(timerSeconds(state.segments[0]!, 99_000)).toBe(5.5);
    state = applyFrame(
      state,
      { type: 'new_segment', segment_id: 6, segment_name: 'B', count: 0, is_finished: false },
      0,
    );
    state = applyFrame(state, { type: 'wipe_update', segment_id: 6, count: 3 }, 0);
    expect(state.segments.map((s) => s.id)).toEqual([5, 6]);
    expect(state.segments[1]?.count).toBe(3);
    state = applyFrame(state, { type: 'error', error: { count: ['bad'] } }, 0);
    expect(state.error).toBe('count: bad');
  });
});
