/**
 * Anti-stuffing limits of the polls module, taken from the one typed config (src/server/config.ts:
 * POLLS_VOTES_PER_CONNECTION burst, default 20, refilled at POLLS_VOTES_PER_SECOND, default 2, per
 * connection; POLLS_VOTES_PER_ADDRESS per minute, default 600, 0 turns it off, not applied to loopback
 * addresses unless POLLS_LIMIT_LOOPBACK=1, for local load tests and one-machine setups).
 */
import type { Config } from '../../server/config.js';

export interface PollLimits {
  connectionBurst: number;
  connectionPerSecond: number;
  perAddressPerMinute: number;
  limitLoopback: boolean;
}

/** The module's limits from the deployment config (read once at registration). */
export function pollLimitsFromConfig(
  config: Pick<
    Config,
    'pollsVotesPerConnection' | 'pollsVotesPerSecond' | 'pollsVotesPerAddress' | 'pollsLimitLoopback'
  >,
): PollLimits {
  return {
    connectionBurst: Math.max(1, Math.floor(config.pollsVotesPerConnection)),
    connectionPerSecond: Math.max(0, config.pollsVotesPerSecond),
    perAddressPerMinute: Math.max(0, Math.floor(config.pollsVotesPerAddress)),
    limitLoopback: config.pollsLimitLoopback,
  };
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * A token bucket kept in the connection's own state (no timer): `state` holds tokens and the time
 * of the last refill. Returns false when the connection has no vote left right now.
 */
export function takeToken(state: { tokens: number; at: number }, limits: PollLimits, now: number): boolean {
  const refill = ((now - state.at) / 1000) * limits.connectionPerSecond;
  state.tokens = Math.min(limits.connectionBurst, state.tokens + Math.max(0, refill));
  state.at = now;
  if (state.tokens < 1) return false;
  state.tokens -= 1;
  return true;
}
