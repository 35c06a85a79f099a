/**
 * Click rate limits. Per connection: a token bucket in process memory (a connection lives in one
 * process), refilled continuously on the injected clock. Per client address: the shared ephemeral
 * store's atomic limiter (Redis when configured), so one address spreading its connections over
 * several processes still gets one budget.
 */
import type { EphemeralStore } from '../../realtime/index.js';

/** A token bucket: `capacity` tokens, refilled at `ratePerSecond`; each accepted hit takes one. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes a token if one is there; false means the hit is over the limit. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last);
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.ratePerSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Per-address limit across processes: `perSecond` hits in any one-second window. */
export async function addressAllows(
  store: EphemeralStore,
  address: string,
  perSecond: number,
): Promise<boolean> {
  const result = await store.hit(`clicks:addr:${address}`, { limit: perSecond, windowMs: 1000 });
  return result.allowed;
}
