/**
 * Server-owned timers inside an action scope: a timer is its paused total plus, while running, the
 * server instant it was started. Every screen computes the same time from those two values and its
 * clock offset, instead of each browser tab keeping its own count.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { runTimers } from '../../storage/schema/index.js';
import { ActionError, type ActionScope } from './actions.js';
import { timerImage } from './journal.js';
import { findTimer, type TimerRow } from './store.js';
import { elapsedAt, roundSeconds } from './views.js';

async function timer(scope: ActionScope, id: number): Promise<TimerRow> {
  const row = await findTimer(scope.tx, scope.run.id, id);
  if (!row) throw new ActionError({ segment_id: ['Segment not found'] }, 404);
  return row;
}

async function write(
  scope: ActionScope,
  before: TimerRow | null,
  values: Partial<typeof runTimers.$inferInsert>,
): Promise<TimerRow> {
  const [after] = before
    ? await scope.tx.update(runTimers).set(values).where(eq(runTimers.id, before.id)).returning()
    : await scope.tx
        .insert(runTimers)
        .values({ runId: scope.run.id, segmentName: values.segmentName ?? 'Segment', ...values })
        .returning();
  if (!after) throw new Error('timer write returned no row');
  scope.changes.push({
    entity: 'timer',
    before: before ? timerImage(before) : null,
    after: timerImage(after),
  });
  return after;
}

/**
 * Pauses (or finishes) a timer at its current time. A timer that is not running takes the client's
 * `elapsed_time` when one is given (the seed's dashboards report their value this way).
 */
export async function stopTimer(
  scope: ActionScope,
  row: TimerRow,
  options: { finish: boolean; elapsed?: number | null | undefined; announce?: boolean },
): Promise<TimerRow> {
  const value = row.startedAt
    ? elapsedAt(row, scope.now)
    : options.elapsed !== undefined
      ? options.elapsed
      : row.elapsedTime;
  const after = await write(scope, row, {
    elapsedTime: roundSeconds(value),
    startedAt: null,
    isFinished: options.finish || row.isFinished,
  });
  if (options.announce !== false) {
    scope.out.push({
      kind: 'timer',
      frame: {
        type: options.finish ? 'finish_timer' : 'pause_timer',
        segment_id: after.id,
        elapsed_time: after.elapsedTime ?? 0,
        user: scope.user,
        is_finished: options.finish,
      },
    });
  }
  return after;
}

async function runningTimers(scope: ActionScope): Promise<TimerRow[]> {
  return scope.tx
    .select()
    .from(runTimers)
    .where(and(eq(runTimers.runId, scope.run.id), isNotNull(runTimers.startedAt)));
}

/** Starts a segment's timer at the server's now; any other running timer of the run is paused first. */
export async function startTimer(
  scope: ActionScope,
  segmentId: number,
  elapsed?: number | null,
): Promise<TimerRow> {
  let row = await timer(scope, segmentId);
  if (row.isFinished) throw new ActionError({ segment_id: ['Segment is already finished'] }, 409);
  for (const other of await runningTimers(scope)) {
    if (other.id !== row.id) await stopTimer(scope, other, { finish: false });
  }
  if (!row.startedAt) {
    const base = elapsed !== undefined && elapsed !== null ? elapsed : (row.elapsedTime ?? 0);
    row = await write(scope, row, { elapsedTime: roundSeconds(base), startedAt: new Date(scope.now) });
  }
  scope.out.push({
    kind: 'timer',
    frame: {
      type: 'start_timer',
      segment_id: row.id,
      elapsed_time: row.elapsedTime ?? 0,
      user: scope.user,
      started_at: (row.startedAt ?? new Date(scope.now)).toISOString(),
      is_finished: false,
    },
  });
  return row;
}

export async function pauseTimer(
  scope: ActionScope,
  segmentId: number,
  finish: boolean,
  elapsed?: number | null,
): Promise<TimerRow> {
  return stopTimer(scope, await timer(scope, segmentId), { finish, elapsed });
}

export async function newTimerSegment(
  scope: ActionScope,
  input: {
    segmentId?: number | undefined;
    name: string;
    elapsed?: number | null | undefined;
    isFinished?: boolean | undefined;
  },
): Promise<TimerRow> {
  const existing =
    input.segmentId !== undefined
      ? ((await findTimer(scope.tx, scope.run.id, input.segmentId)) ?? null)
      : null;
  const values: Partial<typeof runTimers.$inferInsert> = {
    segmentName: input.name,
    isFinished: input.isFinished ?? false,
  };
  if (input.elapsed !== undefined) values.elapsedTime = input.elapsed;
  else if (!existing) values.elapsedTime = 0;
  const row = await write(scope, existing, values);
  scope.out.push({
    kind: 'timer',
    frame: {
      type: 'new_segment',
      segment_id: row.id,
      segment_name: row.segmentName,
      elapsed_time: roundSeconds(elapsedAt(row, scope.now)) ?? 0,
      user: scope.user,
      is_finished: row.isFinished,
    },
  });
  return row;
}

async function unfinished(scope: ActionScope): Promise<TimerRow[]> {
  return scope.tx
    .select()
    .from(runTimers)
    .where(and(eq(runTimers.runId, scope.run.id), eq(runTimers.isFinished, false)))
    .orderBy(asc(runTimers.id));
}

/** The running timer, else the first unfinished one (what "start" and "split" act on). */
async function current(scope: ActionScope): Promise<TimerRow> {
  const open = await unfinished(scope);
  const row = open.find((t) => t.startedAt) ?? open[0];
  if (!row) throw new ActionError('No open segment', 409);
  return row;
}

export async function startCurrent(scope: ActionScope): Promise<TimerRow> {
  return startTimer(scope, (await current(scope)).id);
}

export async function pauseCurrent(scope: ActionScope): Promise<TimerRow> {
  const row = (await runningTimers(scope))[0];
  if (!row) throw new ActionError('No running timer', 409);
  return stopTimer(scope, row, { finish: false });
}

/** LiveSplit's split: finish the current segment and start the next unfinished one, if any. */
export async function split(scope: ActionScope): Promise<void> {
  const row = await current(scope);
  await stopTimer(scope, row, { finish: true });
  const next = (await unfinished(scope)).find((t) => t.id > row.id) ?? (await unfinished(scope))[0];
  if (next) await startTimer(scope, next.id);
}
