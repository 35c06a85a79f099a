/**
 * The speedrun dashboard: the server owns every timer (start instant + paused total); this page
 * shows `paused + (server now − start)` using the clock offset, so all screens read the same.
 */
import { useState } from 'preact/hooks';
import { formatTime, timerSeconds } from './model.js';
import { RunTools } from './RunTools.js';
import { useRunSocket } from './use-run-socket.js';

export function SpeedrunDashboard({ runId }: { runId: number }) {
  const { state, status, send, serverNow } = useRunSocket(`/ws/runs/${runId}/timer/`, {
    withToken: true,
    tickMs: 100,
  });
  const [name, setName] = useState('');
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
      <div style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)' }}>
        <div class="card">
          <p>
            <button
              class="button"
              type="button"
              onClick={() => send({ type: 'split' })}
              disabled={!run || run.is_finished}
            >
              Split
            </button>
          </p>
          <table style={{ width: '100%' }}>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Time</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.segments.map((s) => (
                <tr key={s.id} data-segment={s.id}>
                  <td>{s.segment_name}</td>
                  <td class="timer-value" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatTime(timerSeconds(s, now))}
                  </td>
                  <td>{s.is_finished ? 'Finished' : s.started_at_ms ? 'Running' : 'Paused'}</td>
                  <td>
                    {!s.is_finished ? (
                      <>
                        {s.started_at_ms ? (
                          <button
                            class="button"
                            type="button"
                            onClick={() => send({ type: 'pause_timer', segment_id: s.id })}
                          >
                            Pause
                          </button>
                        ) : (
                          <button
                            class="button"
                            type="button"
                            onClick={() => send({ type: 'start_timer', segment_id: s.id })}
                          >
                            Start
                          </button>
                        )}{' '}
                        <button
                          class="button"
                          type="button"
                          onClick={() => send({ type: 'finish_timer', segment_id: s.id })}
                        >
                          Finish
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td class="timer-total">{formatTime(total)}</td>
              </tr>
            </tfoot>
          </table>
          {run && !run.is_finished ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (!name.trim()) return;
                send({ type: 'new_segment', segment_name: name.trim(), elapsed_time: 0, is_finished: false });
                setName('');
              }}
            >
              <label for="segment-name">New segment</label>{' '}
              <input
                id="segment-name"
                maxLength={50}
                value={name}
                onInput={(e) => setName((e.target as HTMLInputElement).value)}
              />{' '}
              <button class="button" type="submit">
                Add segment
              </button>
            </form>
          ) : null}
        </div>
        <RunTools state={state} send={send} />
      </div>
    </section>
  );
}
