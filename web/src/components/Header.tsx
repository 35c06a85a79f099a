/** The site header: the brand, links to every module, and the signed-in user with Sign out. */
import { useState } from 'preact/hooks';
import { auth, useAuth } from '../api/session.js';
import { MODULES } from '../features/modules.js';
import { Link, navigate } from '../router/router.js';

export function Header() {
  const { user, ready } = useAuth();
  const [signingOut, setSigningOut] = useState(false);

  const signOut = async () => {
    setSigningOut(true);
    try {
      await auth.logout();
    } finally {
      setSigningOut(false);
    }
    navigate('/');
  };

  const modules = MODULES.filter((module) => !module.staffOnly || user?.is_staff);
  return (
    <header class="site-header">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <div class="container header-inner">
        <Link href="/" class="brand" aria-label="Roomful home">
          <span class="brand-mark" aria-hidden="true" />
          Roomful
        </Link>
        <nav class="site-nav" aria-label="Modules">
          <ul>
            {modules.map((module) => (
              <li key={module.key}>
                <Link href={module.href} activePrefix={module.sections ?? true}>
                  {module.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account" aria-live="polite">
          {!ready ? null : user ? (
            <>
              <span class="account-user">
                <span class="visually-hidden">Signed in as </span>
                <span class="account-name" title={user.username}>
                  {user.display_name || user.username}
                </span>
              </span>
              <button type="button" class="button button-secondary" onClick={signOut} disabled={signingOut}>
                {signingOut ? 'Signing out…' : 'Sign out'}
              </button>
            </>
          ) : (
            <>
              <Link href="/login/">Sign in</Link>
              <Link href="/register/" class="button">
                Register
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
