/** The frame of every admin page: staff-only guard, the page title and the admin area's navigation. */
import type { ComponentChildren } from 'preact';
import { RequireAuth } from '../../components/RequireAuth.js';
import { Link, useTitle } from '../../router/router.js';

const AREAS: { href: string; label: string }[] = [
  { href: '/admin/', label: 'Dashboard' },
  { href: '/admin/users/', label: 'Users' },
  { href: '/admin/rooms/', label: 'Watch rooms' },
  { href: '/admin/lobbies/', label: 'Lobbies' },
  { href: '/admin/bans/', label: 'Bans' },
  { href: '/admin/logs/', label: 'Event logs' },
  { href: '/admin/polls/', label: 'Poll sessions' },
  { href: '/admin/runs/', label: 'Runs' },
  { href: '/admin/audit/', label: 'Audit trail' },
];

export function AdminShell({ title, children }: { title: string; children: ComponentChildren }) {
  useTitle(`Admin · ${title}`);
  return (
    <RequireAuth staff>
      <div class="admin-page">
        <p class="eyebrow">Admin</p>
        <h1 id="page-title">{title}</h1>
        <nav class="sub-nav" aria-label="Admin areas">
          <ul>
            {AREAS.map((a) => (
              <li key={a.href}>
                <Link href={a.href}>{a.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        {children}
      </div>
    </RequireAuth>
  );
}
