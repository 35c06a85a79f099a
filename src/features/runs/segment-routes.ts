/**
 * `/api/runs/<run_id>/wipecounters/[<id>/]` and `/api/runs/<run_id>/timers/[<id>/]`, owner only
 * (another user's run is a 404, adding included). Every change joins the run's undo log.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { jsonSchema } from '../../server/validate.js';
import { runPulls, runTimers, wipeCounters } from '../../storage/schema/index.js';
import { requireUser } from '../accounts/auth.js';
import type { ActionScope, RunActions } from './actions.js';
import { parseId } from './game-routes.js';
import { pullImage, timerImage, wipeImage } from './journal.js';
import { actorOfUser, ownRun } from './run-routes.js';
import { docs, parseBody, timerShape, wipeShape } from './schemas.js';
import { findTimer, findWipe, listTimers, listWipes } from './store.js';
import { elapsedAt, timerJson, wipeJson } from './views.js';

const tags = ['runs'];
type Params = { runId: string; id?: string };

export function registerSegmentRoutes(app: FastifyInstance, ctx: AppContext, actions: RunActions): void {
  const db = ctx.database.db;
  const segmentMissing = () => notFound('No segment matches the given query.');

  // ---- wipe counters ----
  app.get(
    '/api/runs/:runId/wipecounters/',
    { schema: { tags, summary: 'Wipe counters of your run' } },
    async (request) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).runId);
      return (await listWipes(db, run.id)).map((w) => wipeJson(w, run.name));
    },
  );

  app.post(
    '/api/runs/:runId/wipecounters/',
    { schema: { tags, summary: 'Add a wipe counter', body: jsonSchema(docs.wipe) } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).runId);
      const data = parseBody(wipeShape, request.body, false);
      const row = await actions.act(run.id, actorOfUser(user), 'add_segment', async (scope) => {
        const [created] = await scope.tx
          .insert(wipeCounters)
          .values({
            runId: run.id,
            segmentName: data.segment_name ?? '',
            count: data.count ?? 0,
            isFinished: data.is_finished ?? false,
          })
          .returning();
        if (!created) throw new Error('insert returned no row');
        scope.changes.push({ entity: 'wipe', before: null, after: wipeImage(created) });
        return created;
      });
      return reply.status(201).send(wipeJson(row, run.name));
    },
  );

  app.get(
    '/api/runs/:runId/wipecounters/:id/',
    { schema: { tags, summary: 'One wipe counter' } },
    async (request) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).runId);
      const row = await findWipe(db, run.id, parseId((request.params as Params).id) ?? 0);
      if (!row) throw segmentMissing();
      return wipeJson(row, run.name);
    },
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/api/runs/:runId/wipecounters/:id/',
      { schema: { tags, summary: 'Change a wipe counter', body: jsonSchema(docs.wipe) } },
      async (request) => {
        const user = await requireUser(ctx, request);
        const run = await ownRun(ctx, user, (request.params as Params).runId);
        const id = parseId((request.params as Params).id) ?? 0;
        const data = parseBody(wipeShape, request.body, method === 'patch');
        return actions.act(run.id, actorOfUser(user), 'update_segment', async (scope) => {
          const before = await findWipe(scope.tx, run.id, id);
          if (!before) throw segmentMissing();
          const values = {
            ...(data.segment_name !== undefined ? { segmentName: data.segment_name } : {}),
            ...(data.count !== undefined ? { count: data.count } : {}),
            ...(data.is_finished !== undefined ? { isFinished: data.is_finished } : {}),
          };
          const [after] = Object.keys(values).length
            ? await scope.tx.update(wipeCounters).set(values).where(eq(wipeCounters.id, id)).returning()
            : [before];
          if (!after) throw segmentMissing();
          scope.changes.push({ entity: 'wipe', before: wipeImage(before), after: wipeImage(after) });
          return wipeJson(after, run.name);
        });
      },
    );
  }

  app.delete(
    '/api/runs/:runId/wipecounters/:id/',
    { schema: { tags, summary: 'Delete a wipe counter' } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).runId);
      const id = parseId((request.params as Params).id) ?? 0;
      await actions.act(run.id, actorOfUser(user), 'delete_segment', async (scope: ActionScope) => {
        const before = await findWipe(scope.tx, run.id, id);
        if (!before) throw segmentMissing();
        // The attempts go with the segment (cascade); keep their images so undo brings them back.
        const pulls = await scope.tx.select().from(runPulls).where(eq(runPulls.segmentId, id));
        for (const p of pulls) scope.changes.push({ entity: 'pull', before: pullImage(p), after: null });
        await scope.tx.delete(wipeCounters).where(eq(wipeCounters.id, id));
        scope.changes.push({ entity: 'wipe', before: wipeImage(before), after: null });
      });
      return reply.status(204).send();
    },
  );

  // ---- timers ----
  app.get(
    '/api/runs/:runId/timers/',
    { schema: { tags, summary: 'Timers of your run' } },
    async (request) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).runId);
      const now = ctx.clock.now();
      return (await listTimers(db, run.id)).map((t) => timerJson(t, run.name, now));
    },
  );

  app.post(
    '/api/runs/:runId/timers/',
    { schema: { tags, summary: 'Add a timer', body: jsonSchema(docs.timer) } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).runId);
      const data = parseBody(timerShape, request.body, false);
      const row = await actions.act(run.id, actorOfUser(user), 'add_segment', async (scope) => {
        const [created] = await scope.tx
          .insert(runTimers)
          .values({
            runId: run.id,
            segmentName: data.segment_name ?? '',
            elapsedTime: data.elapsed_time === undefined ? 0 : data.elapsed_time,
            isFinished: data.is_finished ?? false,
          })
          .returning();
        if (!created) throw new Error('insert returned no row');
        scope.changes.push({ entity: 'timer', before: null, after: timerImage(created) });
        return created;
      });
      return reply.status(201).send(timerJson(row, run.name, ctx.clock.now()));
    },
  );

  app.get('/api/runs/:runId/timers/:id/', { schema: { tags, summary: 'One timer' } }, async (request) => {
    const user = await requireUser(ctx, request);
    const run = await ownRun(ctx, user, (request.params as Params).runId);
    const row = await findTimer(db, run.id, parseId((request.params as Params).id) ?? 0);
    if (!row) throw segmentMissing();
    return timerJson(row, run.name, ctx.clock.now());
  });

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/api/runs/:runId/timers/:id/',
      { schema: { tags, summary: 'Change a timer', body: jsonSchema(docs.timer) } },
      async (request) => {
        const user = await requireUser(ctx, request);
        const run = await ownRun(ctx, user, (request.params as Params).runId);
        const id = parseId((request.params as Params).id) ?? 0;
        const data = parseBody(timerShape, request.body, method === 'patch');
        return actions.act(run.id, actorOfUser(user), 'update_segment', async (scope) => {
          const before = await findTimer(scope.tx, run.id, id);
          if (!before) throw segmentMissing();
          const values: Partial<typeof runTimers.$inferInsert> = {};
          if (data.segment_name !== undefined) values.segmentName = data.segment_name;
          if (data.is_finished !== undefined) values.isFinished = data.is_finished;
          if (data.elapsed_time !== undefined) {
            // A running timer keeps running from the value given (a correction), a paused one takes it.
            values.elapsedTime = data.elapsed_time;
            if (before.startedAt) values.startedAt = new Date(scope.now);
          }
          if (values.isFinished && before.startedAt && data.elapsed_time === undefined) {
            values.elapsedTime = elapsedAt(before, scope.now);
            values.startedAt = null;
          } else if (values.isFinished) values.startedAt = null;
          const [after] = Object.keys(values).length
            ? await scope.tx.update(runTimers).set(values).where(eq(runTimers.id, id)).returning()
            : [before];
          if (!after) throw segmentMissing();
          scope.changes.push({ entity: 'timer', before: timerImage(before), after: timerImage(after) });
          return timerJson(after, run.name, scope.now);
        });
      },
    );
  }

  app.delete(
    '/api/runs/:runId/timers/:id/',
    { schema: { tags, summary: 'Delete a timer' } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as Params).runId);
      const id = parseId((request.params as Params).id) ?? 0;
      await actions.act(run.id, actorOfUser(user), 'delete_segment', async (scope) => {
        const before = await findTimer(scope.tx, run.id, id);
        if (!before) throw segmentMissing();
        await scope.tx.delete(runTimers).where(eq(runTimers.id, id));
        scope.changes.push({ entity: 'timer', before: timerImage(before), after: null });
      });
      return reply.status(204).send();
    },
  );
}
