/**
 * The watch module: StreamIt and SyncPlay rooms in one model. REST at both seeds' paths, the
 * `ws/room/<code or id>/` endpoint in both dialects, the lifecycle sweep (one shared timer per
 * process), and the maintenance tasks the CLI runs.
 */
import type { FastifyInstance } from 'fastify';
import type { Session } from '../../gateway/session.js';
import type { AppContext } from '../../server/context.js';
import { CloseCode } from '../../protocol/close-codes.js';
import { chatService } from '../chat/index.js';
import { startSweep } from './lifecycle.js';
import { WatchLive } from './live.js';
import { registerStreamitRoutes } from './routes-streamit.js';
import { registerSyncplayRoutes } from './routes-syncplay.js';
import { JOIN_TIMEOUT_MS, lifecycleDeps, watchEndpoint, type SocketDeps } from './socket.js';
import { attachLiveSide } from './tasks.js';

export { cleanupRoomsTask, expireRoomsTask } from './tasks.js';

const lives = new WeakMap<AppContext, WatchLive>();

/** The live side of this app's watch module (tests and bench inspect local sockets). */
export function watchLive(ctx: AppContext): WatchLive | undefined {
  return lives.get(ctx);
}

export async function registerWatch(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const live = new WatchLive(ctx);
  lives.set(ctx, live);
  await live.start();
  const chat = chatService(ctx);
  const pending = new Map<Session, number>();
  const deps: SocketDeps = { ctx, live, chat, pending };
  attachLiveSide(ctx.database, { live, presence: ctx.realtime.presence, clock: ctx.clock, chat });
  registerStreamitRoutes(app, ctx, live);
  registerSyncplayRoutes(app, ctx, live);
  ctx.gateway.register(watchEndpoint(deps));

  const stopSweep = startSweep(
    lifecycleDeps(deps),
    ctx.config.watchSweepMs,
    (err) => ctx.log.error({ err }, 'watch sweep failed'),
    // Token-less sockets that never sent SyncPlay's join are closed on the same timer.
    () => closeStalePending(pending, ctx),
  );
  app.addHook('onClose', async () => {
    stopSweep();
    live.stop();
  });
}

function closeStalePending(pending: Map<Session, number>, ctx: AppContext): void {
  const cutoff = ctx.clock.now() - JOIN_TIMEOUT_MS;
  for (const [session, openedAt] of pending) {
    if (openedAt > cutoff) continue;
    pending.delete(session);
    session.close(CloseCode.UNAUTHENTICATED, 'join expected');
  }
}
