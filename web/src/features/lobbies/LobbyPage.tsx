/**
 * One lobby: chat (socket, with REST history), typing indicators, who is online, the member list
 * with roles and, for the owner and moderators, a moderation menu (kick, ban, moderator, transfer).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, auth, useAuth } from '../../api/session.js';
import { RequireAuth } from '../../components/RequireAuth.js';
import { describeCloseCode } from '../../realtime/close-policy.js';
import { RealtimeClient } from '../../realtime/client.js';
import { navigate, useTitle, type PageProps } from '../../router/router.js';
import { MemberList } from './MemberList.js';
import { STATUS_LABEL, type LobbyDetail, type LobbyFrame, type Message, type UserBrief } from './types.js';

const TYPING_IDLE_MS = 2500;

function useLobby(id: string) {
  const [lobby, setLobby] = useState<LobbyDetail | null>(null);
  const [error, setError] = useState('');
  const reload = () =>
    api<LobbyDetail>(`/api/lobbies/${id}/`).then(
      (l) => (setLobby(l), setError('')),
      (err: Error) => setError(err.message),
    );
  useEffect(() => {
    void reload();
  }, [id]);
  return { lobby, error, reload };
}

function Lobby({ id }: { id: string }) {
  const { user } = useAuth();
  const { lobby, error, reload } = useLobby(id);
  const [messages, setMessages] = useState<Message[]>([]);
  const [online, setOnline] = useState<UserBrief[]>([]);
  const [typing, setTyping] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [draft, setDraft] = useState('');
  const clientRef = useRef<RealtimeClient<LobbyFrame, LobbyFrame> | null>(null);
  const typingSent = useRef<ReturnType<typeof setTimeout> | null>(null);
  const myRole = lobby?.memberships.find((m) => m.user.id === user?.id)?.role ?? null;
  useTitle(lobby ? lobby.name : 'Lobby');

  useEffect(() => {
    if (lobby) setMessages([...lobby.recent_messages].reverse());
  }, [lobby?.id]);

  useEffect(() => {
    if (!myRole) return;
    const client = new RealtimeClient<LobbyFrame, LobbyFrame>(`/ws/lobbies/${id}/`, {
      token: () => auth.accessToken(),
      onFrame: (f) => {
        if (f.type === 'chat_message') {
          const m = f.message as Message;
          setMessages((list) => [...list.filter((x) => x.id !== m.id).slice(-299), m]);
          setTyping(({ [m.sender.id]: _gone, ...rest }) => rest);
        } else if (f.type === 'message_edited') {
          const m = f.message as Message;
          setMessages((list) => list.map((x) => (x.id === m.id ? m : x)));
        } else if (f.type === 'message_deleted')
          setMessages((list) => list.filter((x) => x.id !== f.message_id));
        else if (f.type === 'presence_list') setOnline(f.users as UserBrief[]);
        else if (f.type === 'presence_join') {
          const u = {
            id: String(f.user_id),
            username: String(f.username),
            is_premium: f.is_premium === true,
          };
          setOnline((list) => [...list.filter((x) => x.id !== u.id), u]);
        } else if (f.type === 'presence_leave') setOnline((list) => list.filter((x) => x.id !== f.user_id));
        else if (f.type === 'typing_start')
          setTyping((t) => ({ ...t, [String(f.user_id)]: String(f.username) }));
        else if (f.type === 'typing_stop') setTyping(({ [String(f.user_id)]: _gone, ...rest }) => rest);
        else if (f.type === 'moderation_kick' || f.type === 'moderation_ban') {
          const verb = f.type === 'moderation_kick' ? 'kicked' : 'banned';
          setNotice(
            f.target_username
              ? `${String(f.target_username)} was ${verb}.`
              : String(f.message ?? `You were ${verb}.`),
          );
          void reload();
        } else if (f.type === 'system_status') {
          setNotice(String(f.message));
          if (f.status === 'deleted') navigate('/lobbies/');
          else void reload();
        } else if (f.type === 'membership_change') void reload();
        else if (f.type === 'error') setNotice(String(f.message));
      },
      onState: (s) => {
        if (s.status === 'closed' && s.closeCode && s.closeCode !== 1000)
          setNotice(describeCloseCode(s.closeCode));
      },
    });
    clientRef.current = client;
    return () => {
      client.close();
      clientRef.current = null;
    };
  }, [id, myRole !== null]);

  const onDraft = (value: string) => {
    setDraft(value);
    const client = clientRef.current;
    if (!client) return;
    if (!typingSent.current) client.send({ type: 'typing_start' });
    else clearTimeout(typingSent.current);
    typingSent.current = setTimeout(() => {
      typingSent.current = null;
      clientRef.current?.send({ type: 'typing_stop' });
    }, TYPING_IDLE_MS);
  };

  const send = (e: Event) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text || !clientRef.current) return;
    clientRef.current.send({ type: 'chat_message', message: text });
    if (typingSent.current) {
      clearTimeout(typingSent.current);
      typingSent.current = null;
      clientRef.current.send({ type: 'typing_stop' });
    }
    setDraft('');
  };

  const act = async (path: string, body?: unknown) => {
    try {
      const res = await api<{ message?: string } | undefined>(`/api/lobbies/${id}/${path}`, {
        method: 'POST',
        ...(body ? { body } : {}),
      });
      if (res?.message) setNotice(res.message);
      await reload();
    } catch (err) {
      setNotice((err as Error).message);
    }
  };

  if (error && !lobby)
    return (
      <p role="alert" class="notice notice-error">
        {error}
      </p>
    );
  if (!lobby)
    return (
      <p role="status" class="loading">
        Loading lobby…
      </p>
    );
  const typingNames = Object.entries(typing)
    .filter(([uid]) => uid !== user?.id)
    .map(([, name]) => name);
  return (
    <div class="lobby-page">
      <h1>{lobby.name}</h1>
      <p class="lead">
        {STATUS_LABEL[lobby.status]} · {lobby.current_participants_count}/{lobby.max_participants} · owner{' '}
        {lobby.owner.username}
        {lobby.is_public ? '' : ' · private'}
      </p>
      {notice && (
        <p role="status" class="notice">
          {notice}
        </p>
      )}
      {!myRole ? (
        <button type="button" onClick={() => void act('join/')}>
          Join this lobby
        </button>
      ) : (
        <p class="actions">
          {myRole === 'owner' ? (
            <>
              <button type="button" onClick={() => void act('start/')}>
                Start game
              </button>
              <button type="button" class="button-danger" onClick={() => void act('close/')}>
                Close lobby
              </button>
            </>
          ) : (
            <button
              type="button"
              class="button-secondary"
              onClick={() => void act('leave/').then(() => navigate('/lobbies/'))}
            >
              Leave lobby
            </button>
          )}
        </p>
      )}
      <div class="layout-sidebar">
        <section class="card stack stack-small" aria-label="Chat">
          <h2>Chat</h2>
          <ol class="chat-log" aria-live="polite" aria-label="Messages">
            {messages.map((m) => (
              <li key={m.id} class="chat-message">
                <strong>{m.sender.username}</strong>
                {m.sender.is_premium ? ' ★' : ''}: <span class="chat-text">{m.content}</span>
                {m.edited_at ? <em> (edited)</em> : null}
              </li>
            ))}
          </ol>
          <p class="typing" aria-live="polite">
            {typingNames.length > 0
              ? `${typingNames.join(', ')} ${typingNames.length === 1 ? 'is' : 'are'} typing…`
              : ''}
          </p>
          {myRole && (
            <form class="form-inline" onSubmit={send} aria-label="Send a message">
              <input
                class="grow"
                name="message"
                aria-label="Message"
                value={draft}
                maxLength={2000}
                onInput={(e) => onDraft(e.currentTarget.value)}
              />
              <button type="submit">Send</button>
            </form>
          )}
        </section>
        <MemberList lobby={lobby} online={online} me={user?.id ?? ''} myRole={myRole} act={act} />
      </div>
    </div>
  );
}

export function LobbyPage({ params }: PageProps) {
  return (
    <RequireAuth>
      <Lobby id={params.id ?? ''} />
    </RequireAuth>
  );
}
