/**
 * Lua scripts run by SHA (EVALSHA) with a fallback to EVAL, so each call sends the script's 40-byte
 * hash instead of its text, and a Redis restart or SCRIPT FLUSH costs one extra round trip.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** One Lua script, usable on any connection. */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script atomically on `redis` with the given KEYS and ARGV. */
  async run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      // NOSCRIPT: this server has not seen the script yet (new server, restart, SCRIPT FLUSH).
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return redis.eval(this.source, keys.length, ...keys, ...args);
      }
      throw error;
    }
  }
}

/** Reports an error that has no caller to go to (background timers, listeners, event handlers). */
export type ErrorSink = (error: unknown) => void;
