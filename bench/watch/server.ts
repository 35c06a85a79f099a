/**
 * Watch-room bench server: the real Roomful app (every module) over an in-memory PGlite and the
 * in-process bus. Runs as a child of `npm run bench`. Overrides: a larger per-socket send queue,
 * because the join storm sends every member a ROOM_PARTICIPANTS frame per joiner (StreamIt's
 * protocol), and a sweep that does not run during the measurement.
 */
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../../src/server/app.js';
import { buildConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/storage/database.js';
import { serveChild } from '../lib/server-child.js';

serveChild(async () => {
  const database = await openDatabase({ pglite: new PGlite() });
  await database.migrate();
  const config = buildConfig({
    logLevel: 'silent',
    port: 0,
    jwtSecret: 'bench-secret-bench-secret-bench-secret-0123',
    webDist: '/nonexistent',
    wsSendQueueBytes: 64 * 1024 * 1024,
    watchSweepMs: 60_000,
  });
  const { app } = await buildApp({ config, database });
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
});
