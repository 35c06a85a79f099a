/**
 * `POST /api/internal/cli/`: lets the `roomful` CLI run a maintenance task inside this server when
 * it owns the embedded database. Only a caller holding the token from the data folder's server note
 * (readable by the server's own OS user) gets in; it is hidden from the OpenAPI docs.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { forbidden } from '../../server/errors.js';
import type { AppContext } from '../../server/context.js';
import { parseInput } from '../../server/validate.js';
import { runTask, TaskError } from './tasks.js';

const body = z.object({
  task: z.string().max(50),
  args: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

export function registerCliBridge(
  app: FastifyInstance,
  ctx: AppContext,
  getToken: () => string | null,
): void {
  app.post('/api/internal/cli/', { schema: { hide: true } }, async (request, reply) => {
    const expected = getToken();
    const given = String(request.headers['x-roomful-cli-token'] ?? '');
    if (
      !expected ||
      given.length !== expected.length ||
      !timingSafeEqual(Buffer.from(given), Buffer.from(expected))
    ) {
      throw forbidden();
    }
    const input = parseInput(body, request.body);
    try {
      const output = await runTask(input.task, { database: ctx.database, config: ctx.config }, input.args);
      return { ok: true, output };
    } catch (err) {
      if (err instanceof TaskError) return reply.status(400).send({ ok: false, error: err.message });
      throw err;
    }
  });
}
