/** `/polls/create/`: makes a poll session and shows its three links; signed-in users see their sessions. */
import { useEffect, useState } from 'preact/hooks';
import { api, useAuth } from '../../api/session.js';
import { FormError } from '../../components/Field.js';
import { Link, useQueryParam, useTitle } from '../../router/router.js';

interface SessionLinks {
  session_id: string;
  moderator_url: string;
  viewer_url: string;
  overlay_url: string;
  run_id?: string | null;
  created_at?: string;
}

function LinkRow({ label, path }: { label: string; path: string }) {
  const full = `${location.origin}${path}/`;
  return (
    <p class="copy-row">
      <strong>{label}: </strong>
      <Link class="url" href={`${path}/`}>
        {full}
      </Link>
      <button
        type="button"
        class="button-secondary button-small"
        onClick={() => void navigator.clipboard?.writeText(full)}
      >
        Copy
      </button>
    </p>
  );
}

export function CreatePollPage() {
  useTitle('New poll session');
  const { user } = useAuth();
  const run = useQueryParam('run');
  const [created, setCreated] = useState<SessionLinks | null>(null);
  const [mine, setMine] = useState<SessionLinks[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    api<SessionLinks[]>(`/api/polls/sessions/${run ? `?run=${encodeURIComponent(run)}` : ''}`).then(
      setMine,
      () => setMine([]),
    );
  }, [user, run, created]);

  const create = async () => {
    setError(null);
    try {
      setCreated(
        await api<SessionLinks>('/api/polls/create_session/', {
          method: 'POST',
          body: user && run ? { run_id: run } : {},
        }),
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not create the session.');
    }
  };

  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Live polls</h1>
      <p class="lead">
        Create a poll session, then share the viewer link with your audience and add the overlay link to OBS.
      </p>
      <FormError message={error} />
      <p class="actions">
        <button type="button" onClick={() => void create()}>
          Create poll session{run ? ` for run ${run}` : ''}
        </button>
      </p>
      {created ? (
        <div class="card stack stack-small" data-testid="poll-links">
          <LinkRow label="Moderator (keep secret)" path={created.moderator_url} />
          <LinkRow label="Viewers" path={created.viewer_url} />
          <LinkRow label="OBS overlay" path={created.overlay_url} />
        </div>
      ) : null}
      {user && mine.length > 0 ? (
        <>
          <h2 class="section-title section">Your poll sessions</h2>
          <ul class="item-list">
            {mine.map((s) => (
              <li key={s.session_id}>
                <span class="item-main">
                  <Link class="item-title" href={`${s.moderator_url}/`}>
                    {s.session_id}
                  </Link>
                  {s.run_id ? ` (run ${s.run_id})` : ''}
                </span>
                <span class="muted">{s.created_at ? new Date(s.created_at).toLocaleString() : ''}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
