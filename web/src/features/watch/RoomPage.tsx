/**
 * A watch room: player (HTML5 video on the synced clock, or a YouTube embed), chat, participants
 * with the host badge, host controls and moderation menu, the approval queue, and a sync-quality
 * badge showing the measured drift in ms.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PlaybackClock } from '../../../../src/features/watch/clock.js';
import { api, auth, useAuth } from '../../api/session.js';
import { RequireAuth } from '../../components/RequireAuth.js';
import { RealtimeClient } from '../../realtime/client.js';
import { useTitle, type PageProps } from '../../router/router.js';
import { useSyncedPlayer } from './use-synced-player.js';

type Frame = Record<string, unknown> & { type: string };
interface Member {
  id: string;
  name: string;
  is_host: boolean;
  is_online: boolean;
}
interface Chat {
  user: string;
  message: string;
}

function Room({ code }: { code: string }) {
  const { user } = useAuth();
  const videoRef = useRef<HTMLVideoElement>(null);
  const clientRef = useRef<RealtimeClient<Frame, Frame> | null>(null);
  const youtubeRef = useRef<HTMLDivElement>(null);
  const [clock, setClock] = useState<PlaybackClock | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [chat, setChat] = useState<Chat[]>([]);
  const [notice, setNotice] = useState('');
  const [draft, setDraft] = useState('');
  const [roomId, setRoomId] = useState('');
  const [pending, setPending] = useState<{ user_id: string; name: string }[]>([]);
  const isHost = members.some((m) => m.is_host && m.id === user?.id);
  const sample = useSyncedPlayer(clock, clientRef, videoRef, youtubeRef);

  useEffect(() => {
    const client = new RealtimeClient<Frame, Frame>(`/ws/room/${code}/`, {
      token: () => auth.accessToken(),
      query: { clock: 1 },
      onFrame: (f) => {
        if (f.type === 'PLAYBACK_STATE') setClock(f as unknown as PlaybackClock);
        else if (f.type === 'CHAT_HISTORY') setChat((f.messages as Chat[]) ?? []);
        else if (f.type === 'CHAT_MESSAGE') setChat((c) => [...c.slice(-199), f as unknown as Chat]);
        else if (f.type === 'ROOM_PARTICIPANTS') setMembers((f.members as Member[]) ?? []);
        else if (f.type === 'ERROR') setNotice(String(f.message));
        else if (f.type === 'HOST_DISCONNECTED')
          setNotice(`The host left; the room waits ${String(f.grace_seconds)} s.`);
        else if (f.type === 'HOST_RECONNECTED') setNotice('The host is back.');
        else if (f.type === 'ROOM_DELETED') setNotice('The host deleted this room.');
        else if (f.type === 'ROOM_EXPIRED') setNotice('This room expired.');
        else if (f.type === 'HOST_CHANGED') setNotice(`${String(f.host)} is the new host.`);
      },
      onState: (s) => {
        if (s.status === 'closed' && s.closeCode) setNotice(`Disconnected (${s.closeCode}).`);
      },
    });
    clientRef.current = client;
    void api<{ room: { id: string } }>(`/api/rooms/${code}/`).then(
      (r) => setRoomId(r.room.id),
      () => undefined,
    );
    return () => {
      client.close();
    };
  }, [code]);

  useEffect(() => {
    if (!isHost || !roomId) return;
    const load = () =>
      void api<{ user_id: string; name: string }[]>(`/api/rooms/${roomId}/pending/`).then(
        setPending,
        () => undefined,
      );
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [isHost, roomId]);

  const send = (frame: Frame) => clientRef.current?.send(frame);
  const position = () => videoRef.current?.currentTime ?? clock?.position ?? 0;
  const quality = Math.abs(sample.driftMs) < 50 ? 'good' : Math.abs(sample.driftMs) < 250 ? 'fair' : 'poor';

  return (
    <section class="page watch-room">
      <h1>Room {code}</h1>
      {notice && (
        <p role="status" class="notice">
          {notice}
        </p>
      )}
      <div class="layout-sidebar">
        <div class="stack">
          <div class="player">
            {clock?.media.provider === 'youtube' ? (
              <div ref={youtubeRef} class="youtube-player" data-testid="youtube" />
            ) : (
              <video
                ref={videoRef}
                src={clock?.media.url || undefined}
                playsInline
                muted
                width="640"
                data-testid="video"
              />
            )}
            {clock && clock.media.provider !== 'youtube' && !clock.media.url ? (
              <p class="player-empty">
                No video yet.{' '}
                {isHost ? 'Create a room with a video URL to play one here.' : 'Waiting for the host.'}
              </p>
            ) : null}
            <span
              class={`sync-badge sync-${quality}`}
              data-testid="sync-badge"
              title="Drift from the room clock"
            >
              sync {sample.driftMs} ms
            </span>
          </div>
          {isHost && (
            <div class="host-controls actions" role="group" aria-label="Host controls">
              <button onClick={() => send({ type: 'PLAY', time: position() })}>Play</button>
              <button onClick={() => send({ type: 'PAUSE', time: position() })}>Pause</button>
              <button onClick={() => send({ type: 'SEEK', time: Math.max(0, position() - 10) })}>
                -10 s
              </button>
              <button onClick={() => send({ type: 'SEEK', time: position() + 10 })}>+10 s</button>
              <select
                aria-label="Playback rate"
                value={String(clock?.rate ?? 1)}
                onChange={(e) => send({ type: 'SET_RATE', rate: Number(e.currentTarget.value) })}
              >
                {[0.5, 0.75, 1, 1.25, 1.5, 2].map((r) => (
                  <option key={r} value={String(r)}>
                    {r}x
                  </option>
                ))}
              </select>
              {roomId && (
                <button
                  class="button-danger"
                  onClick={() =>
                    void api('/api/rooms/delete/', { method: 'POST', body: { room_id: roomId } })
                  }
                >
                  Delete room
                </button>
              )}
            </div>
          )}
          {isHost && pending.length > 0 && (
            <ul class="item-list" aria-label="Approval queue">
              {pending.map((p) => (
                <li key={p.user_id}>
                  {p.name}{' '}
                  <button
                    onClick={() =>
                      void api('/api/rooms/approve/', {
                        method: 'POST',
                        body: { room_id: roomId, user_id: p.user_id },
                      }).then(() => setPending((q) => q.filter((x) => x.user_id !== p.user_id)))
                    }
                  >
                    Approve
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="stack">
          <aside class="card" aria-label="Participants">
            <h2>Participants</h2>
            <ul class="member-list">
              {members.map((m) => (
                <li key={m.id}>
                  {m.name} {m.is_host && <span class="badge">host</span>}{' '}
                  {m.is_online ? '' : <span class="muted">(away)</span>}
                  {isHost && !m.is_host && (
                    <span class="moderation actions">
                      {['MUTE_USER', 'UNMUTE_USER', 'KICK_USER', 'BAN_USER'].map((t) => (
                        <button
                          key={t}
                          class="button-secondary button-small"
                          onClick={() => send({ type: t, user_id: m.id })}
                        >
                          {t.replace('_USER', '').toLowerCase()}
                        </button>
                      ))}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </aside>
          <div class="chat card stack stack-small" aria-label="Chat">
            <h2>Chat</h2>
            <ol class="chat-log">
              {chat.map((m, i) => (
                <li key={i}>
                  <strong>{m.user}</strong>: {m.message}
                </li>
              ))}
            </ol>
            <form
              class="form-inline"
              onSubmit={(e) => {
                e.preventDefault();
                if (draft.trim()) send({ type: 'CHAT_MESSAGE', message: draft });
                setDraft('');
              }}
            >
              <input
                class="grow"
                aria-label="Message"
                maxLength={500}
                value={draft}
                onInput={(e) => setDraft(e.currentTarget.value)}
              />
              <button type="submit">Send</button>
            </form>
          </div>
        </div>
      </div>
    </section>
  );
}

export function RoomPage({ params }: PageProps) {
  const code = String(params.code ?? '');
  useTitle(`Room ${code}`);
  return (
    <RequireAuth>
      <Room code={code} />
    </RequireAuth>
  );
}
