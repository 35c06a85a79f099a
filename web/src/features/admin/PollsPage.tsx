/** Poll sessions with owner, questions and ballots; delete with a confirmation. */
import { api } from '../../api/session.js';
import { AdminShell } from './AdminShell.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { text, when } from './types.js';

export function PollsPage() {
  return (
    <AdminShell title="Poll sessions">
      <AdminTable
        endpoint="/api/admin/polls/"
        label="Poll sessions"
        columns={[
          { label: 'Session', render: (r) => <code>{text(r.id)}</code> },
          { label: 'Owner', render: (r) => text(r.owner) || 'anonymous' },
          { label: 'Run', render: (r) => text(r.run_id) },
          { label: 'Questions', render: (r) => text(r.questions) },
          { label: 'Ballots', render: (r) => text(r.ballots) },
          { label: 'Created', render: (r) => when(r.created_at) },
        ]}
        actions={(row, reload) => (
          <ConfirmButton
            label="Delete"
            danger
            question={`Delete session ${text(row.id)} with its questions and ballots?`}
            onConfirm={async () => {
              await api(`/api/admin/polls/${encodeURIComponent(text(row.id))}/`, { method: 'DELETE' });
              reload();
            }}
          />
        )}
      />
    </AdminShell>
  );
}
