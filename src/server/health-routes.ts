/** Liveness (`/api/health/`, SyncPlay's shape), readiness (database + Redis) and Prometheus metrics. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { version } from './version.js';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/health/',
    { schema: { tags: ['operations'], summary: 'Liveness: the process answers' } },
    async () => ({ status: 'healthy', timestamp: new Date().toISOString(), version }),
  );

  app.get(
    '/api/ready/',
    { schema: { tags: ['operations'], summary: 'Readiness: the database and Redis answer' } },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      const database = await ctx.database.ping().then(
        () => 'ok',
        (err: Error) => `error: ${err.message}`,
      );
      checks.database = database;
      checks.redis =
        ctx.realtime.kind === 'redis'
          ? await ctx.realtime.ping().then(
              () => 'ok',
              (err: Error) => `error: ${err.message}`,
            )
          : 'not configured';
      const ready = Object.values(checks).every((v) => v === 'ok' || v === 'not configured');
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics' } },
    async (_request, reply) => {
      reply.header('Content-Type', ctx.metrics.registry.contentType);
      return ctx.metrics.registry.metrics();
    },
  );
}
