/** Staff administration of users: search, and grant or revoke the premium and staff flags. */
import { api } from '../../api/session.js';
import { AdminShell } from './AdminShell.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { text, when, type Row } from './types.js';

function FlagButton({
  row,
  flag,
  label,
  reload,
}: {
  row: Row;
  flag: 'is_premium' | 'is_staff';
  label: string;
  reload: () => void;
}) {
  const on = row[flag] === true;
  const verb = on ? `Remove ${label}` : `Make ${label}`;
  return (
    <ConfirmButton
      label={verb}
      question={`${verb}: ${text(row.username)}?`}
      onConfirm={async () => {
        await api(`/api/admin/users/${text(row.id)}/`, { method: 'PATCH', body: { [flag]: !on } });
        reload();
      }}
    />
  );
}

export function UsersPage() {
  return (
    <AdminShell title="Users">
      <AdminTable
        endpoint="/api/admin/users/"
        label="Users"
        columns={[
          { label: 'Username', render: (r) => text(r.username) },
          { label: 'Display name', render: (r) => text(r.display_name) },
          { label: 'Email', render: (r) => text(r.email) },
          { label: 'Premium', render: (r) => (r.is_premium ? 'yes' : 'no') },
          { label: 'Staff', render: (r) => (r.is_staff ? 'yes' : 'no') },
          { label: 'Guest', render: (r) => (r.is_guest ? 'yes' : 'no') },
          { label: 'Joined', render: (r) => when(r.created_at) },
        ]}
        actions={(row, reload) => (
          <>
            <FlagButton row={row} flag="is_premium" label="premium" reload={reload} />{' '}
            <FlagButton row={row} flag="is_staff" label="staff" reload={reload} />
          </>
        )}
      />
    </AdminShell>
  );
}
