/**
 * The polls module (Wiperino polls): capability links, questions, server-side ballots with one
 * ballot per voter, coalesced exact tallies, countdowns, result visibility, rounds and exports.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { ViewerIdentities } from './capabilities.js';
import { pollLimitsFromConfig } from './limits.js';
import { registerPollRoutes } from './routes.js';
import { PollsService } from './service.js';
import { pollsEndpoint } from './socket.js';

export { seedPollsDemo } from './demo.js';

export async function registerPolls(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const service = new PollsService({
    db: ctx.database.db,
    hub: ctx.hub,
    clock: ctx.clock,
    log: ctx.log,
    identities: await ViewerIdentities.open(ctx.database.db),
    limits: pollLimitsFromConfig(ctx.config),
    sharedStore: ctx.config.redisUrl ? ctx.realtime.store : null,
  });
  registerPollRoutes(app, ctx, service);
  ctx.gateway.register(pollsEndpoint(service, ctx.realtime.store, ctx.realtime.presence.nodeId));
  // onClose hooks run last-registered first, after the app's own hook closed storage: queued ballots
  // and the last tally push must land before that, so they are drained in preClose.
  app.addHook('preClose', async () => {
    await service.close();
  });
}
