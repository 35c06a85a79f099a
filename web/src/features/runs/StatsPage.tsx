/** `/runs/<id>/stats/`: wipes per segment (bar chart), pulls and best progress, time per segment. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { chartTheme, themedScales } from '../../components/chart-theme.js';
import { RequireAuth } from '../../components/RequireAuth.js';
import { Link, useTitle, type PageProps } from '../../router/router.js';
import { getStats, type Stats } from './api.js';
import { formatTime } from './model.js';

function StatsView({ id }: { id: string }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    getStats(id).then(setStats, (err: Error) => setError(err.message));
  }, [id]);
  const speedrun = stats?.run.mode === 'SPEEDRUN';
  useEffect(() => {
    if (!stats || !canvas.current) return;
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    void import('chart.js/auto').then(({ default: Chart }) => {
      if (cancelled || !canvas.current) return;
      const rows = speedrun
        ? stats.timers.map((t) => [t.segment_name, t.elapsed_time ?? 0] as const)
        : stats.wipes.map((w) => [w.segment_name, w.count] as const);
      chart = new Chart(canvas.current, {
        type: 'bar',
        data: {
          labels: rows.map((r) => r[0]),
          datasets: [
            {
              label: speedrun ? 'Seconds' : 'Wipes',
              data: rows.map((r) => r[1]),
              backgroundColor: 'rgba(75,192,192,0.7)',
            },
          ],
        },
        options: {
          indexAxis: 'y',
          animation: false,
          color: chartTheme().text,
          scales: themedScales({ beginAtZero: true }),
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [stats, speedrun]);
  if (error) return <p class="page notice notice-error">{error}</p>;
  if (!stats) return <p class="page loading">Loading…</p>;
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Stats: {stats.run.name}</h1>
      <p>
        <Link href={`/runs/${id}/`}>Back to the run</Link>
      </p>
      <p class="stat-value">
        {speedrun ? `Total time ${formatTime(stats.total_time ?? 0)}` : `Total wipes ${stats.total_wipes}`}
      </p>
      <div class="card chart-card">
        <canvas ref={canvas} aria-label={speedrun ? 'Time per segment' : 'Wipes per segment'} role="img" />
      </div>
      <h2 class="section">Segments</h2>
      <div class="card table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col">{speedrun ? 'Time' : 'Wipes'}</th>
              {!speedrun ? <th scope="col">Pulls logged</th> : null}
              {!speedrun ? <th scope="col">Best progress</th> : null}
            </tr>
          </thead>
          <tbody>
            {speedrun
              ? stats.timers.map((t) => (
                  <tr key={t.id}>
                    <td>{t.segment_name}</td>
                    <td>{formatTime(t.elapsed_time ?? 0)}</td>
                  </tr>
                ))
              : stats.wipes.map((w) => (
                  <tr key={w.id}>
                    <td>{w.segment_name}</td>
                    <td>{w.count}</td>
                    <td>{w.pulls}</td>
                    <td>{w.best_progress != null ? `${w.best_progress}%` : '—'}</td>
                  </tr>
                ))}
            {(speedrun ? stats.timers : stats.wipes).length === 0 ? (
              <tr>
                <td colSpan={speedrun ? 2 : 4} class="muted">
                  No segments yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function StatsPage({ params }: PageProps) {
  useTitle('Run stats');
  return (
    <RequireAuth>
      <StatsView id={params.id ?? ''} />
    </RequireAuth>
  );
}
