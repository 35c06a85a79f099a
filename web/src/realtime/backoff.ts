/**
 * Reconnect delays: exponential growth with "full jitter" (a uniform draw between 0 and the
 * exponential ceiling), so that thousands of clients dropped by one server restart do not all
 * come back in the same instant. Pure; the client owns the timer.
 */

export interface BackoffOptions {
  /** Ceiling of the first retry, in ms. */
  initialMs: number;
  /** The ceiling never grows past this, in ms. */
  maxMs: number;
  /** Growth of the ceiling per failed attempt. */
  factor: number;
  /** A connection that stayed open this long resets the schedule, in ms. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000, factor: 2, stableMs: 10_000 };

/** The largest delay allowed before retry number `attempt` (0 for the first retry). */
export function backoffCeiling(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.floor(attempt));
  // Capping the exponent keeps factor ** exponent finite for absurd attempt counts.
  const raw = options.initialMs * options.factor ** Math.min(exponent, 64);
  return Math.min(options.maxMs, raw);
}

/** A full-jitter delay for retry number `attempt`: uniform in [0, ceiling]. */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(r * backoffCeiling(attempt, options));
}

/** The retry counter of one connection: `next()` after each failure, `reset()` after a stable connection. */
export class Backoff {
  private attempt = 0;

  constructor(
    readonly options: BackoffOptions = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** Retries made since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** The delay before the next retry; advances the schedule. */
  next(): number {
    const delay = backoffDelay(this.attempt, this.random, this.options);
    this.attempt += 1;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }

  /** Resets when a connection that opened at `openedAt` lasted at least `stableMs` until `closedAt`. */
  noteConnectionEnded(openedAt: number | null, closedAt: number): void {
    if (openedAt !== null && closedAt - openedAt >= this.options.stableMs) this.reset();
  }
}
