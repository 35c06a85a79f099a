/** The page a module shows until it is built: its name, a plain sentence, and a way back. */
import { Link, useTitle } from '../router/router.js';

export interface ModuleUnavailableProps {
  /** The module's name as the home page shows it, e.g. "Click wall". */
  name: string;
  description?: string;
}

export function ModuleUnavailable({ name, description }: ModuleUnavailableProps) {
  useTitle(name);
  return (
    <section class="page page-narrow unavailable" aria-labelledby="page-title">
      <p class="eyebrow">{name}</p>
      <h1 id="page-title">This module is not available yet</h1>
      {description ? <p class="lead">{description}</p> : null}
      <p>It is being built. Everything else in Roomful keeps working in the meantime.</p>
      <p>
        <Link href="/" class="button">
          Back to the home page
        </Link>
      </p>
    </section>
  );
}
