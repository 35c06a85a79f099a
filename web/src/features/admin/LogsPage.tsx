/** The lobby audit log (LobbyEvent) and the watch room event log; `?lobby=` or `?room=` narrows one. */
import { useLocation } from '../../router/router.js';
import { AdminShell } from './AdminShell.js';
import { AdminTable } from './AdminTable.js';
import { text, when } from './types.js';

export function LogsPage() {
  const { search } = useLocation();
  const query = new URLSearchParams(search);
  const lobby = query.get('lobby') ?? '';
  const room = query.get('room') ?? '';
  return (
    <AdminShell title="Event logs">
      {!room && (
        <>
          <h2>Lobby audit log{lobby ? ` (lobby ${lobby})` : ''}</h2>
          <AdminTable
            endpoint="/api/admin/lobby-events/"
            label="Lobby audit log"
            fixed={lobby ? { lobby } : {}}
            columns={[
              { label: 'When', render: (r) => when(r.created_at) },
              { label: 'Lobby', render: (r) => text(r.lobby_name) },
              { label: 'Event', render: (r) => text(r.event_type) },
              { label: 'Actor', render: (r) => text(r.actor) },
              { label: 'Target', render: (r) => text(r.target) },
              { label: 'Description', render: (r) => text(r.description) },
            ]}
          />
        </>
      )}
      {!lobby && (
        <>
          <h2>Watch room events{room ? ' (one room)' : ''}</h2>
          <AdminTable
            endpoint="/api/admin/room-events/"
            label="Watch room events"
            fixed={room ? { room } : {}}
            columns={[
              { label: 'When', render: (r) => when(r.created_at) },
              { label: 'Room', render: (r) => text(r.room_code) },
              { label: 'Type', render: (r) => text(r.type) },
              { label: 'User', render: (r) => text(r.user_id) },
              { label: 'Data', render: (r) => <code>{text(r.data)}</code> },
            ]}
          />
        </>
      )}
    </AdminShell>
  );
}
