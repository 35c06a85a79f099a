/** `/runs/` and `/dashboard/`: the signed-in user's runs, with Continue / See results, and a create link. */
import { useEffect, useState } from 'preact/hooks';
import { RequireAuth } from '../../components/RequireAuth.js';
import { Link, useTitle } from '../../router/router.js';
import { listRuns } from './api.js';
import type { RunInfo } from './model.js';

function RunsList() {
  const [runs, setRuns] = useState<RunInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listRuns().then(setRuns, (err: Error) => setError(err.message));
  }, []);
  return (
    <section class="page" aria-labelledby="page-title">
      <div class="page-header">
        <h1 id="page-title">Your runs</h1>
        <Link class="button" href="/runs/create/">
          New run
        </Link>
      </div>
      {error ? <p class="notice notice-error">{error}</p> : null}
      {runs === null && !error ? <p class="loading">Loading…</p> : null}
      {runs && runs.length === 0 ? <p class="empty">No runs yet. Create one to start counting.</p> : null}
      {runs && runs.length > 0 ? (
        <div class="card table-wrap">
          <table class="runs-table">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Game</th>
                <th scope="col">Mode</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td>{run.name}</td>
                  <td>{run.game_name}</td>
                  <td>{run.mode === 'SPEEDRUN' ? 'Speedrun' : 'Wipe counter'}</td>
                  <td>{run.is_finished ? 'Finished' : 'In progress'}</td>
                  <td>
                    <Link href={`/runs/${run.id}/`}>{run.is_finished ? 'See results' : 'Continue'}</Link>
                    {run.youtube_link ? (
                      <>
                        {' · '}
                        <a href={run.youtube_link} rel="noopener noreferrer" target="_blank">
                          VOD
                        </a>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function RunsListPage() {
  useTitle('Runs');
  return (
    <RequireAuth>
      <RunsList />
    </RequireAuth>
  );
}
