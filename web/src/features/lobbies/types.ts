/** Shapes of the lobby API and socket, as the pages read them. */
export interface UserBrief {
  id: string;
  username: string;
  is_premium: boolean;
}

export interface LobbyItem {
  id: number;
  name: string;
  owner: UserBrief;
  is_public: boolean;
  status: 'open' | 'in_game' | 'closed';
  max_participants: number;
  current_participants_count: number;
  is_full: boolean;
  created_at: string;
}

export interface Message {
  id: string;
  sender: UserBrief;
  content: string;
  created_at: string;
  edited_at?: string | null;
}

export interface LobbyDetail extends LobbyItem {
  memberships: { user: UserBrief; role: 'owner' | 'moderator' | 'member'; joined_at: string }[];
  recent_messages: Message[];
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export type LobbyFrame = { type: string; [key: string]: unknown };

export const STATUS_LABEL: Record<LobbyItem['status'], string> = {
  open: 'Open',
  in_game: 'In game',
  closed: 'Closed',
};
