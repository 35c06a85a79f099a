/**
 * Every change to a run, whichever door it comes through (dashboard socket, control token, REST),
 * runs here: in one transaction holding the run's row lock (so concurrent actions on one run are
 * serialized, across processes too), checked against the actor, recorded in the event log, and
 * broadcast only after the commit (never acknowledge what is not stored).
 */
import { eq } from 'drizzle-orm';
import type { Hub } from '../../gateway/hub.js';
import { AppError } from '../../server/errors.js';
import type { Clock } from '../../realtime/clock.js';
import type { Db } from '../../storage/database.js';
import { users } from '../../storage/schema/index.js';
import { record, redo, undo, type Change } from './journal.js';
import { buildSnapshot, type SocketKind } from './snapshot.js';
import { lockRun, type RunRow } from './store.js';

/** Who is acting: a signed-in user and/or the holder of a control token (SHA-256 of it). */
export interface Actor {
  userId: string | null;
  username: string;
  controlHash: string | null;
}

/**
 * A refusal reported to the sender only: `{type:"error", error}` on sockets; over HTTP an AppError
 * with `{"detail"}` or DRF field errors.
 */
export class ActionError extends AppError {
  constructor(
    readonly error: string | Record<string, string[]>,
    status = 400,
  ) {
    const message = typeof error === 'string' ? error : (Object.values(error)[0]?.[0] ?? 'Invalid');
    super(status, 'action_refused', message, typeof error === 'string' ? { detail: error } : error);
  }
}

export const NOT_ALLOWED = 'Only the run owner or a control token holder can change this run';

export const topicOf = (runId: number, kind: SocketKind) =>
  kind === 'wipe' ? `runs:${runId}` : `runs:${runId}:timer`;

export interface Outgoing {
  kind: SocketKind;
  frame: unknown;
}

/** What an action body gets: the locked run, the name broadcasts carry as `user`, and helpers. */
export interface ActionScope {
  tx: Db;
  run: RunRow;
  now: number;
  user: string;
  changes: Change[];
  out: Outgoing[];
}

export function mayControl(run: RunRow, actor: Pick<Actor, 'userId' | 'controlHash'>): boolean {
  if (actor.userId !== null && actor.userId === run.userId) return true;
  return (
    actor.controlHash !== null && run.controlTokenHash !== null && run.controlTokenHash === actor.controlHash
  );
}

export class RunActions {
  constructor(private readonly deps: { db: Db; clock: Clock; hub: Hub }) {}

  /**
   * Runs `body` under the run's lock as `actor`; records its changes as one undoable `action` and
   * broadcasts its frames after the commit. Returns what `body` returned.
   */
  async act<T>(
    runId: number,
    actor: Actor,
    action: string,
    body: (scope: ActionScope) => Promise<T>,
  ): Promise<T> {
    const { result, out } = await this.deps.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const run = await lockRun(tx, runId);
      if (!run) throw new ActionError('Run not found', 404);
      if (!mayControl(run, actor)) throw new ActionError(NOT_ALLOWED, 403);
      const user = actor.userId === run.userId ? actor.username : await ownerName(tx, run.userId);
      const scope: ActionScope = { tx, run, now: this.deps.clock.now(), user, changes: [], out: [] };
      const value = await body(scope);
      await record(tx, runId, action, scope.changes, actor.userId, scope.now);
      return { result: value, out: scope.out };
    });
    await this.publish(runId, out);
    return result;
  }

  /** Undo (`direction` "undo") or redo the newest step; both sockets' screens get a fresh snapshot. */
  async step(runId: number, actor: Actor, direction: 'undo' | 'redo'): Promise<string> {
    const { out, action } = await this.deps.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const run = await lockRun(tx, runId);
      if (!run) throw new ActionError('Run not found', 404);
      if (!mayControl(run, actor)) throw new ActionError(NOT_ALLOWED, 403);
      const user = actor.userId === run.userId ? actor.username : await ownerName(tx, run.userId);
      const done = direction === 'undo' ? await undo(tx, runId) : await redo(tx, runId);
      if (!done) throw new ActionError(direction === 'undo' ? 'Nothing to undo' : 'Nothing to redo', 409);
      const now = this.deps.clock.now();
      const frames: Outgoing[] = [];
      // Seed overlays understand wipe_update: keep their counters right as well.
      for (const change of done.changes) {
        if (change.entity !== 'wipe') continue;
        const image = direction === 'undo' ? change.before : change.after;
        const other = direction === 'undo' ? change.after : change.before;
        if (image && other && image.count !== other.count) {
          frames.push({
            kind: 'wipe',
            frame: { type: 'wipe_update', segment_id: image.id, count: image.count, user },
          });
        }
      }
      for (const kind of ['wipe', 'timer'] as const) {
        frames.push({ kind, frame: { type: direction, action: done.action, user } });
        frames.push({ kind, frame: await buildSnapshot(tx, runId, kind, now, direction) });
      }
      return { out: frames, action: done.action };
    });
    await this.publish(runId, out);
    return action;
  }

  private async publish(runId: number, out: Outgoing[]): Promise<void> {
    for (const { kind, frame } of out) await this.deps.hub.broadcast(topicOf(runId, kind), frame);
  }
}

async function ownerName(tx: Db, userId: string): Promise<string> {
  const [row] = await tx.select({ username: users.username }).from(users).where(eq(users.id, userId));
  return row?.username ?? '';
}
