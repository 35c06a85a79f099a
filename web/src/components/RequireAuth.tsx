/** Renders its children for a signed-in user; otherwise sends them to sign in and back here after. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useAuth } from '../api/session.js';
import { navigate, useLocation } from '../router/router.js';

export function RequireAuth({ children, staff = false }: { children: ComponentChildren; staff?: boolean }) {
  const { user, ready } = useAuth();
  const location = useLocation();
  useEffect(() => {
    if (ready && !user) {
      const next = `${location.path}${location.search}`;
      navigate(`/login/?next=${encodeURIComponent(next)}`, { replace: true });
    }
  }, [ready, user, location.path, location.search]);
  if (!ready || !user) {
    return (
      <p class="page loading" role="status">
        Loading…
      </p>
    );
  }
  if (staff && !user.is_staff) {
    return (
      <section class="page page-narrow">
        <h1>Staff only</h1>
        <p>This page is for staff accounts.</p>
      </section>
    );
  }
  return <>{children}</>;
}
