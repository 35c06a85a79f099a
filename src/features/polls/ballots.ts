/**
 * Batches ballot writes: votes that arrive together are upserted in one statement (up to
 * BATCH_SIZE rows), and each caller learns whether its own ballot was stored. Nothing is
 * acknowledged before the statement that stores it has committed.
 */
import type { Db } from '../../storage/database.js';
import { writeBallots, type PendingBallot } from './store.js';

const BATCH_SIZE = 500;
/** How long the first vote of a batch waits for company (a storm fills batches without waiting). */
const GATHER_MS = 2;

export type WriteOutcome = 'stored' | 'closed';

interface Waiting extends PendingBallot {
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

export class BallotWriter {
  private queue: Waiting[] = [];
  private flushing = false;
  private timer: NodeJS.Timeout | null = null;
  private idle: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    /** Called after each committed batch with the stored ballots' questions (tally pushes). */
    private readonly onStored: (stored: { questionId: string; sessionId: string }[]) => void,
  ) {}

  /** Queues a ballot; resolves once it is stored ('stored') or refused because voting closed. */
  write(ballot: PendingBallot): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...ballot, resolve, reject });
      if (this.queue.length >= BATCH_SIZE) this.kick(0);
      else this.kick(GATHER_MS);
    });
  }

  /** Resolves when every queued ballot has been written (shutdown, tests). */
  drain(): Promise<void> {
    if (this.queue.length === 0 && !this.flushing) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private kick(delay: number): void {
    if (this.flushing) return; // the running flush picks the queue up when it ends
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  /** One retry after a short pause: a dropped pooled connection should not cost a storm's votes. */
  private async writeWithRetry(batch: PendingBallot[]) {
    try {
      return await writeBallots(this.db, batch, new Date(this.now()));
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return writeBallots(this.db, batch, new Date(this.now()));
    }
  }

  private async flush(): Promise<void> {
    this.timer = null;
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH_SIZE);
      // One row per (question, voter) in a statement: the latest vote of the batch wins.
      const latest = new Map<string, Waiting>();
      for (const item of batch) latest.set(`${item.questionId}\u0000${item.voter}`, item);
      try {
        const stored = await this.writeWithRetry([...latest.values()]);
        const keys = new Set(stored.map((r) => `${r.question_id}\u0000${r.voter}`));
        for (const item of batch)
          item.resolve(keys.has(`${item.questionId}\u0000${item.voter}`) ? 'stored' : 'closed');
        if (stored.length > 0) {
          this.onStored(stored.map((r) => ({ questionId: r.question_id, sessionId: r.session_id })));
        }
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.flushing = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
