/** The seed's JSON shapes (DRF serializers) for lobbies, memberships, messages and events. */
import type { ChatMessage } from '../chat/index.js';
import type { EventRow, LobbyRow, MembershipRow, UserBrief } from './store.js';

/** A user that no longer exists (deleted account) still renders. */
export function briefOf(users: Map<string, UserBrief>, id: string | null): UserBrief | null {
  if (id === null) return null;
  return users.get(id) ?? { id, username: '', is_premium: false };
}

/** LobbyListSerializer, plus nothing: `{id,name,owner,is_public,status,max_participants,...}`. */
export function lobbyListView(lobby: LobbyRow, count: number, users: Map<string, UserBrief>) {
  return {
    id: lobby.id,
    name: lobby.name,
    owner: briefOf(users, lobby.ownerId),
    is_public: lobby.isPublic,
    status: lobby.status,
    max_participants: lobby.maxParticipants,
    current_participants_count: count,
    is_full: count >= lobby.maxParticipants,
    created_at: lobby.createdAt.toISOString(),
  };
}

/** MessageSerializer (REST), with Roomful's `edited_at`. */
export function messageView(m: ChatMessage, users: Map<string, UserBrief>) {
  return {
    id: m.id,
    sender: briefOf(users, m.userId),
    content: m.message,
    created_at: m.createdAt.toISOString(),
    is_deleted: false,
    edited_at: m.editedAt ? m.editedAt.toISOString() : null,
  };
}

/** The socket's `chat_message` payload, exactly the seed's four fields. */
export function socketMessageView(m: ChatMessage, sender: UserBrief) {
  return { id: m.id, content: m.message, sender, created_at: m.createdAt.toISOString() };
}

export function membershipView(m: MembershipRow, users: Map<string, UserBrief>) {
  return { user: briefOf(users, m.userId), role: m.role, joined_at: m.joinedAt.toISOString() };
}

/** LobbyEventSerializer, plus the event's id. */
export function eventView(e: EventRow, users: Map<string, UserBrief>) {
  return {
    id: e.id,
    event_type: e.eventType,
    actor: briefOf(users, e.actorId),
    target: briefOf(users, e.targetId),
    description: e.description,
    metadata: e.metadata,
    created_at: e.createdAt.toISOString(),
  };
}

/** DRF PageNumberPagination's envelope for `page` of `size` over `total` rows. */
export function pageEnvelope<T>(requestUrl: URL, page: number, size: number, total: number, results: T[]) {
  const pages = Math.max(1, Math.ceil(total / size));
  const link = (n: number) => {
    const url = new URL(requestUrl);
    if (n === 1) url.searchParams.delete('page');
    else url.searchParams.set('page', String(n));
    return url.toString();
  };
  return {
    count: total,
    next: page < pages ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results,
  };
}
