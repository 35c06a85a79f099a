/**
 * `/api/games/[<id>/]`: global CRUD for any signed-in user, as the seed. Names are unique
 * (case-sensitive, the seed's model constraint), non-blank, at most 50 characters. Deleting a game
 * that has runs is a 409 with a clear message (the seed answered 500).
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { AppError, conflict, notFound } from '../../server/errors.js';
import { jsonSchema } from '../../server/validate.js';
import { games } from '../../storage/schema/index.js';
import { requireUser } from '../accounts/auth.js';
import { docs, gameShape, parseBody } from './schemas.js';
import { findGame, findGameByName, gameHasRuns, listGames } from './store.js';

const tags = ['runs'];
const DUPLICATE = { name: ['game with this name already exists.'] };

export function parseId(raw: unknown): number | null {
  return typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

export function registerGameRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;

  async function gameOr404(raw: unknown) {
    const id = parseId(raw);
    const game = id === null ? undefined : await findGame(db, id);
    if (!game) throw notFound('No Game matches the given query.');
    return game;
  }

  async function ensureUnique(name: string, exceptId?: number) {
    const other = await findGameByName(db, name);
    if (other && other.id !== exceptId)
      throw new AppError(400, 'invalid', DUPLICATE.name[0] ?? '', DUPLICATE);
  }

  app.get('/api/games/', { schema: { tags, summary: 'List games' } }, async (request) => {
    await requireUser(ctx, request);
    return listGames(db);
  });

  app.post(
    '/api/games/',
    { schema: { tags, summary: 'Create a game', body: jsonSchema(docs.game) } },
    async (request, reply) => {
      await requireUser(ctx, request);
      const { name } = parseBody(gameShape, request.body, false);
      await ensureUnique(name ?? '');
      const [row] = await db
        .insert(games)
        .values({ name: name ?? '' })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new AppError(400, 'invalid', DUPLICATE.name[0] ?? '', DUPLICATE);
      return reply.status(201).send(row);
    },
  );

  app.get('/api/games/:id/', { schema: { tags, summary: 'A game' } }, async (request) => {
    await requireUser(ctx, request);
    return gameOr404((request.params as { id: string }).id);
  });

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/api/games/:id/',
      { schema: { tags, summary: 'Rename a game', body: jsonSchema(docs.game) } },
      async (request) => {
        await requireUser(ctx, request);
        const game = await gameOr404((request.params as { id: string }).id);
        const { name } = parseBody(gameShape, request.body, method === 'patch');
        if (name === undefined) return game;
        await ensureUnique(name, game.id);
        try {
          const [row] = await db.update(games).set({ name }).where(eq(games.id, game.id)).returning();
          return row ?? game;
        } catch {
          throw new AppError(400, 'invalid', DUPLICATE.name[0] ?? '', DUPLICATE);
        }
      },
    );
  }

  app.delete(
    '/api/games/:id/',
    { schema: { tags, summary: 'Delete a game (409 when it has runs)' } },
    async (request, reply) => {
      await requireUser(ctx, request);
      const game = await gameOr404((request.params as { id: string }).id);
      if (await gameHasRuns(db, game.id))
        throw conflict('This game has runs and cannot be deleted. Delete its runs first.');
      try {
        await db.delete(games).where(eq(games.id, game.id));
      } catch {
        // A run created meanwhile trips the foreign key: same answer as the check above.
        throw conflict('This game has runs and cannot be deleted. Delete its runs first.');
      }
      return reply.status(204).send();
    },
  );
}
