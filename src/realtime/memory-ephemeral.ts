/** In-process ephemeral store. Expiry is checked lazily against the injected clock (no timers). */
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { EphemeralStore, RateLimitResult, RateLimitRule } from './ephemeral.js';

interface Entry {
  value: string | Set<string>;
  expiresAt: number | null;
}

export class MemoryEphemeralStore implements EphemeralStore {
  private readonly entries = new Map<string, Entry>();
  // Rate limits live apart from stored values, so a limiter never overwrites a key of the same name.
  /** Hit times per rate-limit key, oldest first, and when the newest leaves its window. */
  private readonly hits = new Map<string, { times: number[]; expiresAt: number }>();
  /** Cooldown end per rate-limit key. */
  private readonly cooldowns = new Map<string, number>();
  private writes = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /**
   * Expiry is lazy, so keys nobody reads again would stay forever (one per throttled IP...): every
   * 1024 writes, drop everything expired. Amortized O(1), and no timer to stop.
   */
  private sweep(): void {
    if (++this.writes % 1024 !== 0) return;
    const now = this.clock.now();
    for (const [key, e] of this.entries)
      if (e.expiresAt !== null && e.expiresAt <= now) this.entries.delete(key);
    for (const [key, h] of this.hits) if (h.expiresAt <= now) this.hits.delete(key);
    for (const [key, end] of this.cooldowns) if (end <= now) this.cooldowns.delete(key);
  }

  private expiry(ttlMs?: number): number | null {
    this.sweep();
    return ttlMs === undefined ? null : this.clock.now() + ttlMs;
  }

  async get(key: string): Promise<string | null> {
    const v = this.live(key)?.value;
    return typeof v === 'string' ? v : null;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.expiry(ttlMs) });
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.expiry(ttlMs) });
    return true;
  }

  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async ttl(key: string): Promise<number | null> {
    const entry = this.live(key);
    return entry?.expiresAt == null ? null : entry.expiresAt - this.clock.now();
  }

  async incr(key: string, by = 1, ttlMs?: number): Promise<number> {
    const entry = this.live(key);
    const next = (entry && typeof entry.value === 'string' ? Number(entry.value) || 0 : 0) + by;
    // Like Redis INCR: the TTL is set when the key is created and kept afterwards.
    this.entries.set(key, { value: String(next), expiresAt: entry ? entry.expiresAt : this.expiry(ttlMs) });
    return next;
  }

  private set_(key: string): Set<string> {
    const entry = this.live(key);
    if (entry && entry.value instanceof Set) return entry.value;
    const created = new Set<string>();
    this.entries.set(key, { value: created, expiresAt: null });
    return created;
  }

  async setAdd(key: string, member: string): Promise<void> {
    this.set_(key).add(member);
  }

  async setRemove(key: string, member: string): Promise<void> {
    const entry = this.live(key);
    if (entry?.value instanceof Set) {
      entry.value.delete(member);
      if (entry.value.size === 0) this.entries.delete(key);
    }
  }

  async setHas(key: string, member: string): Promise<boolean> {
    const v = this.live(key)?.value;
    return v instanceof Set && v.has(member);
  }

  async setMembers(key: string): Promise<string[]> {
    const v = this.live(key)?.value;
    return v instanceof Set ? [...v] : [];
  }

  async hit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const now = this.clock.now();
    const cooldownEnd = this.cooldowns.get(key) ?? 0;
    if (cooldownEnd > now) return { allowed: false, retryAfterMs: cooldownEnd - now, count: rule.limit };
    this.cooldowns.delete(key);
    this.sweep();
    const hits = (this.hits.get(key)?.times ?? []).filter((t) => t > now - rule.windowMs);
    const expiresAt = (hits[hits.length - 1] ?? now) + rule.windowMs;
    if (hits.length >= rule.limit) {
      this.hits.set(key, { times: hits, expiresAt });
      const cooldownMs = rule.cooldownMs ?? 0;
      if (cooldownMs > 0) {
        this.cooldowns.set(key, now + cooldownMs);
        return { allowed: false, retryAfterMs: cooldownMs, count: hits.length };
      }
      const oldest = hits[0] ?? now;
      return { allowed: false, retryAfterMs: oldest + rule.windowMs - now, count: hits.length };
    }
    hits.push(now);
    this.hits.set(key, { times: hits, expiresAt: now + rule.windowMs });
    return { allowed: true, retryAfterMs: 0, count: hits.length };
  }

  async resetHits(key: string): Promise<void> {
    this.hits.delete(key);
    this.cooldowns.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.hits.clear();
    this.cooldowns.clear();
  }
}
