/**
 * Write batching for the hot path: clicks and events queue here and are stored together at most
 * `intervalMs` apart (or at once when `maxBatch` are waiting), one transaction per batch. Only
 * what committed is handed to `onStored` (which broadcasts it): nothing is acknowledged before it
 * is stored. The queue is bounded; while the database is down, new items are refused.
 */
import type { StoredClick, StoredEvent } from './store.js';

export type Item<C, E> =
  { kind: 'click'; row: StoredClick; extra: C } | { kind: 'event'; row: StoredEvent; extra: E };

export interface BatcherOptions<C, E> {
  intervalMs: number;
  maxBatch?: number;
  /** Items waiting beyond this are refused (`push` returns false). */
  maxQueue?: number;
  write(clicks: StoredClick[], events: StoredEvent[]): Promise<void>;
  onStored(items: Item<C, E>[]): void;
  onError(error: unknown, lost: number): void;
}

export class WriteBatcher<C, E> {
  private queue: Item<C, E>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;

  constructor(private readonly options: BatcherOptions<C, E>) {}

  /** Queues one item; false when the queue is full (the item is dropped, not acknowledged). */
  push(item: Item<C, E>): boolean {
    if (this.queue.length >= (this.options.maxQueue ?? 20_000)) return false;
    this.queue.push(item);
    if (this.queue.length >= (this.options.maxBatch ?? 1000)) this.schedule(0);
    else this.schedule(this.options.intervalMs);
    return true;
  }

  private schedule(delay: number): void {
    if (this.writing) return; // the running write reschedules when it ends
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  /** Writes everything queued now (and waits for a write in progress). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing) await this.writing;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.writing = this.writeBatch(batch);
    try {
      await this.writing;
    } finally {
      this.writing = null;
      const full = this.queue.length >= (this.options.maxBatch ?? 1000);
      if (this.queue.length > 0) this.schedule(full ? 0 : this.options.intervalMs);
    }
  }

  private async writeBatch(batch: Item<C, E>[]): Promise<void> {
    const clicks: StoredClick[] = [];
    const events: StoredEvent[] = [];
    for (const item of batch) {
      if (item.kind === 'click') clicks.push(item.row);
      else events.push(item.row);
    }
    try {
      await this.options.write(clicks, events);
    } catch (error) {
      this.options.onError(error, batch.length);
      return;
    }
    this.options.onStored(batch);
  }

  /** Items waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }
}
