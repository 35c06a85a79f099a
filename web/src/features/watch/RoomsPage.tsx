/** Watch room discovery (live public rooms with viewer counts) and the create/join forms. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/session.js';
import { RequireAuth } from '../../components/RequireAuth.js';
import { navigate, useTitle } from '../../router/router.js';

interface PublicRoom {
  code: string;
  host: string;
  viewers: number;
  created_at: string;
}

function Discovery() {
  const [rooms, setRooms] = useState<PublicRoom[] | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void api<PublicRoom[]>('/api/rooms/public/').then(
        (r) => alive && setRooms(r),
        () => alive && setRooms([]),
      );
    load();
    const timer = setInterval(load, 5000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  if (!rooms)
    return (
      <p role="status" class="loading">
        Loading rooms…
      </p>
    );
  if (rooms.length === 0) return <p class="empty">No live public rooms right now. Create one below.</p>;
  return (
    <ul class="room-list item-list" aria-label="Live rooms">
      {rooms.map((r) => (
        <li key={r.code}>
          <span class="item-main">
            <a class="item-title" href={`/rooms/${r.code}/`}>
              {r.code}
            </a>{' '}
            hosted by {r.host}
          </span>
          <span class="viewers badge badge-muted">{r.viewers} watching</span>
        </li>
      ))}
    </ul>
  );
}

function CreateForm() {
  const [isPrivate, setPrivate] = useState(false);
  const [mode, setMode] = useState('PASSWORD');
  const [url, setUrl] = useState('');
  const [error, setError] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      const media = url ? { provider: /youtu/.test(url) ? 'youtube' : 'direct', id: url } : undefined;
      const room = await api<{ code: string; room_password?: string }>('/api/rooms/create/', {
        method: 'POST',
        body: { is_private: isPrivate, entry_mode: isPrivate ? mode : null, ...(media ? { media } : {}) },
      });
      if (room.room_password) setPassword(`Room ${room.code}: password ${room.room_password} (shown once)`);
      else navigate(`/rooms/${room.code}/`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="card form" onSubmit={submit} aria-label="Create a room">
      <h2>Create a room</h2>
      <label>
        Video URL (file or YouTube){' '}
        <input name="video" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
      </label>
      <label>
        <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.currentTarget.checked)} />{' '}
        Private
      </label>
      {isPrivate && (
        <label>
          Entry mode
          <select value={mode} onChange={(e) => setMode(e.currentTarget.value)} aria-label="Entry mode">
            <option value="PASSWORD">Password</option>
            <option value="APPROVAL">Host approval</option>
          </select>
        </label>
      )}
      <button type="submit">Create</button>
      {error && (
        <p role="alert" class="notice notice-error">
          {error}
        </p>
      )}
      {password && (
        <p role="status" class="notice notice-success">
          {password}
        </p>
      )}
    </form>
  );
}

function JoinForm() {
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const res = await api<{ code: string; status: string }>('/api/rooms/join/', {
        method: 'POST',
        body: { code: code.trim().toUpperCase(), ...(password ? { password } : {}) },
      });
      if (res.status === 'APPROVED') navigate(`/rooms/${res.code}/`);
      else setMessage('Waiting for the host to approve you. Try again in a moment.');
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <form class="card form" onSubmit={submit} aria-label="Join a room">
      <h2>Join a room</h2>
      <label>
        Code <input name="code" value={code} onInput={(e) => setCode(e.currentTarget.value)} maxLength={6} />
      </label>
      <label>
        Password (private rooms){' '}
        <input
          name="password"
          type="password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <button type="submit">Join</button>
      {message && (
        <p role="status" class="notice">
          {message}
        </p>
      )}
    </form>
  );
}

export function RoomsPage() {
  useTitle('Watch together');
  return (
    <section class="page">
      <h1>Watch together</h1>
      <p class="lead">Watch a video in sync with friends: the host plays, pauses and seeks for everyone.</p>
      <h2 class="section-title">Live rooms</h2>
      <Discovery />
      <RequireAuth>
        <div class="forms section">
          <CreateForm />
          <JoinForm />
        </div>
      </RequireAuth>
    </section>
  );
}
