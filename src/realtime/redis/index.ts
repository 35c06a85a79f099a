/**
 * Builds the Redis realtime ports. The only module that opens Redis connections: three per process,
 * one for the bus's publishes, one for its subscriptions (a subscribed connection can run nothing
 * else) and one shared by presence and the ephemeral store, so a burst of room messages never queues
 * behind rate-limit checks or the other way round.
 */
import { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { Realtime } from '../index.js';
import type { ErrorSink } from './lua.js';
import { RedisBus } from './redis-bus.js';
import { RedisEphemeralStore } from './redis-ephemeral.js';
import { type RedisPresenceOptions, RedisPresence } from './redis-presence.js';

export { RedisBus } from './redis-bus.js';
export { RedisEphemeralStore } from './redis-ephemeral.js';
export { RedisPresence } from './redis-presence.js';

export interface RedisRealtimeOptions {
  url: string;
  /** Prefix of every key and channel. */
  prefix: string;
  /** Recorded messages kept per topic. */
  recoveryWindow: number;
  clock: Clock;
  /** Heartbeat timing (tests shorten it to see a dead node vanish quickly). */
  presence?: Pick<RedisPresenceOptions, 'heartbeatMs' | 'ttlMs'>;
  /** Receives connection errors and errors with no caller (default: a throttled line on stderr). */
  onError?: ErrorSink;
}

/** The Redis flavour of {@link Realtime}, typed with the concrete classes (tests use `abandon`). */
export interface RedisRealtime extends Realtime {
  kind: 'redis';
  bus: RedisBus;
  presence: RedisPresence;
  store: RedisEphemeralStore;
}

/** Logs at most one error per 10 s: a Redis outage emits one on every reconnect attempt. */
function throttledStderr(): ErrorSink {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < 10_000) return;
    last = now;
    console.error('[roomful] redis:', error instanceof Error ? error.message : error);
  };
}

/**
 * Opens one connection that reconnects forever but fails single commands fast (after 2 retries),
 * so a Redis outage turns into errors for the requests at hand instead of requests piling up.
 */
export function connectRedis(url: string, onError: ErrorSink): Redis {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableAutoPipelining: false });
  // Without a listener, an 'error' event would crash the process.
  redis.on('error', onError);
  return redis;
}

/**
 * Connects and builds bus, presence and store. Rejects (and closes what it opened) when Redis does
 * not answer a PING, so a wrong URL fails at start-up rather than on the first request.
 */
export async function createRedisRealtime(options: RedisRealtimeOptions): Promise<RedisRealtime> {
  const onError = options.onError ?? throttledStderr();
  const publisher = connectRedis(options.url, onError);
  const subscriber = connectRedis(options.url, onError);
  const commands = connectRedis(options.url, onError);
  const connections = [publisher, subscriber, commands];
  try {
    await Promise.all([publisher.ping(), subscriber.ping(), commands.ping()]);
  } catch (error) {
    for (const connection of connections) connection.disconnect();
    throw error;
  }
  const { prefix } = options;
  const bus = new RedisBus({
    publisher,
    subscriber,
    prefix,
    recoveryWindow: options.recoveryWindow,
    onError,
  });
  const presence = new RedisPresence({ redis: commands, prefix, onError, ...options.presence });
  const store = new RedisEphemeralStore({ redis: commands, prefix, clock: options.clock });
  let closing: Promise<void> | undefined;
  return {
    bus,
    presence,
    store,
    kind: 'redis',
    ping: async () => {
      await commands.ping();
    },
    close: () =>
      (closing ??= (async () => {
        // Ports first (presence removes this node's entries), then the connections, whatever failed.
        await Promise.allSettled([bus.close(), presence.close(), store.close()]);
        await Promise.allSettled(connections.map((connection) => connection.quit()));
        for (const connection of connections) connection.disconnect();
      })()),
  };
}
