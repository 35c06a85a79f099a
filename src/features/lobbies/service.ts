/**
 * Lobby rules: list, create (premium only), detail, update and delete (owner only), join (atomic
 * capacity), leave, start and close. Status changes are logged and pushed to the lobby's sockets.
 */
import { CloseCode } from '../../protocol/close-codes.js';
import { AppError } from '../../server/errors.js';
import { parseInput } from '../../server/validate.js';
import {
  canRead,
  denied,
  invalidPage,
  now,
  PAGE_SIZE,
  pageNumber,
  refusal,
  requireOwner,
  type Actor,
  type LobbyDeps,
} from './deps.js';
import { chatChannel } from './live.js';
import { createLobbySchema, listQuerySchema, updateLobbySchema, type LobbyStatus } from './schemas.js';
import {
  countMembers,
  deleteLobby,
  deleteMembership,
  findMembership,
  insertEvent,
  listLobbies,
  listMemberships,
  updateLobby,
  userBriefs,
  type LobbyRow,
} from './store.js';
import { lobbyListView, membershipView, messageView, pageEnvelope } from './views.js';
import { joinLobby, createLobby as insertLobby } from './writes.js';

export const RECENT_MESSAGES = 50;

export async function listPage(deps: LobbyDeps, actor: Actor, query: unknown, url: URL) {
  const q = parseInput(listQuerySchema, query);
  const page = pageNumber(q.page);
  const { total, rows } = await listLobbies(deps.db, {
    publicOnly: q.public === '1' || q.public === 'true',
    status: q.status || undefined,
    search: q.search?.trim() || undefined,
    viewerId: actor.isStaff ? null : actor.id,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  if (page > 1 && rows.length === 0) throw invalidPage();
  const users = await userBriefs(
    deps.db,
    rows.map((r) => r.lobby.ownerId),
  );
  return pageEnvelope(
    url,
    page,
    PAGE_SIZE,
    total,
    rows.map((r) => lobbyListView(r.lobby, r.count, users)),
  );
}

export async function listItem(deps: LobbyDeps, lobby: LobbyRow) {
  const users = await userBriefs(deps.db, [lobby.ownerId]);
  return lobbyListView(lobby, await countMembers(deps.db, lobby.id), users);
}

/** `POST /api/lobbies/`: premium only (checked on the stored user, not the token's claim). */
export async function create(deps: LobbyDeps, actor: Actor, body: unknown) {
  if (!actor.isPremium) throw denied();
  const input = parseInput(createLobbySchema, body);
  const lobby = await insertLobby(deps.db, {
    name: input.name,
    isPublic: input.is_public ?? true,
    maxParticipants: input.max_participants ?? 8,
    ownerId: actor.id,
    now: now(deps),
  });
  return listItem(deps, lobby);
}

export async function detail(deps: LobbyDeps, actor: Actor, lobby: LobbyRow) {
  const members = await listMemberships(deps.db, lobby.id);
  const recent = (await canRead(deps, lobby, actor))
    ? (await deps.chat.page(chatChannel(lobby.id), 0, RECENT_MESSAGES)).messages
    : [];
  const users = await userBriefs(deps.db, [
    lobby.ownerId,
    ...members.map((m) => m.userId),
    ...recent.map((m) => m.userId),
  ]);
  return {
    ...lobbyListView(lobby, members.length, users),
    memberships: members.map((m) => membershipView(m, users)),
    recent_messages: recent.map((m) => messageView(m, users)),
    updated_at: lobby.updatedAt.toISOString(),
  };
}

/** Logs a status change and pushes `system_status` to the lobby's sockets. */
async function statusChanged(
  deps: LobbyDeps,
  lobby: LobbyRow,
  actor: Actor,
  status: LobbyStatus,
  message: string,
) {
  await insertEvent(deps.db, {
    lobbyId: lobby.id,
    eventType: 'status_change',
    actorId: actor.id,
    description: message,
    metadata: { status },
    createdAt: now(deps),
  });
  await deps.live.publish(lobby.id, { type: 'system_status', status, message });
}

/** `PUT|PATCH /api/lobbies/<id>/` (owner): name, status, max_participants (and is_public). */
export async function update(deps: LobbyDeps, actor: Actor, lobby: LobbyRow, body: unknown, full: boolean) {
  requireOwner(lobby, actor);
  const input = parseInput(updateLobbySchema, body);
  if (full && input.name === undefined)
    throw new AppError(400, 'invalid', 'This field is required.', { name: ['This field is required.'] });
  if (input.max_participants !== undefined) {
    const members = await countMembers(deps.db, lobby.id);
    if (input.max_participants < members)
      throw refusal(`Max participants cannot be below the current ${members} participants`);
  }
  const updated =
    (await updateLobby(deps.db, lobby.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.max_participants !== undefined ? { maxParticipants: input.max_participants } : {}),
      ...(input.is_public !== undefined ? { isPublic: input.is_public } : {}),
      updatedAt: now(deps),
    })) ?? lobby;
  if (input.status !== undefined && input.status !== lobby.status)
    await statusChanged(deps, updated, actor, input.status, `Status changed to ${input.status}`);
  return detail(deps, actor, updated);
}

/** `DELETE /api/lobbies/<id>/` (owner): sockets are told and closed (4004), messages forgotten. */
export async function remove(deps: LobbyDeps, actor: Actor, lobby: LobbyRow): Promise<void> {
  requireOwner(lobby, actor);
  await deleteLobby(deps.db, lobby.id);
  await deps.chat.forget([chatChannel(lobby.id)]);
  await deps.live.publish(lobby.id, { type: 'system_status', status: 'deleted', message: 'Lobby deleted' });
  await deps.live.closeAll(lobby.id, CloseCode.GONE, 'lobby deleted');
}

export async function join(deps: LobbyDeps, actor: Actor, lobby: LobbyRow) {
  const result = await joinLobby(deps.db, lobby.id, actor, now(deps));
  if (result.refusal) throw refusal(result.refusal);
  await deps.live.publish(lobby.id, membershipFrame('join', actor, 'member'));
  return { message: 'Joined lobby successfully' };
}

export async function leave(deps: LobbyDeps, actor: Actor, lobby: LobbyRow) {
  const membership = await findMembership(deps.db, lobby.id, actor.id);
  if (membership?.role === 'owner' || lobby.ownerId === actor.id)
    throw refusal('Owner cannot leave lobby. Transfer ownership first.');
  if (!membership || !(await deleteMembership(deps.db, lobby.id, actor.id))) throw refusal('Not in lobby');
  await insertEvent(deps.db, {
    lobbyId: lobby.id,
    eventType: 'status_change',
    actorId: actor.id,
    description: `${actor.username} left the lobby`,
    createdAt: now(deps),
  });
  // Open sockets of a former member would only fail at the next message: close them now.
  await deps.live.removeMember(lobby.id, actor.id, {
    type: 'error',
    message: 'You are not a member of this lobby',
  });
  await deps.live.publish(lobby.id, membershipFrame('leave', actor, null));
  return { message: 'Left lobby successfully' };
}

export async function setStatus(
  deps: LobbyDeps,
  actor: Actor,
  lobby: LobbyRow,
  status: 'in_game' | 'closed',
) {
  requireOwner(lobby, actor);
  await updateLobby(deps.db, lobby.id, { status, updatedAt: now(deps) });
  const message = status === 'in_game' ? 'Game started' : 'Lobby closed';
  await statusChanged(deps, lobby, actor, status, message);
  return { message };
}

/** Roomful's frame for member-list changes (the web page refreshes its member list on it). */
export function membershipFrame(
  action: 'join' | 'leave' | 'kick' | 'ban' | 'role',
  user: { id: string; username: string },
  role: string | null,
) {
  return { type: 'membership_change', action, user_id: user.id, username: user.username, role };
}
