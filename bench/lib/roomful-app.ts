/**
 * Boots the real Roomful app for a bench server child: every module, an in-memory PGlite (migrated)
 * and the in-process realtime ports, listening on 127.0.0.1 port 0. Scenarios pass config overrides
 * and may register extra endpoints before it listens.
 */
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../../src/server/app.js';
import { buildConfig, type Config } from '../../src/server/config.js';
import type { AppContext } from '../../src/server/context.js';
import { openDatabase } from '../../src/storage/database.js';
import type { RunningServer } from './server-child.js';

export async function startRoomful(
  overrides: Partial<Config> = {},
  setup: (ctx: AppContext) => void = () => {},
): Promise<RunningServer> {
  const database = await openDatabase({ pglite: new PGlite() });
  await database.migrate();
  const config = buildConfig({
    logLevel: 'silent',
    port: 0,
    jwtSecret: 'bench-secret-bench-secret-bench-secret-0123',
    webDist: '/nonexistent',
    ...overrides,
  });
  const { app, ctx } = await buildApp({ config, database });
  setup(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return {
    port: address.port,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
