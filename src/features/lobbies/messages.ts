/**
 * Lobby messages through the chat engine (channel `lobby:<id>`): the seed's limits (2000
 * characters, 3 messages per 2 s sliding window, no cooldown, no duplicate rule, nothing trimmed),
 * REST list/send/edit/soft delete with the seed's permissions, and the audit log's read route.
 * Messages sent over REST reach the sockets too; edits and deletes are pushed as Roomful frames.
 */
import { AppError, forbidden } from '../../server/errors.js';
import { parseInput } from '../../server/validate.js';
import type { ChatLimits, ChatMessage, ChatOutcome, ChatRefusal } from '../chat/index.js';
import {
  canRead,
  denied,
  invalidPage,
  missing,
  PAGE_SIZE,
  pageNumber,
  roleOf,
  type Actor,
  type LobbyDeps,
} from './deps.js';
import { chatChannel } from './live.js';
import { messageSchema, UUID_RE } from './schemas.js';
import { pageEvents, userBriefs, type LobbyRow, type UserBrief } from './store.js';
import { eventView, messageView, pageEnvelope, socketMessageView } from './views.js';

export const LOBBY_CHAT_LIMITS: ChatLimits = {
  maxLength: 2000,
  rate: { limit: 3, windowMs: 2000, cooldownMs: 0 },
  duplicateMs: 0,
  keep: null,
};

export const RATE_LIMITED = 'Rate limit exceeded. Please slow down.';
export const NOT_MEMBER_REST = 'Must be lobby member to send messages';

/** Stores a message (text already trimmed and checked) and pushes `chat_message` to the sockets. */
export async function sendMessage(
  deps: LobbyDeps,
  lobbyId: number,
  sender: UserBrief,
  text: string,
  check?: () => Promise<ChatRefusal | null>,
): Promise<ChatOutcome> {
  const outcome = await deps.chat.send(chatChannel(lobbyId), { id: sender.id, name: sender.username }, text, {
    enabled: true,
    isMuted: () => false,
    limits: LOBBY_CHAT_LIMITS,
    ...(check ? { check } : {}),
  });
  if (outcome.kind === 'accepted')
    await deps.live.publish(lobbyId, {
      type: 'chat_message',
      message: socketMessageView(outcome.message, sender),
    });
  return outcome;
}

async function readable(deps: LobbyDeps, lobby: LobbyRow, actor: Actor): Promise<void> {
  if (!(await canRead(deps, lobby, actor)))
    throw forbidden('You must be a member of this lobby', { detail: 'You must be a member of this lobby' });
}

async function view(deps: LobbyDeps, m: ChatMessage) {
  return messageView(m, await userBriefs(deps.db, [m.userId]));
}

export async function listMessages(deps: LobbyDeps, actor: Actor, lobby: LobbyRow, query: unknown, url: URL) {
  await readable(deps, lobby, actor);
  const page = pageNumber((query as { page?: unknown } | null)?.page);
  const { total, messages } = await deps.chat.page(chatChannel(lobby.id), (page - 1) * PAGE_SIZE, PAGE_SIZE);
  if (page > 1 && messages.length === 0) throw invalidPage();
  const users = await userBriefs(
    deps.db,
    messages.map((m) => m.userId),
  );
  return pageEnvelope(
    url,
    page,
    PAGE_SIZE,
    total,
    messages.map((m) => messageView(m, users)),
  );
}

/** `POST .../messages/`: 400 field errors, then 403 for non-members (SPEC fix: the seed gave a 500), then 429. */
export async function postMessage(deps: LobbyDeps, actor: Actor, lobby: LobbyRow, body: unknown) {
  const input = parseInput(messageSchema, body);
  if ((await roleOf(deps, lobby, actor.id)) === null)
    throw forbidden(NOT_MEMBER_REST, { detail: NOT_MEMBER_REST });
  const sender: UserBrief = { id: actor.id, username: actor.username, is_premium: actor.isPremium };
  const outcome = await sendMessage(deps, lobby.id, sender, input.content);
  if (outcome.kind !== 'accepted')
    throw new AppError(429, 'throttled', RATE_LIMITED, { detail: RATE_LIMITED, code: 'throttled' });
  return messageView(outcome.message, new Map([[actor.id, sender]]));
}

async function messageOr404(deps: LobbyDeps, lobby: LobbyRow, id: string | undefined): Promise<ChatMessage> {
  const message =
    id && UUID_RE.test(id) ? await deps.chat.find(chatChannel(lobby.id), id.toLowerCase()) : undefined;
  if (!message) throw missing();
  return message;
}

export async function getMessage(deps: LobbyDeps, actor: Actor, lobby: LobbyRow, id: string | undefined) {
  await readable(deps, lobby, actor);
  return view(deps, await messageOr404(deps, lobby, id));
}

/** CanModerateMessage: the sender, or the lobby's owner or a moderator. */
async function mayModerate(
  deps: LobbyDeps,
  actor: Actor,
  lobby: LobbyRow,
  message: ChatMessage,
): Promise<void> {
  if (message.userId === actor.id) return;
  const role = await roleOf(deps, lobby, actor.id);
  if (role !== 'owner' && role !== 'moderator') throw denied();
}

export async function editMessage(
  deps: LobbyDeps,
  actor: Actor,
  lobby: LobbyRow,
  id: string | undefined,
  body: unknown,
) {
  const message = await messageOr404(deps, lobby, id);
  await mayModerate(deps, actor, lobby, message);
  const input = parseInput(messageSchema, body);
  const edited = await deps.chat.edit(chatChannel(lobby.id), message.id, input.content);
  if (!edited) throw missing();
  const out = await view(deps, edited);
  await deps.live.publish(lobby.id, { type: 'message_edited', message: out });
  return out;
}

export async function deleteMessage(deps: LobbyDeps, actor: Actor, lobby: LobbyRow, id: string | undefined) {
  const message = await messageOr404(deps, lobby, id);
  await mayModerate(deps, actor, lobby, message);
  if (!(await deps.chat.remove(chatChannel(lobby.id), message.id))) throw missing();
  await deps.live.publish(lobby.id, { type: 'message_deleted', message_id: message.id });
}

/** `GET .../events/`: the audit log, newest first, for the owner, moderators and staff. */
export async function listEvents(deps: LobbyDeps, actor: Actor, lobby: LobbyRow, query: unknown, url: URL) {
  const role = await roleOf(deps, lobby, actor.id);
  if (role !== 'owner' && role !== 'moderator' && !actor.isStaff) throw denied();
  const page = pageNumber((query as { page?: unknown } | null)?.page);
  const { total, rows } = await pageEvents(deps.db, lobby.id, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  if (page > 1 && rows.length === 0) throw invalidPage();
  const users = await userBriefs(
    deps.db,
    rows.flatMap((e) => [e.actorId, e.targetId].filter((x): x is string => x !== null)),
  );
  return pageEnvelope(
    url,
    page,
    PAGE_SIZE,
    total,
    rows.map((e) => eventView(e, users)),
  );
}
