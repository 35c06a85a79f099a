/** The admin audit trail: every staff action taken through the admin area, newest first. */
import { AdminShell } from './AdminShell.js';
import { AdminTable } from './AdminTable.js';
import { text, when } from './types.js';

const ACTIONS = [
  'user.update',
  'room.close',
  'room.expire',
  'message.delete',
  'ban.lift',
  'lobby.status',
  'poll_session.delete',
];

export function AuditPage() {
  return (
    <AdminShell title="Audit trail">
      <AdminTable
        endpoint="/api/admin/audit/"
        label="Audit trail"
        filters={[{ name: 'action', label: 'Action', options: ACTIONS.map((a) => ({ value: a, label: a })) }]}
        columns={[
          { label: 'When', render: (r) => when(r.created_at) },
          { label: 'Staff', render: (r) => text(r.actor) },
          { label: 'Action', render: (r) => text(r.action) },
          { label: 'Target', render: (r) => `${text(r.target_type)} ${text(r.target_id)}` },
          { label: 'Detail', render: (r) => <code>{text(r.detail)}</code> },
        ]}
      />
    </AdminShell>
  );
}
