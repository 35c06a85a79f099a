/**
 * The ephemeral store port: short-lived shared state (mutes, bans, cooldowns, grace timers, login
 * throttles) with TTLs, and an atomic sliding-window rate limiter. Memory by default, Redis when
 * configured, so every process sees the same limits.
 */
export interface RateLimitRule {
  /** Hits allowed inside one window. */
  limit: number;
  windowMs: number;
  /** After the limit is passed, every hit is refused for this long (0: refuse only while over the limit). */
  cooldownMs?: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** When refused: milliseconds until a hit may be allowed again. */
  retryAfterMs: number;
  /** Hits counted in the current window, this one included when allowed. */
  count: number;
}

export interface EphemeralStore {
  get(key: string): Promise<string | null>;
  /** Sets `key`; with `ttlMs` it vanishes after that long. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only if absent; returns true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Remaining time to live in ms; null when the key is absent or has no TTL. */
  ttl(key: string): Promise<number | null>;
  /** Atomically adds `by` (default 1) to an integer key and returns the result. */
  incr(key: string, by?: number, ttlMs?: number): Promise<number>;
  setAdd(key: string, member: string): Promise<void>;
  setRemove(key: string, member: string): Promise<void>;
  setHas(key: string, member: string): Promise<boolean>;
  setMembers(key: string): Promise<string[]>;
  /** Counts a hit against `key` under `rule`, atomically across processes. */
  hit(key: string, rule: RateLimitRule): Promise<RateLimitResult>;
  /** Forgets a rate-limit key (e.g. after a successful login). */
  resetHits(key: string): Promise<void>;
  close(): Promise<void>;
}
