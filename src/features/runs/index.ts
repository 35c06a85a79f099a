/**
 * The runs module (Wiperino runs): games, runs, wipe counters and server-owned timers, the four run
 * sockets, public reads for overlays, xlsx export, stats, undo/redo and control tokens.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { RunActions } from './actions.js';
import { registerControlRoutes } from './control.js';
import { registerGameRoutes } from './game-routes.js';
import { registerReadRoutes } from './read-routes.js';
import { registerRunRoutes } from './run-routes.js';
import { registerSegmentRoutes } from './segment-routes.js';
import { registerRunSockets } from './sockets.js';

export { seedRunsDemo } from './demo.js';

export function registerRuns(app: FastifyInstance, ctx: AppContext): void {
  const actions = new RunActions({ db: ctx.database.db, clock: ctx.clock, hub: ctx.hub });
  registerGameRoutes(app, ctx);
  registerRunRoutes(app, ctx, actions);
  registerSegmentRoutes(app, ctx, actions);
  registerReadRoutes(app, ctx);
  registerControlRoutes(app, ctx, actions);
  registerRunSockets(ctx, actions);
}
