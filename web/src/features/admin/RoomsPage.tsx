/** Watch rooms: state, host, live viewers and creation time; close (delete) or expire, and the room's chat. */
import { api } from '../../api/session.js';
import { Link } from '../../router/router.js';
import { AdminShell } from './AdminShell.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { text, when } from './types.js';

const STATES = ['CREATED', 'LIVE', 'GRACE', 'EXPIRED', 'DELETED'];

export function RoomsPage() {
  return (
    <AdminShell title="Watch rooms">
      <AdminTable
        endpoint="/api/admin/rooms/"
        label="Watch rooms"
        filters={[{ name: 'state', label: 'State', options: STATES.map((s) => ({ value: s, label: s })) }]}
        columns={[
          { label: 'Code', render: (r) => text(r.code) },
          { label: 'Name', render: (r) => text(r.name) },
          { label: 'State', render: (r) => text(r.state) },
          { label: 'Host', render: (r) => text(r.host_name ?? r.host_id) },
          { label: 'Viewers', render: (r) => text(r.viewers) },
          { label: 'Members', render: (r) => text(r.members) },
          { label: 'Created', render: (r) => when(r.created_at) },
        ]}
        actions={(row, reload) => {
          const open = row.state === 'CREATED' || row.state === 'LIVE' || row.state === 'GRACE';
          const close = (mode: 'delete' | 'expire') => async () => {
            await api(`/api/admin/rooms/${text(row.id)}/close/`, { method: 'POST', body: { mode } });
            reload();
          };
          return (
            <>
              <Link href={`/admin/rooms/${text(row.id)}/messages/`}>Chat</Link>{' '}
              <Link href={`/admin/logs/?room=${text(row.id)}`}>Events</Link>{' '}
              {open && (
                <>
                  <ConfirmButton
                    label="Close"
                    question={`Close room ${text(row.code)}?`}
                    onConfirm={close('delete')}
                    danger
                  />{' '}
                  <ConfirmButton
                    label="Expire"
                    question={`Expire room ${text(row.code)}?`}
                    onConfirm={close('expire')}
                  />
                </>
              )}
            </>
          );
        }}
      />
    </AdminShell>
  );
}
