/**
 * Login throttling against password guessing: failed attempts are counted per client IP and per
 * account in the shared ephemeral store; past the limit, attempts are refused with 429 until the
 * window has passed, even with the right password. A success clears the account's count (not the
 * IP's, so one valid account cannot be used to reset an attacker's budget).
 */
import { tooManyRequests } from '../../server/errors.js';
import type { AccountsDeps } from './deps.js';

export interface LoginKeys {
  ip: string;
  account: string;
}

/** Store keys for an attempt: the account key is the user id when known, else the name tried. */
export function loginKeys(ip: string, userId: string | undefined, identifier: string): LoginKeys {
  return {
    ip: `login:ip:${ip}`,
    account: userId ? `login:user:${userId}` : `login:name:${identifier.toLowerCase()}`,
  };
}

const blockKey = (key: string) => `${key}:blocked`;

/** Throws a 429 (with Retry-After) when either key is blocked. Does not count the attempt. */
export async function assertLoginAllowed(deps: AccountsDeps, keys: LoginKeys): Promise<void> {
  for (const key of [keys.ip, keys.account]) {
    const remainingMs = await deps.store.ttl(blockKey(key));
    if (remainingMs !== null && remainingMs > 0) {
      const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
      throw tooManyRequests(seconds, `Too many failed login attempts. Try again in ${seconds} seconds.`);
    }
  }
}

/**
 * Counts a failed attempt against both keys; the attempt that reaches a limit blocks that key for
 * one window. The sliding-window counter is atomic, so concurrent failures are all counted.
 */
export async function recordLoginFailure(deps: AccountsDeps, keys: LoginKeys): Promise<void> {
  const windowMs = deps.config.loginWindowSeconds * 1000;
  const limits: Array<[string, number]> = [
    [keys.ip, deps.config.loginMaxPerIp],
    [keys.account, deps.config.loginMaxPerAccount],
  ];
  for (const [key, limit] of limits) {
    const result = await deps.store.hit(key, { limit, windowMs });
    if (!result.allowed || result.count >= limit) await deps.store.set(blockKey(key), '1', windowMs);
  }
}

/** After a successful login: the account starts afresh. */
export async function clearAccountFailures(deps: AccountsDeps, keys: LoginKeys): Promise<void> {
  await deps.store.resetHits(keys.account);
  await deps.store.del(blockKey(keys.account));
}
