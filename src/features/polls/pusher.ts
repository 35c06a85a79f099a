/**
 * Tally pushes and countdown closes, driven by one shared timer per process (never a timer per
 * question or per socket). Votes only mark their question dirty; each tick pushes at most one tally
 * frame per dirty question, so moderators and overlays get at most ~5 updates a second per session
 * however fast votes arrive. Each push reads the tally from the ballot table under a per-session
 * advisory lock and publishes before releasing it, so pushes from several processes are ordered and
 * the last one always shows every stored ballot: the final tally is exact.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Hub } from '../../gateway/hub.js';
import type { Clock } from '../../realtime/clock.js';
import type { EphemeralStore } from '../../realtime/ephemeral.js';
import type { Db } from '../../storage/database.js';
import { closeDue, getSession, questionsByIds, tallies, withSessionLock, type QuestionRow } from './store.js';
import { overlayResults, publicResults, topics, voteFrame } from './views.js';

/** Milliseconds between pushes of one session (5 per second). */
export const PUSH_INTERVAL_MS = 200;
/** Countdown deadlines are checked every this many ticks. */
const SWEEP_EVERY_TICKS = 2;

export class TallyPusher {
  private readonly dirty = new Map<string, Set<string>>();
  private readonly busy = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private ticks = 0;
  private sweeping = false;
  private stopped = false;
  private pending: Promise<unknown>[] = [];

  constructor(
    private readonly deps: {
      db: Db;
      hub: Hub;
      clock: Clock;
      log: FastifyBaseLogger;
      /** Set with Redis: a cross-process gate keeps the whole deployment at ~5 pushes/s per session. */
      gate: EphemeralStore | null;
      /** Called for questions the sweep closed (state frames, caches). */
      onClosed: (questions: QuestionRow[]) => Promise<void>;
    },
  ) {
    this.timer = setInterval(() => this.tick(), PUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Marks questions of a session as needing a tally push on the next tick. */
  mark(sessionId: string, questionId: string): void {
    let set = this.dirty.get(sessionId);
    if (!set) this.dirty.set(sessionId, (set = new Set()));
    set.add(questionId);
  }

  /** Pushes everything marked now (tests, shutdown) and waits for it. */
  async flushAll(): Promise<void> {
    await Promise.allSettled(this.pending);
    await Promise.allSettled([...this.dirty.keys()].map((sid) => this.push(sid, true)));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.flushAll();
  }

  private tick(): void {
    if (this.stopped) return;
    for (const sid of this.dirty.keys()) this.track(this.push(sid, false));
    this.ticks += 1;
    if (this.ticks % SWEEP_EVERY_TICKS === 0 && !this.sweeping) this.track(this.sweep());
  }

  private track(work: Promise<unknown>): void {
    this.pending.push(work);
    void work.finally(() => {
      this.pending = this.pending.filter((p) => p !== work);
    });
  }

  private async push(sid: string, force: boolean): Promise<void> {
    if (this.busy.has(sid)) return;
    const ids = this.dirty.get(sid);
    if (!ids || ids.size === 0) return;
    if (
      !force &&
      this.deps.gate &&
      !(await this.deps.gate.setIfAbsent(`polls:push:${sid}`, '1', PUSH_INTERVAL_MS - 20))
    ) {
      return; // another process pushed this session within the interval; ours stays dirty
    }
    this.dirty.delete(sid);
    this.busy.add(sid);
    try {
      await withSessionLock(this.deps.db, sid, async (tx) => {
        const session = await getSession(tx, sid);
        if (!session) return;
        const rows = await questionsByIds(tx, [...ids]);
        const counted = await tallies(tx, rows);
        const now = this.deps.clock.now();
        const sends: Promise<number>[] = [];
        for (const q of rows) {
          const tally = counted.get(q.id);
          if (!tally) continue;
          const frame = voteFrame(q, tally, session.publishedQuestionId);
          if (publicResults(q, now)) {
            sends.push(this.deps.hub.broadcast(topics.all(sid), frame, { record: false }));
            continue;
          }
          sends.push(this.deps.hub.broadcast(topics.moderators(sid), frame, { record: false }));
          if (overlayResults(q, now))
            sends.push(this.deps.hub.broadcast(topics.overlays(sid), frame, { record: false }));
          if (q.visibility === 'after_vote') {
            sends.push(this.deps.hub.broadcast(topics.voted(sid, q.id), frame, { record: false }));
          }
        }
        await Promise.all(sends);
      });
    } catch (err) {
      this.deps.log.error({ err, sessionId: sid }, 'poll tally push failed');
      for (const id of ids) this.mark(sid, id); // try again on the next tick
    } finally {
      this.busy.delete(sid);
    }
  }

  /** Closes questions whose countdown ended (each row is closed by exactly one process). */
  private async sweep(): Promise<void> {
    this.sweeping = true;
    try {
      const closed = await closeDue(this.deps.db, new Date(this.deps.clock.now()));
      if (closed.length > 0) await this.deps.onClosed(closed);
    } catch (err) {
      this.deps.log.error({ err }, 'poll countdown sweep failed');
    } finally {
      this.sweeping = false;
    }
  }
}
