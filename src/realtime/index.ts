/**
 * Builds the realtime ports for a server: in-process by default, Redis when a URL is given.
 * ioredis is imported only under ./redis, and only loaded when Redis is configured.
 */
import type { Bus } from './bus.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { EphemeralStore } from './ephemeral.js';
import { MemoryBus } from './memory-bus.js';
import { MemoryEphemeralStore } from './memory-ephemeral.js';
import { MemoryPresence } from './memory-presence.js';
import type { Presence } from './presence.js';

export type { Bus, BusMessage } from './bus.js';
export type { Clock } from './clock.js';
export type { EphemeralStore, RateLimitRule, RateLimitResult } from './ephemeral.js';
export type { Presence, PresenceEntry } from './presence.js';

export interface Realtime {
  bus: Bus;
  presence: Presence;
  store: EphemeralStore;
  kind: 'memory' | 'redis';
  /** Throws when the backing service does not answer (readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface RealtimeOptions {
  redisUrl?: string | undefined;
  /** Prefix of every Redis key and channel (tests use a unique one). */
  redisPrefix?: string;
  recoveryWindow?: number;
  /** Redis presence: a node silent for this long is dead (its heartbeat runs at a third of it). */
  presenceTtlMs?: number;
  clock?: Clock;
}

export async function createRealtime(options: RealtimeOptions = {}): Promise<Realtime> {
  const clock = options.clock ?? systemClock;
  if (options.redisUrl) {
    const { createRedisRealtime } = await import('./redis/index.js');
    return createRedisRealtime({
      url: options.redisUrl,
      prefix: options.redisPrefix ?? 'rf:',
      recoveryWindow: options.recoveryWindow ?? 500,
      clock,
      presence: options.presenceTtlMs
        ? { ttlMs: options.presenceTtlMs, heartbeatMs: Math.max(100, Math.floor(options.presenceTtlMs / 3)) }
        : {},
    });
  }
  const bus = new MemoryBus(options.recoveryWindow ?? 500);
  const presence = new MemoryPresence();
  const store = new MemoryEphemeralStore(clock);
  return {
    bus,
    presence,
    store,
    kind: 'memory',
    ping: async () => {},
    close: async () => {
      await Promise.all([bus.close(), presence.close(), store.close()]);
    },
  };
}
