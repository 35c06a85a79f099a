// Runs the realtime port contracts against the in-process implementations and against Redis.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/realtime/clock.js';
import { createRealtime } from '../../src/realtime/index.js';
import { MemoryBus } from '../../src/realtime/memory-bus.js';
import { MemoryEphemeralStore } from '../../src/realtime/memory-ephemeral.js';
import { MemoryPresence, MemoryPresenceHub } from '../../src/realtime/memory-presence.js';
import {
  type RedisRealtime,
  type RedisRealtimeOptions,
  RedisPresence,
  connectRedis,
  createRedisRealtime,
} from '../../src/realtime/redis/index.js';
import { redisUrl, uniqueRedisPrefix } from '../helpers/services.js';
import { busContract } from './bus.contract.js';
import { ephemeralContract } from './ephemeral.contract.js';
import { presenceContract } from './presence.contract.js';

/** Listener errors the contracts provoke on purpose are expected; anything else is printed. */
function quietErrors(error: unknown): void {
  if (error instanceof Error && error.message.includes('expected in this test')) return;
  console.error(error);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- memory: "processes" of one backend share one instance or hub, as in-process servers do ----

busContract('memory', ({ recoveryWindow }) => {
  const bus = new MemoryBus(recoveryWindow, quietErrors);
  return { open: async () => bus, dispose: () => bus.close() };
});

presenceContract('memory', () => {
  const hub = new MemoryPresenceHub();
  const nodes: MemoryPresence[] = [];
  return {
    open: async () => {
      const node = new MemoryPresence(hub);
      nodes.push(node);
      return node;
    },
    dispose: async () => {
      await Promise.all(nodes.map((n) => n.close()));
    },
  };
});

ephemeralContract('memory', () => {
  const clock = new FakeClock();
  const store = new MemoryEphemeralStore(clock);
  return { open: async () => store, advance: async (ms) => clock.advance(ms), dispose: () => store.close() };
});

// ---- Redis: each "process" has its own connections; one key prefix per test ----

/** Opens realtimes on one fresh prefix; dispose closes them and deletes every key under the prefix. */
function redisBackend(options: Partial<RedisRealtimeOptions> = {}) {
  const prefix = uniqueRedisPrefix();
  const opened: RedisRealtime[] = [];
  return {
    open: async () => {
      const realtime = await createRedisRealtime({
        url: redisUrl!,
        prefix,
        recoveryWindow: 500,
        clock: new FakeClock(),
        onError: quietErrors,
        ...options,
      });
      opened.push(realtime);
      return realtime;
    },
    dispose: async () => {
      await Promise.all(opened.map((r) => r.close()));
      const redis = connectRedis(redisUrl!, quietErrors);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}

describe.skipIf(!redisUrl)('Redis', () => {
  busContract('redis', ({ recoveryWindow }) => {
    const backend = redisBackend({ recoveryWindow });
    return { open: async () => (await backend.open()).bus, dispose: backend.dispose };
  });

  presenceContract('redis', () => {
    // Short heartbeat so a crashed node is seen dead within a test.
    const backend = redisBackend({ presence: { heartbeatMs: 100, ttlMs: 400 } });
    return {
      open: async () => (await backend.open()).presence,
      crash: async (node) => {
        if (!(node instanceof RedisPresence)) throw new Error('not a Redis node');
        node.abandon();
      },
      deadAfterMs: 600,
      dispose: backend.dispose,
    };
  });

  ephemeralContract('redis', () => {
    // The rate limiter reads this fake clock; plain TTLs run on Redis's clock, so time moves on both.
    const clock = new FakeClock();
    const backend = redisBackend({ clock });
    return {
      open: async () => (await backend.open()).store,
      advance: async (ms) => {
        clock.advance(ms);
        await sleep(ms);
      },
      dispose: backend.dispose,
    };
  });

  it('a live node taken for dead (stall, outage) writes its entries back on its next heartbeat', async () => {
    const prefix = uniqueRedisPrefix();
    const options = {
      url: redisUrl!,
      prefix,
      recoveryWindow: 1,
      clock: new FakeClock(),
      onError: quietErrors,
    };
    const a = await createRedisRealtime({ ...options, presence: { heartbeatMs: 50, ttlMs: 5_000 } });
    const b = await createRedisRealtime(options);
    const redis = connectRedis(redisUrl!, quietErrors);
    try {
      await a.presence.join('room', 'ann', { x: 1 });
      await a.presence.join('room', 'ann', { x: 1 });
      await redis.del(`${prefix}node:${a.presence.nodeId}`); // as if its key had expired
      expect(await b.presence.count('room')).toBe(0); // B purges the "dead" entries
      await sleep(200);
      const entries = await b.presence.list('room');
      expect(entries).toEqual([
        { memberId: 'ann', nodeId: a.presence.nodeId, connections: 2, info: { x: 1 } },
      ]);
      expect(await b.presence.join('room', 'ann', {})).toBe(false);
    } finally {
      await Promise.all([a.close(), b.close(), redis.quit()]);
    }
  });

  it('createRealtime picks Redis for a URL, pings it, and closes cleanly', async () => {
    const realtime = await createRealtime({ redisUrl, redisPrefix: uniqueRedisPrefix(), recoveryWindow: 3 });
    expect(realtime.kind).toBe('redis');
    await realtime.ping();
    await realtime.presence.join('t', 'm', {});
    expect(await realtime.presence.count('t')).toBe(1);
    await realtime.close();
    await realtime.close(); // idempotent
  });

  it('createRedisRealtime rejects when Redis does not answer', async () => {
    const options = { prefix: 'x:', recoveryWindow: 1, clock: new FakeClock(), onError: () => {} };
    await expect(createRedisRealtime({ ...options, url: 'redis://127.0.0.1:1' })).rejects.toThrow();
  });
});

it('createRealtime defaults to the in-process implementations', async () => {
  const realtime = await createRealtime();
  expect(realtime.kind).toBe('memory');
  await realtime.ping();
  expect(await realtime.bus.publish('t', 'x')).toBe(1);
  await realtime.close();
});
