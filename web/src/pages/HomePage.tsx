/** The home page: what Roomful is, and a card leading to every module. */
import { useAuth } from '../api/session.js';
import { MODULES } from '../features/modules.js';
import { Link, useTitle } from '../router/router.js';

export function HomePage() {
  useTitle('');
  const { user } = useAuth();
  return (
    <div class="page home">
      <section class="hero" aria-labelledby="page-title">
        <h1 id="page-title">Live tools for streams and communities</h1>
        <p class="lead">
          Run tracking, live polls, watch-together rooms, chat lobbies and a click wall: one account, one
          real-time server, every screen in sync.
        </p>
        {user ? (
          <p class="hero-greeting">
            Welcome back, <strong>{user.display_name || user.username}</strong>.
          </p>
        ) : (
          <p class="hero-actions">
            <Link href="/register/" class="button">
              Create an account
            </Link>
            <Link href="/login/" class="button button-secondary">
              Sign in
            </Link>
          </p>
        )}
      </section>
      <section aria-labelledby="modules-title">
        <h2 id="modules-title" class="section-title">
          Modules
        </h2>
        <ul class="module-grid">
          {MODULES.map((module) => (
            <li key={module.key} class={`module-card module-${module.key}`}>
              <h3>
                <Link href={module.href} class="module-link">
                  {module.name}
                </Link>
              </h3>
              <p>{module.description}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
