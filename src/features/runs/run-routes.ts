/**
 * `/api/runs/[<id>/]`: the caller's own runs only (ordered by id); another user's run is a 404 on
 * read, change and delete, as the seed. Changes go through the action core so they join the run's
 * undo log; they are not broadcast (the seed's pages announce their own REST changes on the socket).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { jsonSchema } from '../../server/validate.js';
import { runs } from '../../storage/schema/index.js';
import { requireUser } from '../accounts/auth.js';
import type { AuthUser } from '../accounts/tokens.js';
import type { RunActions } from './actions.js';
import { parseId } from './game-routes.js';
import { runImage } from './journal.js';
import { docs, parseBody, runShape } from './schemas.js';
import {
  deleteRun,
  findGame,
  findRunView,
  insertRun,
  listRunViews,
  updateRun,
  type RunView,
} from './store.js';
import { runJson } from './views.js';

const tags = ['runs'];

/** The caller's run, or the seed's 404 (for missing and foreign runs alike). */
export async function ownRun(ctx: AppContext, user: AuthUser, raw: unknown): Promise<RunView> {
  const id = parseId(raw);
  const run = id === null ? undefined : await findRunView(ctx.database.db, id);
  if (!run || run.userId !== user.id) throw notFound('No Run matches the given query.');
  return run;
}

export const actorOfUser = (user: AuthUser) => ({
  userId: user.id,
  username: user.username,
  controlHash: null,
});

export function registerRunRoutes(app: FastifyInstance, ctx: AppContext, actions: RunActions): void {
  const db = ctx.database.db;

  async function checkGame(id: number | undefined) {
    if (id !== undefined && !(await findGame(db, id))) {
      const message = `Invalid pk "${id}" - object does not exist.`;
      throw new AppError(400, 'invalid', message, { game: [message] });
    }
  }

  app.get(
    '/api/runs/',
    { schema: { tags, summary: "The caller's runs, ordered by id" } },
    async (request) => {
      const user = await requireUser(ctx, request);
      return (await listRunViews(db, user.id)).map(runJson);
    },
  );

  app.post(
    '/api/runs/',
    { schema: { tags, summary: 'Create a run', body: jsonSchema(docs.run) } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const data = parseBody(runShape, request.body, false);
      await checkGame(data.game);
      const row = await insertRun(db, {
        name: data.name ?? '',
        gameId: data.game ?? 0,
        mode: data.mode ?? 'WIPECOUNTER',
        userId: user.id,
        isFinished: data.is_finished ?? false,
        youtubeLink: data.youtube_link ?? null,
      });
      const view = await findRunView(db, row.id);
      return reply.status(201).send(view ? runJson(view) : null);
    },
  );

  app.get('/api/runs/:id/', { schema: { tags, summary: 'One of your runs' } }, async (request) => {
    const user = await requireUser(ctx, request);
    return runJson(await ownRun(ctx, user, (request.params as { id: string }).id));
  });

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/api/runs/:id/',
      { schema: { tags, summary: 'Change a run', body: jsonSchema(docs.run) } },
      async (request) => {
        const user = await requireUser(ctx, request);
        const run = await ownRun(ctx, user, (request.params as { id: string }).id);
        const data = parseBody(runShape, request.body, method === 'patch');
        await checkGame(data.game);
        const values: Partial<typeof runs.$inferInsert> = {};
        if (data.name !== undefined) values.name = data.name;
        if (data.game !== undefined) values.gameId = data.game;
        if (data.mode !== undefined) values.mode = data.mode;
        if (data.is_finished !== undefined) values.isFinished = data.is_finished;
        if (data.youtube_link !== undefined) values.youtubeLink = data.youtube_link;
        await actions.act(run.id, actorOfUser(user), 'update_run', async (scope) => {
          const after = await updateRun(scope.tx, run.id, values);
          if (after)
            scope.changes.push({ entity: 'run', before: runImage(scope.run), after: runImage(after) });
        });
        const view = await findRunView(db, run.id);
        return view ? runJson(view) : null;
      },
    );
  }

  app.delete(
    '/api/runs/:id/',
    { schema: { tags, summary: 'Delete a run with its segments' } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const run = await ownRun(ctx, user, (request.params as { id: string }).id);
      await deleteRun(db, run.id);
      return reply.status(204).send();
    },
  );
}
