/**
 * The run page's side panel: undo/redo, finish, export, overlay links and builder, stats, the
 * control token for Stream Deck / hotkeys, the YouTube link, and the poll link.
 */
import { useState } from 'preact/hooks';
import { auth } from '../../api/session.js';
import { Link } from '../../router/router.js';
import { issueControlToken, revokeControlToken, updateRun } from './api.js';
import type { RunInfo, RunState } from './model.js';

async function downloadExport(run: RunInfo): Promise<void> {
  const token = await auth.accessToken();
  const response = await fetch(`/api/runs/${run.id}/export/`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new Error(`Export failed (${response.status})`);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = run.mode === 'SPEEDRUN' ? `speedrun_run_${run.id}.xlsx` : `wipes_run_${run.id}.xlsx`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RunTools(props: { state: RunState; send: (frame: Record<string, unknown>) => void }) {
  const { state, send } = props;
  const run = state.run;
  const [control, setControl] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [youtube, setYoutube] = useState<string | null>(null);
  if (!run) return null;
  const origin = window.location.origin;
  const overlayPath = run.mode === 'SPEEDRUN' ? `/overlay/runs/${run.id}/timer/` : `/overlay/runs/${run.id}/`;

  return (
    <aside class="card run-tools stack" aria-label="Run tools">
      <div class="actions">
        <button
          class="button button-secondary"
          type="button"
          onClick={() => send({ type: 'undo' })}
          disabled={state.undo === 0}
        >
          Undo
        </button>
        <button
          class="button button-secondary"
          type="button"
          onClick={() => send({ type: 'redo' })}
          disabled={state.redo === 0}
        >
          Redo
        </button>
      </div>
      {!run.is_finished ? (
        <button
          class="button"
          type="button"
          onClick={() => confirm('Finish this run?') && send({ type: 'run_finished' })}
        >
          Finish run
        </button>
      ) : (
        <p>This run is finished.</p>
      )}
      <button
        class="button button-secondary"
        type="button"
        onClick={() => downloadExport(run).catch((e: Error) => setNote(e.message))}
      >
        Export xlsx
      </button>
      <div>
        <p class="field-hint">OBS overlay</p>
        <p class="copy-row">
          <a class="url" href={overlayPath}>{`${origin}${overlayPath}`}</a>
          <button
            class="button button-secondary button-small"
            type="button"
            onClick={() => void navigator.clipboard?.writeText(`${origin}${overlayPath}`)}
          >
            Copy
          </button>
        </p>
      </div>
      <p>
        <Link href={`/runs/${run.id}/overlay-builder/`}>Overlay builder</Link> ·{' '}
        <Link href={`/runs/${run.id}/stats/`}>Stats</Link> ·{' '}
        <a href={`/polls/create/?run=${run.id}`}>Poll for this run</a>
      </p>
      <details>
        <summary>Stream Deck / hotkeys</summary>
        {control ? (
          <p>
            Control URLs (keep them secret):
            <br />
            <code>{`POST ${origin}/api/control/${control}/wipe/`}</code>
            <br />
            <code>{`POST ${origin}/api/control/${control}/undo/`}</code>
            <br />
            <code>{`POST ${origin}/api/control/${control}/timer/start/ | pause/ | split/`}</code>
          </p>
        ) : null}
        <div class="actions">
          <button
            class="button button-secondary button-small"
            type="button"
            onClick={() =>
              issueControlToken(run.id).then(
                (r) => setControl(r.token),
                (e: Error) => setNote(e.message),
              )
            }
          >
            New control token
          </button>
          <button
            class="button button-secondary button-small"
            type="button"
            onClick={() =>
              revokeControlToken(run.id).then(
                () => setControl(null),
                (e: Error) => setNote(e.message),
              )
            }
          >
            Revoke
          </button>
        </div>
      </details>
      <form
        class="form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          updateRun(run.id, { youtube_link: (youtube ?? run.youtube_link ?? '').trim() || null }).then(
            () => setNote('YouTube link saved.'),
            (err: Error) => setNote(err.message),
          );
        }}
      >
        <label class="grow">
          YouTube link
          <input
            id="run-yt"
            type="url"
            value={youtube ?? run.youtube_link ?? ''}
            onInput={(e) => setYoutube((e.target as HTMLInputElement).value)}
          />
        </label>
        <button class="button button-secondary" type="submit">
          Save
        </button>
      </form>
      {note ? <p role="status">{note}</p> : null}
    </aside>
  );
}
