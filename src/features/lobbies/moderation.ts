/**
 * Moderation: kick, ban, unban (owner or moderator), add and remove moderators (owner or moderator,
 * as the seed), transfer ownership (owner). Every action is logged; kick and ban are pushed to the
 * lobby's sockets and close the target's sockets in every process (SPEC fix: the seed never did).
 */
import { AppError } from '../../server/errors.js';
import { parseInput } from '../../server/validate.js';
import { now, refusal, requireModerator, requireOwner, type Actor, type LobbyDeps } from './deps.js';
import { moderationSchema, targetSchema } from './schemas.js';
import { membershipFrame } from './service.js';
import {
  deleteBan,
  deleteMembership,
  findMembership,
  findUser,
  insertEvent,
  setRole,
  type LobbyRow,
} from './store.js';
import { banUser, transferOwnership } from './writes.js';

/** The target user of an action; 400 `{"user_id":["User not found"]}` as the seed's serializers. */
async function target(deps: LobbyDeps, userId: string) {
  const user = await findUser(deps.db, userId);
  if (!user) throw new AppError(400, 'invalid', 'User not found', { user_id: ['User not found'] });
  return user;
}

export async function kick(deps: LobbyDeps, actor: Actor, lobby: LobbyRow, body: unknown) {
  await requireModerator(deps, lobby, actor);
  const input = parseInput(moderationSchema, body);
  const user = await target(deps, input.user_id);
  const reason = input.reason ?? '';
  const membership = await findMembership(deps.db, lobby.id, user.id);
  if (!membership) throw refusal('User not in lobby');
  if (membership.role === 'owner' || lobby.ownerId === user.id) throw refusal('Cannot kick lobby owner');
  if (!(await deleteMembership(deps.db, lobby.id, user.id))) throw refusal('User not in lobby');
  await insertEvent(deps.db, {
    lobbyId: lobby.id,
    eventType: 'kick',
    actorId: actor.id,
    targetId: user.id,
    description: `${user.username} kicked from lobby. Reason: ${reason}`,
    metadata: { reason },
    createdAt: now(deps),
  });
  await deps.live.removeMember(lobby.id, user.id, {
    type: 'moderation_kick',
    reason,
    message: 'You have been kicked from the lobby',
  });
  await deps.live.publish(lobby.id, {
    type: 'moderation_kick',
    target_id: user.id,
    target_username: user.username,
    reason,
  });
  await deps.live.publish(lobby.id, membershipFrame('kick', user, null));
  return { message: `User ${user.username} kicked successfully` };
}

export async function ban(deps: LobbyDeps, actor: Actor, lobby: LobbyRow, body: unknown) {
  await requireModerator(deps, lobby, actor);
  const input = parseInput(moderationSchema, body);
  const user = await target(deps, input.user_id);
  const reason = input.reason ?? '';
  if (lobby.ownerId === user.id) throw refusal('Cannot ban lobby owner');
  const created = await banUser(deps.db, {
    lobbyId: lobby.id,
    userId: user.id,
    reason,
    actorId: actor.id,
    description: `${user.username} banned from lobby. Reason: ${reason}`,
    now: now(deps),
  });
  if (!created) throw refusal('User already banned');
  await deps.live.removeMember(lobby.id, user.id, {
    type: 'moderation_ban',
    reason,
    message: 'You have been banned from the lobby',
  });
  await deps.live.publish(lobby.id, {
    type: 'moderation_ban',
    target_id: user.id,
    target_username: user.username,
    reason,
  });
  await deps.live.publish(lobby.id, membershipFrame('ban', user, null));
  return { message: `User ${user.username} banned successfully` };
}

export async function unban(deps: LobbyDeps, actor: Actor, lobby: LobbyRow, body: unknown) {
  await requireModerator(deps, lobby, actor);
  const input = parseInput(targetSchema, body);
  const user = await target(deps, input.user_id);
  if (!(await deleteBan(deps.db, lobby.id, user.id))) throw refusal('User not banned');
  await insertEvent(deps.db, {
    lobbyId: lobby.id,
    eventType: 'unban',
    actorId: actor.id,
    targetId: user.id,
    description: `${user.username} unbanned from lobby`,
    createdAt: now(deps),
  });
  return { message: `User ${user.username} unbanned successfully` };
}

export async function setModerator(
  deps: LobbyDeps,
  actor: Actor,
  lobby: LobbyRow,
  body: unknown,
  promote: boolean,
) {
  await requireModerator(deps, lobby, actor);
  const input = parseInput(targetSchema, body);
  const user = await target(deps, input.user_id);
  const membership = await findMembership(deps.db, lobby.id, user.id);
  if (!membership) throw refusal('User not in lobby');
  if (promote && membership.role === 'owner') throw refusal('Owner is already a moderator');
  if (!promote && membership.role !== 'moderator') throw refusal('User is not a moderator');
  const role = promote ? 'moderator' : 'member';
  await setRole(deps.db, lobby.id, user.id, role);
  await insertEvent(deps.db, {
    lobbyId: lobby.id,
    eventType: promote ? 'mod_add' : 'mod_remove',
    actorId: actor.id,
    targetId: user.id,
    description: promote
      ? `${user.username} promoted to moderator`
      : `${user.username} demoted from moderator`,
    createdAt: now(deps),
  });
  await deps.live.publish(lobby.id, membershipFrame('role', user, role));
  return {
    message: promote
      ? `User ${user.username} promoted to moderator`
      : `User ${user.username} demoted from moderator`,
  };
}

export async function transfer(deps: LobbyDeps, actor: Actor, lobby: LobbyRow, body: unknown) {
  requireOwner(lobby, actor);
  const input = parseInput(targetSchema, body);
  const user = await target(deps, input.user_id);
  const membership = await findMembership(deps.db, lobby.id, user.id);
  if (!membership) throw refusal('User not in lobby');
  if (user.id === actor.id) throw refusal('User is already the owner');
  await transferOwnership(deps.db, {
    lobbyId: lobby.id,
    fromId: actor.id,
    toId: user.id,
    toName: user.username,
    now: now(deps),
  });
  await deps.live.publish(lobby.id, membershipFrame('role', user, 'owner'));
  await deps.live.publish(lobby.id, membershipFrame('role', actor, 'member'));
  return { message: `Ownership transferred to ${user.username}` };
}
