/**
 * Fan-out server (1): the real Roomful app (buildApp: Fastify, @fastify/websocket, gateway, hub,
 * in-process bus) over an in-memory PGlite, plus one bench endpoint. `open` joins the topic and
 * answers `ready`; every received frame is broadcast to the topic through the hub, i.e. the same
 * path a chat message or a watch-room PLAY takes. Runs as a child of `npm run bench`.
 */
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../../src/server/app.js';
import { buildConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/storage/database.js';
import { serveChild } from '../lib/server-child.js';

const TOPIC = 'bench';

serveChild(async () => {
  const database = await openDatabase({ pglite: new PGlite() });
  await database.migrate();
  const config = buildConfig({
    logLevel: 'silent',
    port: 0,
    jwtSecret: 'bench-secret-bench-secret-bench-secret-0123',
    webDist: '/nonexistent',
  });
  const { app, ctx } = await buildApp({ config, database });
  ctx.gateway.register({
    name: 'bench',
    path: '/ws/bench/',
    async open(session) {
      await ctx.hub.join(session, TOPIC);
      session.send({ type: 'ready' });
    },
    async onFrame(_session, frame) {
      await ctx.hub.broadcast(TOPIC, frame);
    },
  });
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
