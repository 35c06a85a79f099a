/**
 * The four run sockets. Dashboards (`ws/runs/<id>/`, `ws/runs/<id>/timer/`) relay and persist every
 * accepted action to every dashboard and overlay of the run, the sender included; overlays
 * (`ws/overlay/runs/<id>/[timer/]`) only receive. `?token=` never rejects a socket (anonymous
 * viewers may watch), but only the run's owner or a `?control=<token>` holder may send changes.
 * Snapshots go only to clients that ask: `?snapshot=1`, `{type:"sync"}`, or a reconnect with
 * `?since=` that the recovery window no longer covers.
 */
import type { AppContext } from '../../server/context.js';
import type { Endpoint, FrameProblem } from '../../gateway/endpoint.js';
import type { Session } from '../../gateway/session.js';
import { ActionError, topicOf, type Actor, type RunActions } from './actions.js';
import { hashControlToken } from './control.js';
import { parseTimerFrame, parseWipeFrame, type TimerFrame, type WipeFrame } from './frames.js';
import { buildSnapshot, type SocketKind } from './snapshot.js';
import { changeWipe, finishRun, finishWipeSegment, newWipeSegment } from './wipe-ops.js';
import { newTimerSegment, pauseTimer, split, startTimer } from './timer-ops.js';

const BAD_JSON: Record<SocketKind, string> = { wipe: 'Wrong JSON format', timer: 'Invalid JSON format' };

function runIdOf(session: Session): number | null {
  const raw = session.params.runId ?? '';
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

function actorOf(session: Session): Actor {
  const control = session.query.control;
  return {
    userId: session.user?.id ?? null,
    username: session.user?.username ?? '',
    controlHash: control ? hashControlToken(control) : null,
  };
}

async function sendSnapshot(
  ctx: AppContext,
  session: Session,
  runId: number | null,
  kind: SocketKind,
  reason: string,
): Promise<void> {
  if (runId === null) {
    session.send({
      type: 'snapshot',
      reason,
      run: null,
      segments: [],
      total: 0,
      server_time: ctx.clock.now(),
      undo: 0,
      redo: 0,
    });
    return;
  }
  session.send(await buildSnapshot(ctx.database.db, runId, kind, ctx.clock.now(), reason));
}

/** Joins the run's topic and sends a snapshot to those who asked (see the module comment). */
async function openRunSocket(ctx: AppContext, session: Session, kind: SocketKind): Promise<void> {
  const runId = runIdOf(session);
  if (runId === null) return;
  const sinceRaw = session.query.since;
  const since = sinceRaw !== undefined && /^\d{1,15}$/.test(sinceRaw) ? Number(sinceRaw) : undefined;
  const { recovered } = await ctx.hub.join(
    session,
    topicOf(runId, kind),
    since === undefined ? {} : { since },
  );
  if (!recovered || (since === undefined && session.query.snapshot === '1')) {
    await sendSnapshot(ctx, session, runId, kind, 'connect');
  }
}

function reportError(session: Session, err: unknown): void {
  if (err instanceof ActionError) session.send({ type: 'error', error: err.error });
  else throw err;
}

async function handleWipe(
  ctx: AppContext,
  actions: RunActions,
  session: Session,
  frame: WipeFrame,
): Promise<void> {
  const runId = runIdOf(session) ?? -1;
  const actor = actorOf(session);
  switch (frame.type) {
    case 'sync':
      return sendSnapshot(ctx, session, runIdOf(session), 'wipe', 'sync');
    case 'undo':
    case 'redo':
      await actions.step(runId, actor, frame.type);
      return;
    case 'wipe_update':
      await actions.act(runId, actor, frame.by !== undefined ? 'wipe_inc' : 'wipe_set', (s) =>
        changeWipe(s, frame),
      );
      return;
    case 'new_segment':
      await actions.act(runId, actor, 'new_segment', (s) => newWipeSegment(s, frame));
      return;
    case 'segment_finished':
      await actions.act(runId, actor, 'segment_finished', (s) => finishWipeSegment(s, frame.segmentId));
      return;
    case 'run_finished':
      await actions.act(runId, actor, 'run_finished', (s) => finishRun(s, 'wipe'));
      return;
  }
}

async function handleTimer(
  ctx: AppContext,
  actions: RunActions,
  session: Session,
  frame: TimerFrame,
): Promise<void> {
  const runId = runIdOf(session) ?? -1;
  const actor = actorOf(session);
  switch (frame.type) {
    case 'sync':
      return sendSnapshot(ctx, session, runIdOf(session), 'timer', 'sync');
    case 'undo':
    case 'redo':
      await actions.step(runId, actor, frame.type);
      return;
    case 'start_timer':
      await actions.act(runId, actor, 'start_timer', (s) => startTimer(s, frame.segmentId, frame.elapsed));
      return;
    case 'pause_timer':
    case 'finish_timer':
      await actions.act(runId, actor, frame.type, (s) =>
        pauseTimer(s, frame.segmentId, frame.type === 'finish_timer', frame.elapsed),
      );
      return;
    case 'new_segment':
      await actions.act(runId, actor, 'new_segment', (s) => newTimerSegment(s, frame));
      return;
    case 'split':
      await actions.act(runId, actor, 'split', (s) => split(s));
      return;
    case 'run_finished':
      await actions.act(runId, actor, 'run_finished', (s) => finishRun(s, 'timer'));
      return;
  }
}

function dashboard(ctx: AppContext, actions: RunActions, kind: SocketKind, path: string): Endpoint<unknown> {
  return {
    name: kind === 'wipe' ? 'runs' : 'runs-timer',
    path,
    open: (session) => openRunSocket(ctx, session, kind),
    onInvalid: (session: Session, problem: FrameProblem) => {
      session.send({ type: 'error', error: problem.kind === 'bad_json' ? BAD_JSON[kind] : problem.message });
    },
    onFrame: async (session, raw) => {
      const parsed = kind === 'wipe' ? parseWipeFrame(raw) : parseTimerFrame(raw);
      if (!parsed.ok) {
        session.send({ type: 'error', error: parsed.error });
        return;
      }
      try {
        if (kind === 'wipe') await handleWipe(ctx, actions, session, parsed.frame as WipeFrame);
        else await handleTimer(ctx, actions, session, parsed.frame as TimerFrame);
      } catch (err) {
        reportError(session, err);
      }
    },
  };
}

function overlay(ctx: AppContext, kind: SocketKind, path: string): Endpoint<unknown> {
  return {
    name: kind === 'wipe' ? 'runs-overlay' : 'runs-overlay-timer',
    path,
    receiveOnly: true,
    open: (session) => openRunSocket(ctx, session, kind),
  };
}

export function registerRunSockets(ctx: AppContext, actions: RunActions): void {
  ctx.gateway.register(dashboard(ctx, actions, 'timer', '/ws/runs/:runId/timer/'));
  ctx.gateway.register(dashboard(ctx, actions, 'wipe', '/ws/runs/:runId/'));
  ctx.gateway.register(overlay(ctx, 'timer', '/ws/overlay/runs/:runId/timer/'));
  ctx.gateway.register(overlay(ctx, 'wipe', '/ws/overlay/runs/:runId/'));
}
