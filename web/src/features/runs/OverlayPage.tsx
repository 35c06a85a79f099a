/**
 * OBS overlays `/overlay/runs/<id>/` and `/overlay/runs/<id>/timer/`: transparent, no dialogs, the
 * game, run, the last N (10) segments and the total, themed by URL parameters. They reconnect
 * forever and redraw from a server snapshot; timers tick from the server's start instant.
 */
import { useLocation, useTitle, type PageProps } from '../../router/router.js';
import { formatTime, timerSeconds } from './model.js';
import { parseTheme } from './theme.js';
import { useRunSocket } from './use-run-socket.js';

function Overlay({ runId, timer }: { runId: string; timer: boolean }) {
  const location = useLocation();
  const theme = parseTheme(location.search);
  const { state, serverNow } = useRunSocket(
    timer ? `/ws/overlay/runs/${runId}/timer/` : `/ws/overlay/runs/${runId}/`,
    {
      withToken: false,
      tickMs: timer ? 100 : 1000,
    },
  );
  useTitle('Overlay');
  const now = serverNow();
  const shown = state.segments.slice(-theme.limit);
  const has = (f: Parameters<typeof theme.fields.has>[0]) => theme.fields.has(f);
  const total = timer
    ? state.segments.reduce((sum, s) => sum + timerSeconds(s, now), 0)
    : state.segments.reduce((sum, s) => sum + (s.count ?? 0), 0);
  return (
    <div
      class="run-overlay"
      data-loaded={state.loaded ? '1' : '0'}
      style={{
        color: theme.color,
        background: theme.background,
        fontFamily: theme.font,
        fontSize: `${theme.size}px`,
        padding: '0.5em',
        lineHeight: 1.3,
      }}
    >
      {state.run && has('game') ? (
        <div class="overlay-game" style={{ opacity: 0.8 }}>
          {state.run.game_name}
        </div>
      ) : null}
      {state.run && has('run') ? (
        <div class="overlay-run" style={{ fontWeight: 700 }}>
          {state.run.name}
        </div>
      ) : null}
      {has('segments') ? (
        <table style={{ borderCollapse: 'collapse' }}>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id} data-segment={s.id}>
                <td style={{ paddingRight: '1em' }}>{s.segment_name}</td>
                <td
                  class={timer ? 'overlay-time' : 'overlay-count'}
                  style={{
                    textAlign: 'right',
                    fontVariantNumeric: 'tabular-nums',
                    color: s.started_at_ms ? theme.accent : undefined,
                  }}
                >
                  {timer ? formatTime(timerSeconds(s, now)) : (s.count ?? 0)}
                </td>
                {!timer && has('progress') ? (
                  <td style={{ paddingLeft: '1em' }}>
                    {s.best_progress != null ? `${s.best_progress}%` : ''}
                  </td>
                ) : null}
                {!timer && has('pulls') ? <td style={{ paddingLeft: '1em' }}>{s.pulls ?? 0} pulls</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {has('total') ? (
        <div class="overlay-total" style={{ color: theme.accent, fontWeight: 700 }}>
          Total: {timer ? formatTime(total) : total}
        </div>
      ) : null}
      {state.run?.is_finished && has('status') ? <div class="overlay-status">Finished</div> : null}
    </div>
  );
}

export function WipeOverlayPage({ params }: PageProps) {
  return <Overlay runId={params.id ?? ''} timer={false} />;
}

export function TimerOverlayPage({ params }: PageProps) {
  return <Overlay runId={params.id ?? ''} timer />;
}
