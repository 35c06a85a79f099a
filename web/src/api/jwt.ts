/**
 * Reads (never verifies) a JWT's payload in the browser, as Wiperino's pages do: the server checks
 * signatures; the page only needs `exp` to know when to refresh, and the user's name to show.
 */

export interface JwtPayload {
  exp?: number;
  iat?: number;
  sub?: string;
  user_id?: string | number;
  username?: string;
  display_name?: string;
  /** Percent-encoded display name (Roomful's tokens). */
  dn?: string;
  is_guest?: boolean;
  is_staff?: boolean;
  is_premium?: boolean;
  [claim: string]: unknown;
}

function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The payload of a three-part token, or null when it is not one. */
export function decodeJwtPayload(token: string | null | undefined): JwtPayload | null {
  if (!token) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(base64UrlDecode(parts[1]));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as JwtPayload)
      : null;
  } catch {
    return null;
  }
}

/** When the token expires, in ms since the epoch (null: no token or no `exp`). */
export function expiresAt(token: string | null | undefined): number | null {
  const exp = decodeJwtPayload(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
}

/** True when the token is missing, unreadable, or expires within `marginMs` of `now`. */
export function isExpired(token: string | null | undefined, now: number, marginMs = 0): boolean {
  const at = expiresAt(token);
  return at === null || at - marginMs <= now;
}

/**
 * How long to wait before refreshing an access token: a minute before it expires, or at 80% of its
 * life for short-lived tokens, never sooner than `minMs`.
 */
export function refreshDelay(token: string, now: number, minMs = 1000): number | null {
  const at = expiresAt(token);
  if (at === null) return null;
  const issued = decodeJwtPayload(token)?.iat;
  const lifetime = typeof issued === 'number' ? at - issued * 1000 : Number.POSITIVE_INFINITY;
  const lead = Math.min(60_000, lifetime * 0.2);
  return Math.max(minMs, at - lead - now);
}
