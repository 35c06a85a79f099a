/**
 * The ephemeral store over Redis, so every process sees the same mutes, cooldowns and limits.
 *
 * Keys: `<prefix>e:<key>` for values and sets, `<prefix>rl:<key>` (sorted set of hit times) and
 * `<prefix>rlc:<key>` (cooldown end) for rate limits, so a limiter never collides with a stored
 * value of the same name. TTLs of plain keys run on Redis's own clock; the rate limiter runs on the
 * injected clock (its time is passed to the script), so fake clocks drive it in tests, and Redis
 * expiry there only collects keys nobody uses any more.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { EphemeralStore, RateLimitResult, RateLimitRule } from '../ephemeral.js';
import { LuaScript } from './lua.js';

/** INCRBY that sets the TTL only when it creates the key, as the memory store does. */
const INCR = new LuaScript(`
local existed = redis.call('EXISTS', KEYS[1])
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 and tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value
`);

/**
 * Sliding window: drop hits older than the window, refuse when `limit` remain (starting the
 * cooldown if any), else record this hit. Returns {allowed, retryAfterMs, count}.
 */
const HIT = new LuaScript(`
local now, window, limit, cooldown = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local cooldownEnd = tonumber(redis.call('GET', KEYS[2]) or '0')
if cooldownEnd > now then return {0, cooldownEnd - now, limit} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  if cooldown > 0 then
    redis.call('SET', KEYS[2], now + cooldown, 'PX', cooldown + tonumber(ARGV[6]))
    return {0, cooldown, count}
  end
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
  return {0, (tonumber(oldest) or now) + window - now, count}
end
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], window + tonumber(ARGV[6]))
return {1, 0, count + 1}
`);

/**
 * Extra life of rate-limit keys past their window or cooldown. Their contents are judged by the
 * injected clock, not by Redis's, so Redis must not drop them early when the two disagree (skewed
 * server clocks, fake clocks in tests); the slack only delays collecting abandoned keys.
 */
const EXPIRY_SLACK_MS = 1_000;

/** Redis rejects PX 0 and fractions; a TTL that small means "gone almost at once" anyway. */
function px(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}

export interface RedisEphemeralOptions {
  /** Owned by the caller. */
  redis: Redis;
  prefix: string;
  clock: Clock;
}

/** {@link EphemeralStore} over Redis keys, with the rate limiter as one Lua script. */
export class RedisEphemeralStore implements EphemeralStore {
  private readonly redis: Redis;
  /** Makes hit members unique across processes: two hits in the same millisecond are two hits. */
  private readonly instance = randomBytes(6).toString('hex');
  private hits = 0;

  constructor(private readonly options: RedisEphemeralOptions) {
    this.redis = options.redis;
  }

  private key(key: string): string {
    return `${this.options.prefix}e:${key}`;
  }

  async get(key: string): Promise<string | null> {
    return this.redis.get(this.key(key));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.redis.set(this.key(key), value);
    else await this.redis.set(this.key(key), value, 'PX', px(ttlMs));
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const reply =
      ttlMs === undefined
        ? await this.redis.set(this.key(key), value, 'NX')
        : await this.redis.set(this.key(key), value, 'PX', px(ttlMs), 'NX');
    return reply === 'OK';
  }

  async del(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  async ttl(key: string): Promise<number | null> {
    const ms = await this.redis.pttl(this.key(key));
    return ms < 0 ? null : ms; // -2: absent, -1: no TTL
  }

  async incr(key: string, by = 1, ttlMs?: number): Promise<number> {
    const ttl = ttlMs === undefined ? 0 : px(ttlMs);
    return Number(await INCR.run(this.redis, [this.key(key)], [by, ttl]));
  }

  async setAdd(key: string, member: string): Promise<void> {
    await this.redis.sadd(this.key(key), member);
  }

  async setRemove(key: string, member: string): Promise<void> {
    await this.redis.srem(this.key(key), member);
  }

  async setHas(key: string, member: string): Promise<boolean> {
    return (await this.redis.sismember(this.key(key), member)) === 1;
  }

  async setMembers(key: string): Promise<string[]> {
    return this.redis.smembers(this.key(key));
  }

  async hit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const { prefix, clock } = this.options;
    const args = [
      clock.now(),
      px(rule.windowMs),
      rule.limit,
      Math.ceil(rule.cooldownMs ?? 0),
      `${this.instance}:${++this.hits}`,
      EXPIRY_SLACK_MS,
    ];
    const reply = (await HIT.run(
      this.redis,
      [`${prefix}rl:${key}`, `${prefix}rlc:${key}`],
      args,
    )) as number[];
    return { allowed: reply[0] === 1, retryAfterMs: reply[1] ?? 0, count: reply[2] ?? 0 };
  }

  async resetHits(key: string): Promise<void> {
    await this.redis.del(`${this.options.prefix}rl:${key}`, `${this.options.prefix}rlc:${key}`);
  }

  /** Nothing to release: the connection belongs to the caller. */
  async close(): Promise<void> {}
}
