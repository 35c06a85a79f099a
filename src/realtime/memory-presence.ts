/**
 * In-process presence: the default for a single server (no node can die without the process dying).
 * Several in-process servers (tests) share one {@link MemoryPresenceHub}; each keeps its own node id
 * and entries, exactly as separate processes do over Redis, so closing one server removes only its
 * members.
 */
import { randomUUID } from 'node:crypto';
import type { Presence, PresenceEntry } from './presence.js';

/** State shared by the presence nodes of one process: topic -> member -> node id -> entry. */
export class MemoryPresenceHub {
  readonly topics = new Map<string, Map<string, Map<string, PresenceEntry>>>();
}

export class MemoryPresence implements Presence {
  readonly nodeId = randomUUID();

  /** @param hub shared with the other nodes of this process; a private one by default. */
  constructor(private readonly hub = new MemoryPresenceHub()) {}

  async join(topic: string, memberId: string, info: Record<string, unknown>): Promise<boolean> {
    let members = this.hub.topics.get(topic);
    if (!members) this.hub.topics.set(topic, (members = new Map()));
    let nodes = members.get(memberId);
    if (!nodes) members.set(memberId, (nodes = new Map()));
    const existing = nodes.get(this.nodeId);
    if (existing) {
      existing.connections += 1;
      existing.info = info;
      return false;
    }
    nodes.set(this.nodeId, { memberId, info, nodeId: this.nodeId, connections: 1 });
    return nodes.size === 1;
  }

  async leave(topic: string, memberId: string): Promise<boolean> {
    const members = this.hub.topics.get(topic);
    const nodes = members?.get(memberId);
    const entry = nodes?.get(this.nodeId);
    if (!members || !nodes || !entry) return false;
    entry.connections -= 1;
    if (entry.connections > 0) return false;
    this.remove(topic, members, memberId, nodes);
    return !members.has(memberId);
  }

  /** Deletes this node's entry and whatever it leaves empty. */
  private remove(
    topic: string,
    members: Map<string, Map<string, PresenceEntry>>,
    memberId: string,
    nodes: Map<string, PresenceEntry>,
  ): void {
    nodes.delete(this.nodeId);
    if (nodes.size === 0) members.delete(memberId);
    if (members.size === 0) this.hub.topics.delete(topic);
  }

  async list(topic: string): Promise<PresenceEntry[]> {
    const entries: PresenceEntry[] = [];
    for (const nodes of this.hub.topics.get(topic)?.values() ?? []) {
      for (const e of nodes.values()) entries.push({ ...e, info: { ...e.info } });
    }
    return entries;
  }

  async count(topic: string): Promise<number> {
    return this.hub.topics.get(topic)?.size ?? 0;
  }

  async close(): Promise<void> {
    for (const [topic, members] of this.hub.topics) {
      for (const [memberId, nodes] of members) {
        if (nodes.has(this.nodeId)) this.remove(topic, members, memberId, nodes);
      }
    }
  }
}
