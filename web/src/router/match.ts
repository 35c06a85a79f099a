/**
 * Path patterns for the client-side router. Every page path ends with a slash, as the seeds' pages
 * do (`/reset-password/<uid>/<token>/`). Patterns: literal segments, `:name` for one segment, and a
 * final `*` for "this prefix and anything below it" (captured as `rest`). Pure; no DOM.
 */

export type Params = Record<string, string>;

/**
 * The canonical form of a path: one leading slash, no empty segments, a trailing slash (unless the
 * last segment looks like a file, e.g. `/favicon.svg`).
 */
export function normalizePath(path: string): string {
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) return '/';
  const joined = `/${segments.join('/')}`;
  const last = segments[segments.length - 1] ?? '';
  return /\.[a-z0-9]{1,8}$/i.test(last) ? joined : `${joined}/`;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The params of `path` under `pattern`, or null when it does not match. */
export function matchPath(pattern: string, path: string): Params | null {
  const want = pattern.split('/').filter(Boolean);
  const have = normalizePath(path).split('/').filter(Boolean);
  const params: Params = {};
  for (let i = 0; i < want.length; i += 1) {
    const part = want[i] ?? '';
    if (part === '*' && i === want.length - 1) {
      const rest = have.slice(i).map((s) => decode(s));
      if (rest.some((s) => s === null)) return null;
      params.rest = rest.join('/');
      return params;
    }
    const segment = have[i];
    if (segment === undefined) return null;
    if (part.startsWith(':')) {
      const value = decode(segment);
      if (value === null || value === '') return null;
      params[part.slice(1)] = value;
    } else if (part !== segment) {
      return null;
    }
  }
  return have.length === want.length ? params : null;
}

export interface RouteMatch<R> {
  route: R;
  params: Params;
}

/** The first route whose pattern matches, in table order. */
export function findRoute<R extends { path: string }>(
  routes: readonly R[],
  path: string,
): RouteMatch<R> | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

/**
 * A `next=` target that is safe to send the user to after signing in: a path on this site, never
 * another origin (`//evil.example`, `https://...`, `/\\evil`).
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  for (let i = 0; i < next.length; i += 1) if (next.charCodeAt(i) < 0x20) return fallback;
  return next;
}

/**
 * Whether a link to `target` is the current page at `path`: exactly (no prefixes), under the link's
 * own path (`true`), or under any of the given prefixes (a module whose pages live in several trees).
 */
export function isCurrentLink(path: string, target: string, prefixes?: boolean | readonly string[]): boolean {
  const list = prefixes === true ? [target] : Array.isArray(prefixes) ? prefixes : null;
  return list ? list.some((prefix) => path.startsWith(prefix)) : normalizePath(path) === target;
}
