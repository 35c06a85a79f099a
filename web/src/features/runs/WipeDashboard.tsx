/** The wipe counter dashboard: +1 / −1 per segment (increments, so two controllers never clash), finish, add. */
import { useState } from 'preact/hooks';
import { RunTools } from './RunTools.js';
import { useRunSocket } from './use-run-socket.js';
import { NewSegmentForm } from './NewSegmentForm.js';

export function WipeDashboard({ runId }: { runId: number }) {
  const { state, status, send } = useRunSocket(`/ws/runs/${runId}/`, { withToken: true, tickMs: 1000 });
  const [progress, setProgress] = useState('');
  const total = state.segments.reduce((sum, s) => sum + (s.count ?? 0), 0);
  const run = state.run;

  const wipe = (id: number, by: number) => {
    const p = Number(progress);
    send({
      type: 'wipe_update',
      segment_id: id,
      op: 'inc',
      by,
      ...(by > 0 && progress.trim() && Number.isFinite(p) ? { progress: p } : {}),
    });
    setProgress('');
  };

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
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Segment</th>
                  <th scope="col" class="num">
                    Wipes
                  </th>
                  <th scope="col">Best</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.segments.length === 0 ? (
                  <tr>
                    <td colSpan={5} class="muted">
                      No segments yet. Add the first one below.
                    </td>
                  </tr>
                ) : null}
                {state.segments.map((s) => (
                  <tr key={s.id} data-segment={s.id}>
                    <td>{s.segment_name}</td>
                    <td class="wipe-count num">{s.count ?? 0}</td>
                    <td>{s.best_progress != null ? `${s.best_progress}%` : '—'}</td>
                    <td>{s.is_finished ? 'Finished' : 'In Progress'}</td>
                    <td>
                      {!s.is_finished ? (
                        <div class="actions">
                          <button
                            class="button button-small"
                            type="button"
                            aria-label={`Add a wipe to ${s.segment_name}`}
                            onClick={() => wipe(s.id, 1)}
                          >
                            +1
                          </button>
                          <button
                            class="button button-small"
                            type="button"
                            aria-label={`Remove a wipe from ${s.segment_name}`}
                            disabled={(s.count ?? 0) === 0}
                            onClick={() => wipe(s.id, -1)}
                          >
                            −1
                          </button>
                          <button
                            class="button button-secondary button-small"
                            type="button"
                            onClick={() => send({ type: 'segment_finished', segment_id: s.id })}
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
                  <td class="wipe-total num">{total}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <label class="inline-control">
            Best progress of the next wipe (%, optional)
            <input
              type="number"
              min={0}
              max={100}
              step="0.1"
              value={progress}
              onInput={(e) => setProgress((e.target as HTMLInputElement).value)}
            />
          </label>
          {run && !run.is_finished ? (
            <NewSegmentForm
              onAdd={(segment_name) =>
                send({ type: 'new_segment', segment_name, count: 0, is_finished: false })
              }
            />
          ) : null}
        </div>
        <RunTools state={state} send={send} />
      </div>
    </section>
  );
}
