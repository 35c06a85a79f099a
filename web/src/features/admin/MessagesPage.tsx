/** The chat messages of one watch room or lobby, deleted ones marked, with soft delete. */
import type { PageProps } from '../../router/router.js';
import { api } from '../../api/session.js';
import { Link } from '../../router/router.js';
import { AdminShell } from './AdminShell.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { text, when } from './types.js';

function Messages({
  base,
  title,
  back,
}: {
  base: string;
  title: string;
  back: { href: string; label: string };
}) {
  return (
    <AdminShell title={title}>
      <p>
        <Link href={back.href}>← {back.label}</Link>
      </p>
      <AdminTable
        endpoint={`${base}/messages/`}
        label="Messages"
        columns={[
          { label: 'Sent', render: (r) => when(r.created_at) },
          { label: 'From', render: (r) => text(r.user_name) },
          {
            label: 'Message',
            render: (r) => (r.is_deleted ? <del title="deleted">{text(r.message)}</del> : text(r.message)),
          },
          { label: 'State', render: (r) => (r.is_deleted ? 'deleted' : r.edited_at ? 'edited' : '') },
        ]}
        actions={(row, reload) =>
          row.is_deleted ? null : (
            <ConfirmButton
              label="Delete"
              question="Delete this message?"
              danger
              onConfirm={async () => {
                await api(`${base}/messages/${text(row.id)}/`, { method: 'DELETE' });
                reload();
              }}
            />
          )
        }
      />
    </AdminShell>
  );
}

export function RoomMessagesPage({ params }: PageProps) {
  const id = encodeURIComponent(params.id ?? '');
  return (
    <Messages
      base={`/api/admin/rooms/${id}`}
      title="Room chat"
      back={{ href: '/admin/rooms/', label: 'Watch rooms' }}
    />
  );
}

export function LobbyMessagesPage({ params }: PageProps) {
  const id = encodeURIComponent(params.id ?? '');
  return (
    <Messages
      base={`/api/admin/lobbies/${id}`}
      title={`Lobby ${params.id ?? ''} messages`}
      back={{ href: '/admin/lobbies/', label: 'Lobbies' }}
    />
  );
}
