/**
 * The bus over Redis pub/sub. A recorded publish is one Lua script that takes the topic's next
 * sequence number, appends the message to the topic's recovery window and PUBLISHes it. Redis runs
 * scripts one at a time and delivers a channel's messages in publish order, so every subscriber in
 * every process sees a topic's messages in sequence order, and the window never disagrees with the
 * sequence counter.
 *
 * Keys (standalone Redis; the scripts build no key names, but the channel is not a declared key):
 * - `<prefix>seq:<topic>`: last assigned sequence number
 * - `<prefix>w:<topic>`: list of the last `recoveryWindow` encoded messages, oldest first
 * - channel `<prefix>t:<topic>`: encoded messages
 *
 * A message is encoded as `<seq>:<payload>`: the seq never contains a colon, so splitting at the
 * first one gives back any payload unchanged (payloads travel as UTF-8, so a string with a lone
 * surrogate, which JSON.stringify never produces, would not survive).
 */
import type { Redis } from 'ioredis';
import type { Bus, BusListener, BusMessage, PublishOptions } from '../bus.js';
import { type ErrorSink, LuaScript } from './lua.js';

const PUBLISH = new LuaScript(`
local seq = redis.call('INCR', KEYS[1])
-- A fresh counter with a leftover window (the counter was evicted): the window no longer matches.
if seq == 1 then redis.call('DEL', KEYS[2]) end
local message = seq .. ':' .. ARGV[1]
local window = tonumber(ARGV[2])
if window > 0 then
  redis.call('RPUSH', KEYS[2], message)
  redis.call('LTRIM', KEYS[2], -window, -1)
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PUBLISH', ARGV[5], message)
return seq
`);

// The window holds consecutive seqs ending at the counter, so positions follow from its length.
const HISTORY = new LuaScript(`
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local after = tonumber(ARGV[1])
if after >= last then return {} end
local first = last - redis.call('LLEN', KEYS[2]) + 1
if after + 1 < first then return false end
return redis.call('LRANGE', KEYS[2], after + 1 - first, -1)
`);

export interface RedisBusOptions {
  /** Runs commands and publishes; owned by the caller. */
  publisher: Redis;
  /** Dedicated to SUBSCRIBE (a subscribed connection cannot run other commands); owned by the caller. */
  subscriber: Redis;
  prefix: string;
  /** Recorded messages kept per topic for `history`. */
  recoveryWindow: number;
  /** An idle topic's window vanishes after this long (default 24 h). */
  windowTtlMs?: number;
  /**
   * An idle topic's sequence counter vanishes after this long (default 30 days). Longer than the
   * window on purpose: a restarted counter would reuse numbers that clients may still hold.
   */
  seqTtlMs?: number;
  /** Receives errors thrown by listeners and failed UNSUBSCRIBEs. */
  onError: ErrorSink;
}

interface Subscription {
  topic: string;
  listeners: Set<BusListener>;
  /** Settles when Redis confirmed the SUBSCRIBE. */
  ready: Promise<unknown>;
}

/** Splits `<seq>:<payload>`. */
function decode(topic: string, encoded: string): BusMessage {
  const colon = encoded.indexOf(':');
  return { topic, seq: Number(encoded.slice(0, colon)), payload: encoded.slice(colon + 1) };
}

/** {@link Bus} over Redis pub/sub, with the recovery window in Redis lists. */
export class RedisBus implements Bus {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly windowTtlMs: number;
  private readonly seqTtlMs: number;

  constructor(private readonly options: RedisBusOptions) {
    this.windowTtlMs = options.windowTtlMs ?? 24 * 3600_000;
    this.seqTtlMs = options.seqTtlMs ?? 30 * 24 * 3600_000;
    options.subscriber.on('message', this.onMessage);
  }

  private channel(topic: string): string {
    return `${this.options.prefix}t:${topic}`;
  }

  private keys(topic: string): string[] {
    return [`${this.options.prefix}seq:${topic}`, `${this.options.prefix}w:${topic}`];
  }

  private readonly onMessage = (channel: string, encoded: string): void => {
    const subscription = this.subscriptions.get(channel);
    if (!subscription) return; // an UNSUBSCRIBE in flight
    const message = decode(subscription.topic, encoded);
    for (const listener of subscription.listeners) {
      // One failing listener must not starve the others, nor throw into ioredis's reply parser.
      try {
        listener(message);
      } catch (error) {
        this.options.onError(error);
      }
    }
  };

  async publish(topic: string, payload: string, options: PublishOptions = {}): Promise<number> {
    const { publisher, recoveryWindow } = this.options;
    if (options.record === false) {
      await publisher.publish(this.channel(topic), `0:${payload}`);
      return 0;
    }
    const args = [
      payload,
      Math.max(0, Math.floor(recoveryWindow)),
      this.windowTtlMs,
      this.seqTtlMs,
      this.channel(topic),
    ];
    return Number(await PUBLISH.run(publisher, this.keys(topic), args));
  }

  async subscribe(topic: string, listener: BusListener): Promise<() => void> {
    const channel = this.channel(topic);
    let subscription = this.subscriptions.get(channel);
    if (!subscription) {
      // Only the first local listener of a topic costs a SUBSCRIBE; later ones share it.
      subscription = { topic, listeners: new Set(), ready: this.options.subscriber.subscribe(channel) };
      this.subscriptions.set(channel, subscription);
    }
    const current = subscription;
    current.listeners.add(listener);
    let active = true;
    const unsubscribe = (): void => {
      if (!active) return;
      active = false;
      current.listeners.delete(listener);
      if (current.listeners.size > 0 || this.subscriptions.get(channel) !== current) return;
      this.subscriptions.delete(channel);
      // Commands on one connection run in order, so a later SUBSCRIBE of this channel still wins.
      this.options.subscriber.unsubscribe(channel).catch(this.options.onError);
    };
    try {
      await current.ready;
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  async history(topic: string, afterSeq: number): Promise<BusMessage[] | null> {
    const kept = (await HISTORY.run(this.options.publisher, this.keys(topic), [afterSeq])) as string[] | null;
    return kept === null ? null : kept.map((encoded) => decode(topic, encoded));
  }

  async lastSeq(topic: string): Promise<number> {
    return Number((await this.options.publisher.get(this.keys(topic)[0]!)) ?? 0);
  }

  /** Drops every local listener and unsubscribes; the connections stay open (their owner quits them). */
  async close(): Promise<void> {
    const channels = [...this.subscriptions.keys()];
    this.subscriptions.clear();
    this.options.subscriber.off('message', this.onMessage);
    if (channels.length > 0 && this.options.subscriber.status === 'ready') {
      await this.options.subscriber.unsubscribe(...channels).catch(this.options.onError);
    }
  }
}
