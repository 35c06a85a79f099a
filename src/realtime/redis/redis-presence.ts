/**
 * Presence over Redis, shared by every server process. Each process (node) keeps a heartbeat key
 * alive; an entry whose node key has expired belongs to a dead node, counts for nothing, and is
 * deleted by whoever reads it next. Nobody has to clean up after a crash.
 *
 * Keys (standalone Redis: the scripts build node key names from their arguments):
 * - `<prefix>node:<nodeId>`: heartbeat, expires `ttlMs` after the last beat or write
 * - `<prefix>nodes`: set of node ids that may hold entries (dead ones are removed lazily)
 * - `<prefix>p:<topic>`: hash of `<nodeId>|<memberId>` -> JSON `{info, connections}`
 *
 * Every node also keeps its own entries in memory. They are the truth for its fields: writes send
 * the absolute value (so a retried or reordered write cannot double-count), and when Redis lost
 * them (a failed write, or the node was taken for dead during a stall and purged) the next heartbeat
 * writes them back.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Presence, PresenceEntry } from '../presence.js';
import { type ErrorSink, LuaScript } from './lua.js';

/** Sets this node's field (or deletes it when ARGV[4] is empty); returns {member elsewhere, node was alive}. */
const WRITE = new LuaScript(`
local alive = redis.call('SET', KEYS[3], '1', 'PX', ARGV[5], 'GET') and 1 or 0
redis.call('SADD', KEYS[2], ARGV[2])
local field = ARGV[2] .. '|' .. ARGV[3]
if ARGV[4] == '' then redis.call('HDEL', KEYS[1], field) else redis.call('HSET', KEYS[1], field, ARGV[4]) end
local elsewhere = 0
for _, node in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if node ~= ARGV[2] then
    if redis.call('EXISTS', ARGV[1] .. node) == 1 then
      if redis.call('HEXISTS', KEYS[1], node .. '|' .. ARGV[3]) == 1 then elsewhere = 1 end
    else
      redis.call('HDEL', KEYS[1], node .. '|' .. ARGV[3])
      redis.call('SREM', KEYS[2], node)
    end
  end
end
return {elsewhere, alive}
`);

/** Refreshes the node key; returns 1 when it was still alive. */
const HEARTBEAT = new LuaScript(`
local alive = redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'GET') and 1 or 0
redis.call('SADD', KEYS[2], ARGV[2])
return alive
`);

/** Live fields (ARGV[2] 'list': field, value pairs; 'count': distinct members), purging dead nodes'. */
const READ = new LuaScript(`
local counting = ARGV[2] == 'count'
local all = redis.call(counting and 'HKEYS' or 'HGETALL', KEYS[1])
local step = counting and 1 or 2
local alive, seen, out, n = {}, {}, {}, 0
for i = 1, #all, step do
  local field = all[i]
  local sep = string.find(field, '|', 1, true)
  local node = sep and string.sub(field, 1, sep - 1) or ''
  if alive[node] == nil then alive[node] = sep ~= nil and redis.call('EXISTS', ARGV[1] .. node) == 1 end
  if not alive[node] then
    redis.call('HDEL', KEYS[1], field)
  elseif counting then
    local member = string.sub(field, sep + 1)
    if not seen[member] then seen[member] = true; n = n + 1 end
  else
    out[#out + 1] = field
    out[#out + 1] = all[i + 1]
  end
end
if counting then return n end
return out
`);

export interface RedisPresenceOptions {
  /** Owned by the caller. */
  redis: Redis;
  prefix: string;
  /** How often the node key is refreshed (default 5 s). */
  heartbeatMs?: number;
  /** How long after its last beat a silent node counts as dead (default 15 s). */
  ttlMs?: number;
  /** Receives heartbeat failures (there is no caller to throw to). */
  onError: ErrorSink;
}

interface LocalEntry {
  info: Record<string, unknown>;
  connections: number;
}

/** {@link Presence} over Redis hashes, with one heartbeat timer per instance. */
export class RedisPresence implements Presence {
  readonly nodeId = randomUUID();
  /** This node's entries: topic -> member -> entry. */
  private readonly local = new Map<string, Map<string, LocalEntry>>();
  /** Topics whose fields in Redis may differ from `local` (a write failed). */
  private readonly dirty = new Set<string>();
  /** The node key had expired: other nodes may have purged any of our fields. */
  private purged = false;
  private beating = false;
  /** Before the first beat the node key is missing by design, not because we were taken for dead. */
  private hasBeaten = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  private readonly redis: Redis;
  private readonly ttlMs: number;

  constructor(private readonly options: RedisPresenceOptions) {
    this.redis = options.redis;
    this.ttlMs = Math.ceil(options.ttlMs ?? 15_000);
    // Sent before any write on this connection, so the first join already finds the node alive.
    void this.beat();
    this.timer = setInterval(() => void this.beat(), options.heartbeatMs ?? 5_000);
    this.timer.unref(); // presence alone must not keep the process running
  }

  /** Node keys are this plus the node id (the scripts build other nodes' keys from it). */
  private get nodeKeyPrefix(): string {
    return `${this.options.prefix}node:`;
  }

  private nodeKey(): string {
    return this.nodeKeyPrefix + this.nodeId;
  }

  private topicKey(topic: string): string {
    return `${this.options.prefix}p:${topic}`;
  }

  private async beat(): Promise<void> {
    if (this.beating || this.closed) return;
    this.beating = true;
    try {
      const keys = [this.nodeKey(), `${this.options.prefix}nodes`];
      const alive = await HEARTBEAT.run(this.redis, keys, [this.ttlMs, this.nodeId]);
      if (alive === 0 && this.hasBeaten && this.local.size > 0) this.purged = true;
      this.hasBeaten = true;
      if (this.purged || this.dirty.size > 0) await this.resync();
    } catch (error) {
      this.options.onError(error);
    } finally {
      this.beating = false;
    }
  }

  /** Makes Redis hold exactly this node's local entries for every topic that may have drifted. */
  private async resync(): Promise<void> {
    const topics = new Set([...this.dirty, ...(this.purged ? this.local.keys() : [])]);
    this.dirty.clear();
    this.purged = false;
    for (const topic of topics) {
      try {
        await this.resyncTopic(topic);
        topics.delete(topic);
      } catch (error) {
        for (const left of topics) this.dirty.add(left);
        throw error;
      }
    }
  }

  private async resyncTopic(topic: string): Promise<void> {
    const key = this.topicKey(topic);
    const own = new Set<string>();
    let cursor = '0';
    do {
      const [next, pairs] = await this.redis.hscan(key, cursor, 'MATCH', `${this.nodeId}|*`, 'COUNT', 500);
      for (let i = 0; i < pairs.length; i += 2) own.add(pairs[i]!);
      cursor = next;
    } while (cursor !== '0');
    // Built synchronously after the scan, so joins and leaves issued meanwhile are not undone.
    const multi = this.redis.multi();
    for (const [memberId, entry] of this.local.get(topic) ?? []) {
      const field = `${this.nodeId}|${memberId}`;
      own.delete(field);
      multi.hset(key, field, JSON.stringify(entry));
    }
    if (own.size > 0) multi.hdel(key, ...own);
    await multi.exec();
  }

  /** Writes this node's field for `memberId`; returns whether a live node other than this one has it. */
  private async write(topic: string, memberId: string, value: string): Promise<boolean> {
    const keys = [this.topicKey(topic), `${this.options.prefix}nodes`, this.nodeKey()];
    const args = [this.nodeKeyPrefix, this.nodeId, memberId, value, this.ttlMs];
    try {
      const [elsewhere, alive] = (await WRITE.run(this.redis, keys, args)) as [number, number];
      if (alive === 0) this.purged = true;
      return elsewhere === 1;
    } catch (error) {
      this.dirty.add(topic);
      throw error;
    }
  }

  async join(topic: string, memberId: string, info: Record<string, unknown>): Promise<boolean> {
    let members = this.local.get(topic);
    if (!members) this.local.set(topic, (members = new Map()));
    const previous = members.get(memberId);
    const entry = { info, connections: (previous?.connections ?? 0) + 1 };
    members.set(memberId, entry);
    const elsewhere = await this.write(topic, memberId, JSON.stringify(entry));
    return !previous && !elsewhere;
  }

  async leave(topic: string, memberId: string): Promise<boolean> {
    const members = this.local.get(topic);
    const previous = members?.get(memberId);
    if (!members || !previous) return false;
    if (previous.connections > 1) {
      const entry = { info: previous.info, connections: previous.connections - 1 };
      members.set(memberId, entry);
      await this.write(topic, memberId, JSON.stringify(entry));
      return false;
    }
    members.delete(memberId);
    if (members.size === 0) this.local.delete(topic);
    return !(await this.write(topic, memberId, ''));
  }

  async list(topic: string): Promise<PresenceEntry[]> {
    const pairs = (await READ.run(
      this.redis,
      [this.topicKey(topic)],
      [this.nodeKeyPrefix, 'list'],
    )) as string[];
    const entries: PresenceEntry[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const field = pairs[i]!;
      const sep = field.indexOf('|');
      try {
        const { info, connections } = JSON.parse(pairs[i + 1]!) as LocalEntry;
        entries.push({ memberId: field.slice(sep + 1), info, nodeId: field.slice(0, sep), connections });
      } catch {
        // A value this code did not write: not a member.
      }
    }
    return entries;
  }

  async count(topic: string): Promise<number> {
    return Number(await READ.run(this.redis, [this.topicKey(topic)], [this.nodeKeyPrefix, 'count']));
  }

  /**
   * Stops heartbeating and writing without removing anything, as a crashed process would: the
   * entries vanish for everyone once the node key expires (tests; never needed in normal operation).
   */
  abandon(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.abandon();
    // Deleting the node key alone would hide our entries; removing them too keeps the hashes small.
    const multi = this.redis.multi();
    for (const [topic, members] of this.local) {
      multi.hdel(this.topicKey(topic), ...[...members.keys()].map((m) => `${this.nodeId}|${m}`));
    }
    multi.del(this.nodeKey());
    multi.srem(`${this.options.prefix}nodes`, this.nodeId);
    this.local.clear();
    await multi.exec();
  }
}
