/**
 * The composition root: builds the Fastify app (no listen) from one config. Storage and realtime
 * ports are opened here unless the caller passes them (tests share a migrated database or a bus).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerFeatures } from '../features/index.js';
import { TokenService } from '../features/accounts/tokens.js';
import { Gateway } from '../gateway/gateway.js';
import { Hub } from '../gateway/hub.js';
import { systemClock, type Clock } from '../realtime/clock.js';
import { createRealtime, type Realtime } from '../realtime/index.js';
import { openDatabase, type Database } from '../storage/database.js';
import { getOrCreateJwtSecret } from '../storage/settings-store.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { registerHealthRoutes } from './health-routes.js';
import { installErrorHandlers } from './http-errors.js';
import { Metrics } from './metrics.js';
import { version } from './version.js';

export interface BuildOptions {
  config: Config;
  /** An open, migrated database; when absent one is opened from the config and closed with the app. */
  database?: Database;
  /** Realtime ports; when absent they are created from the config and closed with the app. */
  realtime?: Realtime;
  clock?: Clock;
  /** Process-wide metrics (CPU, memory); off in tests that build many apps. */
  processMetrics?: boolean;
}

export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
}

export async function buildApp(options: BuildOptions): Promise<BuiltApp> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });
  // Bodies are validated by zod inside the handlers (seed-shaped errors); route schemas are for the docs.
  app.setValidatorCompiler(() => (data) => ({ value: data }));

  const ownsDatabase = !options.database;
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (ownsDatabase) await database.migrate();
  const ownsRealtime = !options.realtime;
  const realtime =
    options.realtime ??
    (await createRealtime({
      redisUrl: config.redisUrl,
      redisPrefix: config.redisPrefix,
      recoveryWindow: config.recoveryWindow,
      presenceTtlMs: config.presenceTtlSeconds * 1000,
      clock,
    }));

  const metrics = new Metrics({ processMetrics: options.processMetrics ?? false });
  const secret = config.jwtSecret ?? (await getOrCreateJwtSecret(database.db));
  const tokens = new TokenService(secret, config.accessTokenTtl, config.refreshTokenTtl, () => clock.now());
  const hub = new Hub(realtime.bus, realtime.presence.nodeId, () => metrics.busPublished.inc());
  const gateway = new Gateway(
    app,
    { tokens, hub, metrics, clock, log: app.log },
    { sendQueueBytes: config.wsSendQueueBytes, heartbeatSeconds: config.wsHeartbeatSeconds },
  );
  const ctx: AppContext = {
    config,
    database,
    realtime,
    clock,
    metrics,
    log: app.log,
    tokens,
    gateway,
    hub,
    cliBridgeToken: null,
  };

  const webDist = existsSync(path.join(config.webDist, 'index.html')) ? config.webDist : null;
  installErrorHandlers(app, webDist ? (_request, reply) => reply.sendFile('index.html') : null);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
  });
  await app.register(websocket, {
    options: { maxPayload: config.wsMaxPayload, perMessageDeflate: false },
    preClose: async function closeSockets(this: FastifyInstance) {
      await gateway.shutdown();
      await new Promise<void>((resolve) => this.websocketServer.close(() => resolve()));
    },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Roomful API',
        version,
        description: 'HTTP API of Roomful (WebSocket protocols: docs/).',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  if (webDist) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });

  registerHealthRoutes(app, ctx);
  await registerFeatures(app, ctx);

  app.addHook('onClose', async () => {
    if (ownsRealtime) await realtime.close();
    if (ownsDatabase) await database.close();
  });
  return { app, ctx };
}
