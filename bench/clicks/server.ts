/**
 * Click storm server: the real Roomful app (Socket.IO at /api/socket.io, batched durable writes)
 * over an in-memory PGlite. Rate limits are raised: every load client shares 127.0.0.1.
 */
import { startRoomful } from '../lib/roomful-app.js';
import { serveChild } from '../lib/server-child.js';
import { startCpuProfile } from './profile.js';

serveChild(async () => {
  // CLICKS_CPU_PROF=<dir>: write a .cpuprofile of this server child (open it in Chrome DevTools).
  const stopProfile = await startCpuProfile(process.env.CLICKS_CPU_PROF);
  const server = await startRoomful({
    clicksPerAddressPerSecond: 1_000_000,
    clicksPerSecond: 1000,
    clicksBurst: 1000,
  });
  return {
    port: server.port,
    close: async () => {
      await stopProfile();
      await server.close();
    },
  };
});
