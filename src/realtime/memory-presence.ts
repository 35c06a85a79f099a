/** In-process presence: the default for a single server (no node can die without the process dying). */
import { randomUUID } from 'node:crypto';
import type { Presence, PresenceEntry } from './presence.js';

export class MemoryPresence implements Presence {
  readonly nodeId = randomUUID();
  private readonly topics = new Map<string, Map<string, PresenceEntry>>();

  async join(topic: string, memberId: string, info: Record<string, unknown>): Promise<boolean> {
    let members = this.topics.get(topic);
    if (!members) this.topics.set(topic, (members = new Map()));
    const existing = members.get(memberId);
    if (existing) {
      existing.connections += 1;
      existing.info = info;
      return false;
    }
    members.set(memberId, { memberId, info, nodeId: this.nodeId, connections: 1 });
    return true;
  }

  async leave(topic: string, memberId: string): Promise<boolean> {
    const members = this.topics.get(topic);
    const entry = members?.get(memberId);
    if (!members || !entry) return false;
    entry.connections -= 1;
    if (entry.connections > 0) return false;
    members.delete(memberId);
    if (members.size === 0) this.topics.delete(topic);
    return true;
  }

  async list(topic: string): Promise<PresenceEntry[]> {
    return [...(this.topics.get(topic)?.values() ?? [])].map((e) => ({ ...e, info: { ...e.info } }));
  }

  async count(topic: string): Promise<number> {
    return this.topics.get(topic)?.size ?? 0;
  }

  async close(): Promise<void> {
    this.topics.clear();
  }
}
