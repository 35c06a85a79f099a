/**
 * Click storm server: the real Roomful app (Socket.IO at /api/socket.io, batched durable writes)
 * over an in-memory PGlite. Rate limits are raised: every load client shares 127.0.0.1.
 */
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../../src/server/app.js';
import { buildConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/storage/database.js';
import { serveChild } from '../lib/server-child.js';
import { startCpuProfile } from './profile.js';

serveChild(async () => {
  // CLICKS_CPU_PROF=<dir>: write a .cpuprofile of this server child (open it in Chrome DevTools).
  const stopProfile = await startCpuProfile(process.env.CLICKS_CPU_PROF);
  const database = await openDatabase({ pglite: new PGlite() });
  await database.migrate();
  const config = buildConfig({
    logLevel: 'silent',
    port: 0,
    jwtSecret: 'bench-secret-bench-secret-bench-secret-0123',
    webDist: '/nonexistent',
    clicksPerAddressPerSecond: 1_000_000,
    clicksPerSecond: 1000,
    clicksBurst: 1000,
  });
  const { app } = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return {
    port: address.port,
    close: async () => {
      await stopProfile();
      await app.close();
      await database.close();
    },
  };
});
