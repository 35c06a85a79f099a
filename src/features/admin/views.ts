/** JSON shapes of the admin API (snake_case, ISO times), one function per listed thing. */
import type { AdminChatRow } from '../chat/admin-queries.js';
import type { AdminLobbyBan } from '../lobbies/admin-queries.js';
import type { AdminRoomBan, AdminRoomRow } from '../watch/admin-queries.js';
import type { AdminActionRow } from './audit-store.js';

export function roomView(r: AdminRoomRow) {
  return {
    id: r.room.id,
    code: r.room.code,
    name: r.room.name,
    state: r.room.state,
    is_active: r.room.isActive,
    is_private: r.room.isPrivate,
    host_id: r.room.hostId,
    host_name: r.hostName,
    members: r.members,
    viewers: r.viewers,
    media_url: r.room.mediaUrl,
    created_at: r.room.createdAt.toISOString(),
    last_activity_at: r.room.lastActivityAt.toISOString(),
  };
}

export function messageView(m: AdminChatRow) {
  return {
    id: m.id,
    user_id: m.userId,
    user_name: m.userName,
    message: m.message,
    is_deleted: m.isDeleted,
    edited_at: m.editedAt?.toISOString() ?? null,
    created_at: m.createdAt.toISOString(),
  };
}

export function roomBanView(b: AdminRoomBan) {
  return {
    id: b.id,
    kind: 'room',
    room_id: b.roomId,
    room_code: b.roomCode,
    room_name: b.roomName,
    member_id: b.memberId,
    name: b.name,
    last_seen_at: b.since.toISOString(),
  };
}

export function lobbyBanView(b: AdminLobbyBan) {
  return {
    id: b.id,
    kind: 'lobby',
    lobby_id: b.lobbyId,
    lobby_name: b.lobbyName,
    user_id: b.userId,
    username: b.username,
    reason: b.reason,
    banned_by: b.bannedBy,
    created_at: b.createdAt.toISOString(),
  };
}

export function auditView(a: AdminActionRow) {
  return {
    id: a.id,
    actor_id: a.actorId,
    actor: a.actorName,
    action: a.action,
    target_type: a.targetType,
    target_id: a.targetId,
    detail: a.detail,
    created_at: a.createdAt.toISOString(),
  };
}
