/**
 * The app's one auth store (on the page's localStorage) and the authenticated fetch every feature
 * uses: `api('/api/runs/')`, `api('/api/runs/', { body: {...} })`.
 */
import { useEffect, useState } from 'preact/hooks';
import { AuthStore, type AuthSnapshot } from './auth-store.js';
import type { HttpRequest } from './http.js';

export const auth = new AuthStore({ storage: window.localStorage, events: window });

/** A JSON request with `Authorization: Bearer <access>` when signed in (refreshed and retried once on 401). */
export function api<T>(path: string, request: Omit<HttpRequest, 'token'> = {}): Promise<T> {
  return auth.request<T>(path, request);
}

/** The signed-in user (or null) and whether start-up has finished; re-renders on change. */
export function useAuth(): AuthSnapshot {
  const [snapshot, setSnapshot] = useState(auth.state);
  useEffect(() => {
    setSnapshot(auth.state);
    return auth.subscribe(setSnapshot);
  }, []);
  return snapshot;
}
