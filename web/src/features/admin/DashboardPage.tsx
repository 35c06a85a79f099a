/** The admin dashboard: the overview counts, each leading to its area. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/session.js';
import { Link } from '../../router/router.js';
import { AdminShell } from './AdminShell.js';

type Overview = Record<string, number>;

const CARDS: { key: string; label: string; href: string }[] = [
  { key: 'users', label: 'Users', href: '/admin/users/' },
  { key: 'premium_users', label: 'Premium users', href: '/admin/users/' },
  { key: 'staff_users', label: 'Staff users', href: '/admin/users/' },
  { key: 'live_rooms', label: 'Open watch rooms', href: '/admin/rooms/' },
  { key: 'lobbies', label: 'Lobbies', href: '/admin/lobbies/' },
  { key: 'runs', label: 'Runs', href: '/admin/runs/' },
  { key: 'poll_sessions', label: 'Poll sessions', href: '/admin/polls/' },
  { key: 'clicks_today', label: 'Clicks today', href: '/clicks/stats/' },
];

export function DashboardPage() {
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<Overview>('/api/admin/overview/').then(setData, (err: Error) => setError(err.message));
  }, []);
  return (
    <AdminShell title="Dashboard">
      {error && (
        <p role="alert" class="notice notice-error">
          {error}
        </p>
      )}
      {!data && !error && <p role="status">Loading…</p>}
      {data && (
        <ul class="stat-grid" aria-label="Overview">
          {CARDS.map((c) => (
            <li key={c.key} class="card">
              <p class="stat-value" data-count={c.key}>
                {data[c.key] ?? 0}
              </p>
              <Link href={c.href}>{c.label}</Link>
            </li>
          ))}
        </ul>
      )}
    </AdminShell>
  );
}
