/** Any path no route claims. */
import { Link, useTitle } from '../router/router.js';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <section class="page page-narrow" aria-labelledby="page-title">
      <h1 id="page-title">Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link href="/" class="button">
          Go to the home page
        </Link>
      </p>
    </section>
  );
}
