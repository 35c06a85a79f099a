/**
 * Boots a real Roomful server for a test: port 0 on 127.0.0.1, quiet logs, a migrated PGlite from
 * the snapshot (or a given database), in-process realtime unless given. `close()` tears it all down.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { buildConfig, type Config } from '../../src/server/config.js';
import type { AppContext } from '../../src/server/context.js';
import type { Realtime } from '../../src/realtime/index.js';
import type { Clock } from '../../src/realtime/clock.js';
import type { Database } from '../../src/storage/database.js';
import { pgliteTestDatabase } from './database.js';

export interface TestServer {
  app: FastifyInstance;
  ctx: AppContext;
  /** http://127.0.0.1:<port> (empty when not listening). */
  url: string;
  /** ws://127.0.0.1:<port> */
  wsUrl: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  config?: Partial<Config>;
  database?: Database;
  realtime?: Realtime;
  clock?: Clock;
  /** false: build only (use app.inject); default true. */
  listen?: boolean;
  /** Keep the database open after close (when shared between servers). */
  keepDatabase?: boolean;
  /** Registers extra routes or endpoints before the server starts (core tests). */
  setup?: (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownDatabase = !options.database;
  const database = options.database ?? (await pgliteTestDatabase());
  const config = buildConfig({
    logLevel: 'silent',
    jwtSecret: 'test-secret-test-secret-test-secret-0123',
    port: 0,
    webDist: '/nonexistent',
    ...options.config,
  });
  const { app, ctx } = await buildApp({ config, database, realtime: options.realtime, clock: options.clock });
  await options.setup?.(app, ctx);
  let url = '';
  if (options.listen !== false) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address && typeof address === 'object') url = `http://127.0.0.1:${address.port}`;
  } else {
    await app.ready();
  }
  return {
    app,
    ctx,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    close: async () => {
      await app.close();
      if (ownDatabase && !options.keepDatabase) await database.close();
    },
  };
}
