/** In-process bus: the default for a single server. Several in-process servers may share one instance. */
import type { Bus, BusListener, BusMessage, PublishOptions } from './bus.js';

function logListenerError(error: unknown): void {
  console.error('[roomful] bus listener failed:', error);
}

export class MemoryBus implements Bus {
  private readonly listeners = new Map<string, Set<BusListener>>();
  private readonly windows = new Map<string, BusMessage[]>();
  private readonly seqs = new Map<string, number>();
  /** Messages waiting for delivery while a listener runs (see `deliver`). */
  private readonly pending: BusMessage[] = [];
  private delivering = false;

  /**
   * @param window how many recorded messages per topic are kept for recovery.
   * @param onError receives errors thrown by listeners (the publisher is not to blame for them).
   */
  constructor(
    private readonly window = 500,
    private readonly onError: (error: unknown) => void = logListenerError,
  ) {}

  /**
   * Delivers in publish order even when a listener publishes in reaction: a nested publish waits in
   * `pending` instead of reaching the remaining listeners before the message being delivered.
   */
  private deliver(message: BusMessage): void {
    this.pending.push(message);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        for (const listener of this.listeners.get(next.topic) ?? []) {
          try {
            listener(next);
          } catch (error) {
            this.onError(error);
          }
        }
      }
    } finally {
      this.delivering = false;
    }
  }

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
    this.deliver({ topic, seq, payload });
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
