/**
 * Read-only and owner tools: the `public-api` reads for overlays (no token, as the seed), the xlsx
 * export, the per-run stats, and control-token management. Overlay pages are served with
 * `Cache-Control: no-cache` so OBS always loads the current build.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { requireUser } from '../accounts/auth.js';
import { newControlToken, hashControlToken } from './control.js';
import { buildWorkbook } from './export.js';
import { parseId } from './game-routes.js';
import { journalDepth } from './journal.js';
import { ownRun } from './run-routes.js';
import { findRunView, listTimers, listWipes, pullStats, updateRun } from './store.js';
import { elapsedAt, roundSeconds, runJson, timerJson, wipeJson } from './views.js';

const tags = ['runs'];
type Params = { id: string };

export function registerReadRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;

  async function publicRun(raw: unknown) {
    const id = parseId(raw);
    const run = id === null ? undefined : await findRunView(db, id);
    if (!run) throw notFound('No Run matches the given query.');
    return run;
  }

  app.get(
    '/public-api/runs/:id/',
    { schema: { tags, summary: 'Public run info (overlays)' } },
    async (request) => runJson(await publicRun((request.params as Params).id)),
  );
  app.get(
    '/public-api/runs/:id/wipecounters/',
    { schema: { tags, summary: 'Public wipe counters (overlays)' } },
    async (request) => {
      const run = await publicRun((request.params as Params).id);
      return (await listWipes(db, run.id)).map((w) => wipeJson(w, run.name));
    },
  );
  app.get(
    '/public-api/runs/:id/timers/',
    { schema: { tags, summary: 'Public timers (overlays)' } },
    async (request) => {
      const run = await publicRun((request.params as Params).id);
      const now = ctx.clock.now();
      return (await listTimers(db, run.id)).map((t) => timerJson(t, run.name, now));
    },
  );

  app.get(
    '/api/runs/:id/export/',
    { schema: { tags, summary: 'Download the run as xlsx' } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const id = parseId((request.params as Params).id);
      const run = id === null ? undefined : await findRunView(db, id);
      if (!run) throw notFound('Run not found', { detail: 'Run not found' });
      if (run.userId !== user.id) {
        throw forbidden('You do not have permission to access this run', {
          detail: 'You do not have permission to access this run',
        });
      }
      const [wipes, timers] = await Promise.all([listWipes(db, run.id), listTimers(db, run.id)]);
      const file = await buildWorkbook(
        { runId: run.id, runName: run.name, gameName: run.gameName, mode: run.mode },
        { wipes, timers },
        ctx.clock.now(),
      );
      if (!file) throw new AppError(400, 'invalid', 'Invalid run mode', { detail: 'Invalid run mode' });
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', `attachment; filename=${file.filename}`)
        .send(file.buffer);
    },
  );

  app.get(
    '/api/runs/:id/stats/',
    { schema: { tags, summary: 'Per-segment stats: wipes, pulls, best progress, times' } },
    async (request) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).id);
      const now = ctx.clock.now();
      const [wipes, timers, stats, depth] = await Promise.all([
        listWipes(db, run.id),
        listTimers(db, run.id),
        pullStats(db, run.id),
        journalDepth(db, run.id),
      ]);
      return {
        run: runJson(run),
        wipes: wipes.map((w) => ({
          id: w.id,
          segment_name: w.segmentName,
          count: w.count,
          is_finished: w.isFinished,
          pulls: stats.get(w.id)?.pulls ?? 0,
          best_progress: stats.get(w.id)?.best ?? null,
        })),
        timers: timers.map((t) => ({
          id: t.id,
          segment_name: t.segmentName,
          elapsed_time: roundSeconds(elapsedAt(t, now)),
          is_finished: t.isFinished,
        })),
        total_wipes: wipes.reduce((sum, w) => sum + w.count, 0),
        total_time: roundSeconds(timers.reduce((sum, t) => sum + (elapsedAt(t, now) ?? 0), 0)),
        undo: depth.undo,
        redo: depth.redo,
      };
    },
  );

  app.get(
    '/api/runs/:id/control-token/',
    { schema: { tags, summary: 'Whether the run has a control token' } },
    async (request) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).id);
      return { active: run.controlTokenHash !== null };
    },
  );
  app.post(
    '/api/runs/:id/control-token/',
    { schema: { tags, summary: 'Issue a new control token (replaces the old one)' } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).id);
      const token = newControlToken();
      await updateRun(db, run.id, { controlTokenHash: hashControlToken(token) });
      return reply.status(201).send({ token, active: true, base_url: `/api/control/${token}/` });
    },
  );
  app.delete(
    '/api/runs/:id/control-token/',
    { schema: { tags, summary: 'Revoke the control token' } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).id);
      await updateRun(db, run.id, { controlTokenHash: null });
      return reply.status(204).send();
    },
  );

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/overlay/') || request.url.startsWith('/public-api/'))
      reply.header('Cache-Control', 'no-cache');
    return payload;
  });
}
