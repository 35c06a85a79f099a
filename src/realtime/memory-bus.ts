/** In-process bus: the default for a single server. Several in-process servers may share one instance. */
import type { Bus, BusListener, BusMessage, PublishOptions } from './bus.js';

export class MemoryBus implements Bus {
  private readonly listeners = new Map<string, Set<BusListener>>();
  private readonly windows = new Map<string, BusMessage[]>();
  private readonly seqs = new Map<string, number>();

  /** @param window how many recorded messages per topic are kept for recovery. */
  constructor(private readonly window = 500) {}

  async publish(topic: string, payload: string, options: PublishOptions = {}): Promise<number> {
    let seq = 0;
    if (options.record !== false) {
      seq = (this.seqs.get(topic) ?? 0) + 1;
      this.seqs.set(topic, seq);
      const kept = this.windows.get(topic) ?? [];
      kept.push({ topic, seq, payload });
      if (kept.length > this.window) kept.splice(0, kept.length - this.window);
      this.windows.set(topic, kept);
    }
    const message: BusMessage = { topic, seq, payload };
    for (const listener of this.listeners.get(topic) ?? []) listener(message);
    return seq;
  }

  async subscribe(topic: string, listener: BusListener): Promise<() => void> {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(topic) === set) this.listeners.delete(topic);
    };
  }

  async history(topic: string, afterSeq: number): Promise<BusMessage[] | null> {
    const last = this.seqs.get(topic) ?? 0;
    if (afterSeq >= last) return [];
    const kept = this.windows.get(topic) ?? [];
    const first = kept[0]?.seq ?? last + 1;
    if (afterSeq + 1 < first) return null;
    return kept.filter((m) => m.seq > afterSeq);
  }

  async lastSeq(topic: string): Promise<number> {
    return this.seqs.get(topic) ?? 0;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
