/**
 * The speedrun dashboard: the server owns every timer (start instant + paused total); this page
 * shows `paused + (server now − start)` using the clock offset, so all screens read the same.
 */
import { formatTime, timerSeconds } from './model.js';
import { RunTools } from './RunTools.js';
import { useRunSocket } from './use-run-socket.js';
import { NewSegmentForm } from './NewSegmentForm.js';

export function SpeedrunDashboard({ runId }: { runId: number }) {
  const { state, status, send, serverNow } = useRunSocket(`/ws/runs/${runId}/timer/`, {
    withToken: true,
    tickMs: 100,
  });
  const now = serverNow();
  const total = state.segments.reduce((sum, s) => sum + timerSeconds(s, now), 0);
  const run = state.run;

  return (
    <section class="page run-dashboard" aria-labelledby="page-title">
      <h1 id="page-title">{run ? `${run.name} — ${run.game_name}` : 'Run'}</h1>
      <p role="status" class="connection" data-status={status}>
        {status === 'open' ? 'Live' : 'Reconnecting…'}
      </p>
      {state.error ? (
        <p class="notice notice-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <div class="layout-sidebar">
        <div class="card stack">
          <p class="actions">
            <button
              class="button"
              type="button"
              onClick={() => send({ type: 'split' })}
              disabled={!run || run.is_finished}
            >
              Split
            </button>
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Segment</th>
                  <th scope="col" class="num">
                    Time
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.segments.length === 0 ? (
                  <tr>
                    <td colSpan={4} class="muted">
                      No segments yet. Add the first one below, then start its timer.
                    </td>
                  </tr>
                ) : null}
                {state.segments.map((s) => (
                  <tr key={s.id} data-segment={s.id}>
                    <td>{s.segment_name}</td>
                    <td class="timer-value num">{formatTime(timerSeconds(s, now))}</td>
                    <td>{s.is_finished ? 'Finished' : s.started_at_ms ? 'Running' : 'Paused'}</td>
                    <td>
                      {!s.is_finished ? (
                        <div class="actions">
                          {s.started_at_ms ? (
                            <button
                              class="button button-small"
                              type="button"
                              onClick={() => send({ type: 'pause_timer', segment_id: s.id })}
                            >
                              Pause
                            </button>
                          ) : (
                            <button
                              class="button button-small"
                              type="button"
                              onClick={() => send({ type: 'start_timer', segment_id: s.id })}
                            >
                              Start
                            </button>
                          )}
                          <button
                            class="button button-secondary button-small"
                            type="button"
                            onClick={() => send({ type: 'finish_timer', segment_id: s.id })}
                          >
                            Finish
                          </button>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td class="timer-total num">{formatTime(total)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          {run && !run.is_finished ? (
            <NewSegmentForm
              onAdd={(segment_name) =>
                send({ type: 'new_segment', segment_name, elapsed_time: 0, is_finished: false })
              }
            />
          ) : null}
        </div>
        <RunTools state={state} send={send} />
      </div>
    </section>
  );
}
