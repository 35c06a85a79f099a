/**
 * The admin module: the staff admin API under /api/admin/ (overview, rooms, lobbies, messages,
 * bans, event logs, poll sessions, runs, the admin audit trail; users are the accounts module's),
 * maintenance tasks and the CLI bridge.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { registerCliBridge } from './cli-bridge-routes.js';
import { registerLobbyAdminRoutes } from './routes-lobbies.js';
import { registerOverviewRoutes } from './routes-overview.js';
import { registerRoomAdminRoutes } from './routes-rooms.js';
import { auditUserChanges } from './user-audit.js';

export function registerAdmin(app: FastifyInstance, ctx: AppContext): void {
  registerCliBridge(app, ctx, () => ctx.cliBridgeToken);
  registerOverviewRoutes(app, ctx);
  registerRoomAdminRoutes(app, ctx);
  registerLobbyAdminRoutes(app, ctx);
  auditUserChanges(app, ctx);
}
