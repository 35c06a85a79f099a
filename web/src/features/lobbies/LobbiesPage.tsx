/** Lobby list with public/status/search filters and pages of 20, plus the create form for premium users. */
import { useEffect, useState } from 'preact/hooks';
import { api, useAuth } from '../../api/session.js';
import { RequireAuth } from '../../components/RequireAuth.js';
import { navigate, useTitle } from '../../router/router.js';
import { STATUS_LABEL, type LobbyItem, type Page } from './types.js';
import { Pager } from '../../components/Pager.js';

function CreateLobby() {
  const [name, setName] = useState('');
  const [isPublic, setPublic] = useState(true);
  const [max, setMax] = useState('8');
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      const lobby = await api<LobbyItem>('/api/lobbies/', {
        method: 'POST',
        body: { name, is_public: isPublic, max_participants: Number(max) },
      });
      navigate(`/lobbies/${lobby.id}/`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="card form" onSubmit={submit} aria-label="Create a lobby">
      <h2>Create a lobby</h2>
      <label>
        Name{' '}
        <input
          name="name"
          value={name}
          maxLength={100}
          required
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label>
        Max participants{' '}
        <input
          name="max_participants"
          type="number"
          min={2}
          max={50}
          value={max}
          onInput={(e) => setMax(e.currentTarget.value)}
        />
      </label>
      <label>
        <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.currentTarget.checked)} />{' '}
        Public
      </label>
      <button type="submit">Create</button>
      {error && (
        <p role="alert" class="notice notice-error">
          {error}
        </p>
      )}
    </form>
  );
}

function LobbyList() {
  const { user } = useAuth();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [publicOnly, setPublicOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<LobbyItem> | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let alive = true;
    const query = new URLSearchParams();
    if (publicOnly) query.set('public', '1');
    if (status) query.set('status', status);
    if (search.trim()) query.set('search', search.trim());
    if (page > 1) query.set('page', String(page));
    api<Page<LobbyItem>>(`/api/lobbies/?${query.toString()}`).then(
      (d) => alive && (setData(d), setError('')),
      (err: Error) => alive && setError(err.message),
    );
    return () => {
      alive = false;
    };
  }, [search, status, publicOnly, page]);

  const join = async (id: number) => {
    try {
      await api(`/api/lobbies/${id}/join/`, { method: 'POST' });
    } catch (err) {
      // "Already in lobby" is fine: open it anyway; anything else is shown.
      if (!/Already in lobby/.test((err as Error).message)) return setError((err as Error).message);
    }
    navigate(`/lobbies/${id}/`);
  };

  return (
    <section>
      <h2 class="section-title section">Find a lobby</h2>
      <form
        class="form filters"
        role="search"
        aria-label="Filter lobbies"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          Search{' '}
          <input
            name="search"
            type="search"
            value={search}
            onInput={(e) => (setSearch(e.currentTarget.value), setPage(1))}
          />
        </label>
        <label>
          Status{' '}
          <select
            name="status"
            value={status}
            onChange={(e) => (setStatus(e.currentTarget.value), setPage(1))}
          >
            <option value="">Any</option>
            <option value="open">Open</option>
            <option value="in_game">In game</option>
            <option value="closed">Closed</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={publicOnly}
            onChange={(e) => (setPublicOnly(e.currentTarget.checked), setPage(1))}
          />{' '}
          Public only
        </label>
      </form>
      {error && (
        <p role="alert" class="notice notice-error">
          {error}
        </p>
      )}
      {!data ? (
        <p role="status" class="loading">
          Loading lobbies…
        </p>
      ) : data.results.length === 0 ? (
        <p class="empty">No lobbies match.</p>
      ) : (
        <ul class="room-list item-list" aria-label="Lobbies">
          {data.results.map((l) => (
            <li key={l.id}>
              <span class="item-main">
                <a class="item-title" href={`/lobbies/${l.id}/`}>
                  {l.name}
                </a>{' '}
                <span class="muted">by {l.owner.username}</span>
              </span>
              <span class="badge badge-muted">{STATUS_LABEL[l.status]}</span>
              <span class="muted">
                {l.current_participants_count}/{l.max_participants}
                {l.is_public ? '' : ' · private'}
              </span>{' '}
              {l.owner.id !== user?.id && (
                <button
                  class="button-small"
                  type="button"
                  disabled={l.is_full || l.status !== 'open'}
                  onClick={() => void join(l.id)}
                >
                  Join
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {data && <Pager page={page} data={data} onPage={setPage} />}
    </section>
  );
}

export function LobbiesPage() {
  useTitle('Lobbies');
  const { user } = useAuth();
  return (
    <RequireAuth>
      <div>
        <h1>Lobbies</h1>
        {user?.is_premium ? (
          <CreateLobby />
        ) : (
          <p class="lead">Premium members can create lobbies; everyone can join and chat.</p>
        )}
        <LobbyList />
      </div>
    </RequireAuth>
  );
}
