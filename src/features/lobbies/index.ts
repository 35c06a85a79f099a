/**
 * The lobbies module (Premium Chat Lobby): REST at the seed's paths, the `ws/lobbies/<id>/` socket,
 * and the demo seeder. Messages go through the chat engine; moderation reaches sockets in every
 * process through the lobby control channel.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { chatService } from '../chat/index.js';
import type { LobbyDeps } from './deps.js';
import { LobbyLive } from './live.js';
import { registerLobbyRoutes } from './routes.js';
import { lobbyEndpoint } from './socket.js';

export { seedLobbiesDemo } from './demo.js';

const lives = new WeakMap<AppContext, LobbyLive>();

/** The live side of this app's lobbies (tests inspect local sockets). */
export function lobbyLive(ctx: AppContext): LobbyLive | undefined {
  return lives.get(ctx);
}

export async function registerLobbies(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const live = new LobbyLive(ctx);
  lives.set(ctx, live);
  await live.start();
  const deps: LobbyDeps = { ctx, db: ctx.database.db, clock: ctx.clock, live, chat: chatService(ctx) };
  registerLobbyRoutes(app, deps);
  ctx.gateway.register(lobbyEndpoint(deps));
  app.addHook('onClose', async () => live.stop());
}
