/** The app shell: picks the page for the current path and wraps it in the header and footer. */
import { useEffect, useRef } from 'preact/hooks';
import { Header } from './components/Header.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { findRoute, normalizePath } from './router/match.js';
import { navigate, useLocation } from './router/router.js';
import { routes } from './routes.js';

export function App() {
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const canonical = normalizePath(location.path);

  // Page paths end with a slash; fix the address bar instead of showing a second URL for one page.
  useEffect(() => {
    if (canonical !== location.path)
      navigate(`${canonical}${location.search}${location.hash}`, { replace: true });
  }, [canonical, location.path, location.search, location.hash]);

  // After in-app navigation, start at the top and move focus to the new page (screen readers
  // announce it, keyboard users continue from there). Not on first load: the browser handles that.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [canonical]);

  const match = findRoute(routes, canonical);
  const Page = match?.route.component ?? NotFoundPage;
  const params = match?.params ?? {};
  const bare = match?.route.bare === true;

  // Bare pages (OBS overlays) get a transparent page background (see `html.bare` in styles.css).
  useEffect(() => {
    document.documentElement.classList.toggle('bare', bare);
  }, [bare]);

  if (bare) return <Page key={canonical} params={params} />;
  return (
    <>
      <Header />
      <main id="main" ref={main} tabIndex={-1} class="container site-main">
        <Page key={canonical} params={params} />
      </main>
      <footer class="site-footer">
        <div class="container">
          Roomful · <a href="/docs">API documentation</a>
        </div>
      </footer>
    </>
  );
}
