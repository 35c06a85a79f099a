/**
 * Fan-out server (1): the real Roomful app (buildApp: Fastify, @fastify/websocket, gateway, hub,
 * in-process bus) over an in-memory PGlite, plus one bench endpoint. `open` joins the topic and
 * answers `ready`; every received frame is broadcast to the topic through the hub, i.e. the same
 * path a chat message or a watch-room PLAY takes. Runs as a child of `npm run bench`.
 */
import { startRoomful } from '../lib/roomful-app.js';
import { serveChild } from '../lib/server-child.js';

const TOPIC = 'bench';

serveChild(() =>
  startRoomful({}, (ctx) =>
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
    }),
  ),
);
