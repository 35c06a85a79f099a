/** The admin module: maintenance tasks and the CLI bridge (the staff admin area grows here). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { registerCliBridge } from './cli-bridge-routes.js';

export function registerAdmin(app: FastifyInstance, ctx: AppContext): void {
  registerCliBridge(app, ctx, () => ctx.cliBridgeToken);
}
