/** The lobby's members with their roles and online state, and the moderation menu for owner and moderators. */
import type { LobbyDetail, UserBrief } from './types.js';

interface Props {
  lobby: LobbyDetail;
  online: UserBrief[];
  me: string;
  myRole: 'owner' | 'moderator' | 'member' | null;
  act: (path: string, body?: unknown) => Promise<void>;
}

export function MemberList({ lobby, online, me, myRole, act }: Props) {
  const here = new Set(online.map((u) => u.id));
  const moderates = myRole === 'owner' || myRole === 'moderator';
  return (
    <section class="card" aria-label="Members">
      <h2>Members</h2>
      <ul class="member-list">
        {lobby.memberships.map((m) => (
          <li key={m.user.id} data-user={m.user.username}>
            <span
              class={here.has(m.user.id) ? 'online' : 'offline'}
              aria-label={here.has(m.user.id) ? 'online' : 'offline'}
            >
              {here.has(m.user.id) ? '●' : '○'}
            </span>{' '}
            {m.user.username} <span class="role badge badge-muted">{m.role}</span>
            {moderates && m.user.id !== me && m.role !== 'owner' && (
              <details class="moderation-menu">
                <summary>Moderate {m.user.username}</summary>
                <div class="actions">
                  <button
                    type="button"
                    class="button-secondary button-small"
                    onClick={() =>
                      void act('kick/', {
                        user_id: m.user.id,
                        reason: window.prompt('Reason for the kick?') ?? '',
                      })
                    }
                  >
                    Kick
                  </button>
                  <button
                    type="button"
                    class="button-secondary button-small"
                    onClick={() =>
                      void act('ban/', {
                        user_id: m.user.id,
                        reason: window.prompt('Reason for the ban?') ?? '',
                      })
                    }
                  >
                    Ban
                  </button>
                  {m.role === 'moderator' ? (
                    <button
                      type="button"
                      class="button-secondary button-small"
                      onClick={() => void act('remove_moderator/', { user_id: m.user.id })}
                    >
                      Remove moderator
                    </button>
                  ) : (
                    <button
                      type="button"
                      class="button-secondary button-small"
                      onClick={() => void act('add_moderator/', { user_id: m.user.id })}
                    >
                      Make moderator
                    </button>
                  )}
                  {myRole === 'owner' && (
                    <button
                      type="button"
                      onClick={() => void act('transfer_ownership/', { user_id: m.user.id })}
                    >
                      Transfer ownership
                    </button>
                  )}
                </div>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
