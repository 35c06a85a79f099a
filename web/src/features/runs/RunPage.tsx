/**
 * `/runs/<id>/`: the wipe counter or speedrun dashboard, by the run's mode. Every button sends one
 * socket action; the server stores it and broadcasts it, and this page redraws from the broadcast.
 */
import { useEffect, useState } from 'preact/hooks';
import { RequireAuth } from '../../components/RequireAuth.js';
import { useTitle, type PageProps } from '../../router/router.js';
import { getRun } from './api.js';
import type { RunInfo } from './model.js';
import { SpeedrunDashboard } from './SpeedrunDashboard.js';
import { WipeDashboard } from './WipeDashboard.js';

function RunLoader({ id }: { id: string }) {
  const [run, setRun] = useState<RunInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getRun(id).then(setRun, (err: Error) => setError(err.message));
  }, [id]);
  useTitle(run ? run.name : 'Run');
  if (error) return <p class="page notice notice-error">{error}</p>;
  if (!run) return <p class="page loading">Loading…</p>;
  return run.mode === 'SPEEDRUN' ? <SpeedrunDashboard runId={run.id} /> : <WipeDashboard runId={run.id} />;
}

export function RunPage({ params }: PageProps) {
  return (
    <RequireAuth>
      <RunLoader id={params.id ?? ''} />
    </RequireAuth>
  );
}
