/**
 * `ws/lobbies/<id>/?token=<JWT>`, the seed's socket with its frames and close codes:
 * - 4001 without a valid token, 4004 for an unknown lobby;
 * - members (owners included: SPEC fix, the seed refused them with "Already in lobby") are let in;
 *   anyone else gets `{type:"error", message}` with the seed's `can_join` reason (or "You are not a
 *   member of this lobby") and 4003;
 * - on entry the others get `presence_join`, the joiner `presence_join` then `presence_list`;
 * - `chat_message` checks empty, > 2000, 3 per 2 s, membership (error + 4003), in that order;
 * - `typing_start` / `typing_stop` go to everyone else, volatile (not recorded for recovery);
 * - `presence_leave` when a member's last socket (in any process) closes.
 */
import type { Endpoint } from '../../gateway/endpoint.js';
import type { Session } from '../../gateway/session.js';
import { CloseCode } from '../../protocol/close-codes.js';
import { roleOf, type LobbyDeps } from './deps.js';
import { lobbyOf, presenceTopic, lobbyTopic, type LobbySocket } from './live.js';
import { RATE_LIMITED, sendMessage } from './messages.js';
import { CONTENT_MAX, lobbyIdOf } from './schemas.js';
import { findLobby, findMembership, findUser } from './store.js';
import { joinRefusal } from './writes.js';

export const NOT_MEMBER = 'You are not a member of this lobby';
const NOT_MEMBER_CODE = 'NOT_MEMBER';

const error = (session: Session, message: string) => session.send({ type: 'error', message });

export function lobbyEndpoint(deps: LobbyDeps): Endpoint<unknown> {
  return {
    name: 'lobbies',
    path: '/ws/lobbies/:id/',
    open: (session) => openLobby(deps, session),
    async onFrame(session, frame) {
      const lobby = lobbyOf(session);
      if (!lobby) return;
      try {
        await onLobbyFrame(deps, session, lobby, frame);
      } catch (err) {
        deps.ctx.log.error({ err }, 'lobby frame failed');
        error(session, 'Error processing message');
      }
    },
    onInvalid(session) {
      error(session, 'Invalid JSON');
    },
    onClose: (session) => closeLobby(deps, session),
  };
}

async function openLobby(deps: LobbyDeps, session: Session): Promise<void> {
  const auth = session.user;
  if (!auth) return session.close(CloseCode.UNAUTHENTICATED, 'authentication required');
  const id = lobbyIdOf(session.params.id);
  const lobby = id === null ? undefined : await findLobby(deps.db, id);
  if (!lobby) return session.close(CloseCode.GONE, 'lobby not found');
  const user = await findUser(deps.db, auth.id);
  if (!user || !user.isActive) return session.close(CloseCode.UNAUTHENTICATED, 'authentication required');
  if ((await roleOf(deps, lobby, user.id)) === null) {
    error(session, (await joinRefusal(deps.db, lobby, user.id)) ?? NOT_MEMBER);
    return session.close(CloseCode.NOT_ALLOWED, 'not a member');
  }
  const entry: LobbySocket = {
    lobbyId: lobby.id,
    userId: user.id,
    username: user.username,
    isPremium: user.isPremium,
  };
  deps.live.add(session, entry);
  const first = await deps.ctx.realtime.presence.join(presenceTopic(lobby.id), user.id, {
    username: user.username,
    is_premium: user.isPremium,
  });
  const since = session.query.since === undefined ? NaN : Number(session.query.since);
  await deps.ctx.hub.join(session, lobbyTopic(lobby.id), Number.isSafeInteger(since) ? { since } : {});
  const joined = {
    type: 'presence_join',
    user_id: user.id,
    username: user.username,
    is_premium: user.isPremium,
  };
  // The joiner gets its own presence_join first, then the list (the seed's order); a second tab of
  // someone already present is not news to the others.
  if (first) await deps.live.publish(lobby.id, joined, { except: session });
  session.send(joined);
  const present = await deps.ctx.realtime.presence.list(presenceTopic(lobby.id));
  session.send({
    type: 'presence_list',
    users: present.map((p) => ({
      id: p.memberId,
      username: String(p.info.username ?? ''),
      is_premium: p.info.is_premium === true,
    })),
  });
}

async function onLobbyFrame(
  deps: LobbyDeps,
  session: Session,
  lobby: LobbySocket,
  frame: unknown,
): Promise<void> {
  const data =
    frame !== null && typeof frame === 'object' && !Array.isArray(frame)
      ? (frame as Record<string, unknown>)
      : {};
  switch (data.type) {
    case 'chat_message':
      return chat(deps, session, lobby, data.message);
    case 'typing_start':
    case 'typing_stop':
      await deps.live.publish(
        lobby.lobbyId,
        { type: data.type, user_id: lobby.userId, username: lobby.username },
        { record: false, except: session },
      );
      return;
    default:
      return error(session, 'Unknown message type');
  }
}

async function chat(deps: LobbyDeps, session: Session, lobby: LobbySocket, raw: unknown): Promise<void> {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return error(session, 'Message cannot be empty');
  if (text.length > CONTENT_MAX) return error(session, `Message too long (max ${CONTENT_MAX} characters)`);
  const sender = { id: lobby.userId, username: lobby.username, is_premium: lobby.isPremium };
  const outcome = await sendMessage(deps, lobby.lobbyId, sender, text, async () =>
    (await findMembership(deps.db, lobby.lobbyId, lobby.userId))
      ? null
      : { code: NOT_MEMBER_CODE, message: NOT_MEMBER },
  );
  if (outcome.kind !== 'refused') return;
  if (outcome.code === NOT_MEMBER_CODE) {
    error(session, NOT_MEMBER);
    return session.close(CloseCode.NOT_ALLOWED, 'not a member');
  }
  error(session, RATE_LIMITED);
}

async function closeLobby(deps: LobbyDeps, session: Session): Promise<void> {
  const lobby = lobbyOf(session);
  if (!lobby) return;
  deps.live.remove(session);
  const gone = await deps.ctx.realtime.presence.leave(presenceTopic(lobby.lobbyId), lobby.userId);
  if (gone)
    await deps.live.publish(lobby.lobbyId, {
      type: 'presence_leave',
      user_id: lobby.userId,
      username: lobby.username,
    });
}
