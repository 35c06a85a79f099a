/** Watch room bans and lobby bans, each lifted with a confirmation. */
import { api } from '../../api/session.js';
import { AdminShell } from './AdminShell.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { text, when, type Row } from './types.js';

function lift(kind: 'rooms' | 'lobbies', who: (r: Row) => string) {
  return (row: Row, reload: () => void) => (
    <ConfirmButton
      label="Lift ban"
      question={`Lift the ban of ${who(row)}?`}
      onConfirm={async () => {
        await api(`/api/admin/bans/${kind}/${text(row.id)}/`, { method: 'DELETE' });
        reload();
      }}
    />
  );
}

export function BansPage() {
  return (
    <AdminShell title="Bans">
      <h2>Watch room bans</h2>
      <AdminTable
        endpoint="/api/admin/bans/rooms/"
        label="Watch room bans"
        columns={[
          { label: 'Room', render: (r) => `${text(r.room_code)} ${text(r.room_name)}` },
          { label: 'Member', render: (r) => text(r.name) || text(r.member_id) },
          { label: 'Last seen', render: (r) => when(r.last_seen_at) },
        ]}
        actions={lift('rooms', (r) => text(r.name) || text(r.member_id))}
      />
      <h2>Lobby bans</h2>
      <AdminTable
        endpoint="/api/admin/bans/lobbies/"
        label="Lobby bans"
        columns={[
          { label: 'Lobby', render: (r) => text(r.lobby_name) },
          { label: 'User', render: (r) => text(r.username) },
          { label: 'Reason', render: (r) => text(r.reason) },
          { label: 'Banned by', render: (r) => text(r.banned_by) },
          { label: 'Since', render: (r) => when(r.created_at) },
        ]}
        actions={lift('lobbies', (r) => text(r.username))}
      />
    </AdminShell>
  );
}
