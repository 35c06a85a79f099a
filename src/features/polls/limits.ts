/**
 * Anti-stuffing limits of the polls module. Read from the environment here (the module's own knobs):
 * POLLS_VOTES_PER_CONNECTION (burst, default 20) refilled at POLLS_VOTES_PER_SECOND (default 2) per
 * connection; POLLS_VOTES_PER_ADDRESS per minute (default 600, 0 turns it off), not applied to
 * loopback addresses unless POLLS_LIMIT_LOOPBACK=1 (local load tests and one-machine setups).
 */
export interface PollLimits {
  connectionBurst: number;
  connectionPerSecond: number;
  perAddressPerMinute: number;
  limitLoopback: boolean;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

export function pollLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): PollLimits {
  return {
    connectionBurst: Math.max(1, intEnv(env, 'POLLS_VOTES_PER_CONNECTION', 20)),
    connectionPerSecond: Math.max(0, intEnv(env, 'POLLS_VOTES_PER_SECOND', 2)),
    perAddressPerMinute: intEnv(env, 'POLLS_VOTES_PER_ADDRESS', 600),
    limitLoopback: ['1', 'true', 'yes'].includes(env.POLLS_LIMIT_LOOPBACK ?? ''),
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
