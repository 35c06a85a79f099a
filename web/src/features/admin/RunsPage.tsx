/** Every run with owner, game, mode and finished flag (read only: runs belong to their owners). */
import { AdminShell } from './AdminShell.js';
import { AdminTable } from './AdminTable.js';
import { text, when } from './types.js';

export function RunsPage() {
  return (
    <AdminShell title="Runs">
      <AdminTable
        endpoint="/api/admin/runs/"
        label="Runs"
        filters={[
          {
            name: 'mode',
            label: 'Mode',
            options: [
              { value: 'WIPECOUNTER', label: 'Wipe counter' },
              { value: 'SPEEDRUN', label: 'Speedrun' },
            ],
          },
          {
            name: 'finished',
            label: 'Finished',
            options: [
              { value: 'true', label: 'Finished' },
              { value: 'false', label: 'In progress' },
            ],
          },
        ]}
        columns={[
          { label: 'Run', render: (r) => text(r.name) },
          { label: 'Owner', render: (r) => text(r.owner) },
          { label: 'Game', render: (r) => text(r.game) },
          { label: 'Mode', render: (r) => text(r.mode) },
          { label: 'Finished', render: (r) => (r.is_finished ? 'yes' : 'no') },
          { label: 'Created', render: (r) => when(r.created_at) },
        ]}
      />
    </AdminShell>
  );
}
