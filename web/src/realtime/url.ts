/**
 * WebSocket URLs for the gateway: same host as the page, `wss:` when the page is served over
 * https, `?seq=1` so frames carry sequence numbers, and `since` to recover what was missed.
 */

export interface PageLocation {
  protocol: string;
  host: string;
}

export interface SocketUrlParams {
  token?: string | null | undefined;
  /** The last sequence number seen; the server replays everything after it. */
  since?: number | null | undefined;
  /** Extra query parameters the endpoint understands. */
  query?: Record<string, string | number | boolean | undefined>;
}

/** `ws://host/<path>?seq=1[&token=..][&since=N]` for a path such as `/ws/runs/5/`. */
export function buildSocketUrl(path: string, location: PageLocation, params: SocketUrlParams = {}): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = new URL(path.startsWith('/') ? path : `/${path}`, `${scheme}//${location.host}`);
  for (const [key, value] of Object.entries(params.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  url.searchParams.set('seq', '1');
  if (params.token) url.searchParams.set('token', params.token);
  if (params.since !== null && params.since !== undefined && Number.isFinite(params.since)) {
    url.searchParams.set('since', String(params.since));
  }
  return url.toString();
}
