/** Every lobby (private ones too) with owner and members; status changes, messages and its audit log. */
import { useState } from 'preact/hooks';
import { api } from '../../api/session.js';
import { Link } from '../../router/router.js';
import { AdminShell } from './AdminShell.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { text, when, type Row } from './types.js';

const STATUSES = [
  { value: 'open', label: 'Open' },
  { value: 'in_game', label: 'In game' },
  { value: 'closed', label: 'Closed' },
];

function StatusChange({ row, reload }: { row: Row; reload: () => void }) {
  const [status, setStatus] = useState(text(row.status));
  return (
    <span>
      <select
        aria-label={`Status of ${text(row.name)}`}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value)}
      >
        {STATUSES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>{' '}
      {status !== row.status && (
        <ConfirmButton
          label="Apply"
          question={`Set ${text(row.name)} to ${status}?`}
          onConfirm={async () => {
            await api(`/api/admin/lobbies/${text(row.id)}/`, { method: 'PATCH', body: { status } });
            reload();
          }}
        />
      )}
    </span>
  );
}

export function LobbiesPage() {
  return (
    <AdminShell title="Lobbies">
      <AdminTable
        endpoint="/api/admin/lobbies/"
        label="Lobbies"
        filters={[{ name: 'status', label: 'Status', options: STATUSES }]}
        columns={[
          { label: 'Id', render: (r) => text(r.id) },
          { label: 'Name', render: (r) => text(r.name) },
          { label: 'Owner', render: (r) => text(r.owner) },
          { label: 'Status', render: (r) => text(r.status) },
          { label: 'Public', render: (r) => (r.is_public ? 'yes' : 'no') },
          { label: 'Members', render: (r) => `${text(r.members)}/${text(r.max_participants)}` },
          { label: 'Created', render: (r) => when(r.created_at) },
        ]}
        actions={(row, reload) => (
          <>
            <StatusChange row={row} reload={reload} />{' '}
            <Link href={`/admin/lobbies/${text(row.id)}/messages/`}>Messages</Link>{' '}
            <Link href={`/admin/logs/?lobby=${text(row.id)}`}>Audit log</Link>
          </>
        )}
      />
    </AdminShell>
  );
}
