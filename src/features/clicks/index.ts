/**
 * The click wall (frustrated physicists): the seed's HTTP routes under /api and its Socket.IO
 * server at /api/socket.io (Engine.IO v3 clients such as socket.io-client 2.3 included), with
 * durable counters in the database and, with REDIS_URL, Socket.IO's Redis adapter for the fan-out.
 */
import type { FastifyInstance } from 'fastify';
import { mountSocketIo } from '../../gateway/socketio.js';
import type { AppContext } from '../../server/context.js';
import { registerClickRoutes } from './routes.js';
import { ClicksService, type ClicksIo } from './service.js';
import { attachClickSockets } from './socket.js';

export const SOCKET_PATH = '/api/socket.io';

export async function registerClicks(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { config } = ctx;
  const service = new ClicksService({
    db: ctx.database.db,
    presence: ctx.realtime.presence,
    clock: ctx.clock,
    log: ctx.log,
    timeZone: config.clicksTimeZone,
    batchMs: config.clicksBatchMs,
  });
  const adapter = config.redisUrl ? await redisAdapter(config.redisUrl, config.redisPrefix) : null;
  const mounted = mountSocketIo(app, {
    path: SOCKET_PATH,
    allowEIO3: true,
    maxHttpBufferSize: 16 * 1024,
    ...(adapter ? { adapter: adapter.factory } : {}),
  });
  const io = mounted.io as unknown as ClicksIo;
  service.start(io);
  const stopSockets = attachClickSockets(io, {
    service,
    store: ctx.realtime.store,
    presence: ctx.realtime.presence,
    log: ctx.log,
    timeZone: config.clicksTimeZone,
    clicksPerSecond: config.clicksPerSecond,
    clicksBurst: config.clicksBurst,
    perAddressPerSecond: config.clicksPerAddressPerSecond,
    trustProxy: config.trustProxy,
  });
  registerClickRoutes(app, service);

  app.addHook('preClose', async () => {
    // Sockets first (no new clicks), then store what is queued, while the database is still open.
    await mounted.close();
    stopSockets();
    await service.stop();
    await adapter?.close();
  });
}

/** Socket.IO's Redis adapter on two connections of its own (a subscribed connection does nothing else). */
async function redisAdapter(url: string, prefix: string) {
  const [{ createAdapter }, { connectRedis }] = await Promise.all([
    import('@socket.io/redis-adapter'),
    import('../../realtime/redis/index.js'),
  ]);
  const onError = (error: unknown) => console.error('[roomful] clicks redis adapter:', error);
  const pub = connectRedis(url, onError);
  const sub = connectRedis(url, onError);
  return {
    factory: createAdapter(pub, sub, { key: `${prefix}socket.io` }),
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}
