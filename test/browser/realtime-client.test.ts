/**
 * The web app's real-time client (web/src/realtime/client.ts) against the real gateway, in node with
 * `ws` as its WebSocket: clock offset from `time_sync`, seq-stamped frames, recovery with `since`
 * after a dropped connection, and reconnecting after the server restarts (1001).
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../src/server/app.js';
import { buildConfig } from '../../src/server/config.js';
import type { AppContext } from '../../src/server/context.js';
import type { FastifyInstance } from 'fastify';
import {
  RealtimeClient,
  type RealtimeState,
  type WebSocketConstructor,
} from '../../web/src/realtime/client.js';
import { pgliteTestDatabase } from '../helpers/database.js';

const SERVER_AHEAD_MS = 5_000;
const TOPIC = 'rt-client-test';

interface Running {
  app: FastifyInstance;
  ctx: AppContext;
  port: number;
  close(): Promise<void>;
}

/** A server whose clock runs 5 s ahead, with an echo-to-topic endpoint that honours `since`. */
async function startEchoServer(port = 0): Promise<Running> {
  const database = await pgliteTestDatabase();
  const config = buildConfig({
    logLevel: 'silent',
    jwtSecret: 'test-secret-test-secret-test-secret-0123',
    webDist: '/nonexistent',
  });
  const { app, ctx } = await buildApp({
    config,
    database,
    clock: { now: () => Date.now() + SERVER_AHEAD_MS },
  });
  ctx.gateway.register<{ type: string }>({
    name: 'rt-test',
    path: '/ws/rt-test/',
    async open(session) {
      const since = session.query.since === undefined ? undefined : Number(session.query.since);
      await ctx.hub.join(session, TOPIC, { since });
    },
    async onFrame(_session, frame) {
      await ctx.hub.broadcast(TOPIC, frame);
    },
  });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  const actual = address && typeof address === 'object' ? address.port : 0;
  return {
    app,
    ctx,
    port: actual,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** `ws` sockets the test can reach, to cut the connection as a network would. */
const sockets: WebSocket[] = [];
class TrackedWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    sockets.push(this);
  }
}

function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (predicate()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new Error('condition not met in time'));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  sockets.length = 0;
});

function connect(server: Running, retryMs = 50) {
  const frames: Array<Record<string, unknown>> = [];
  const states: RealtimeState[] = [];
  const client = new RealtimeClient<Record<string, unknown>, Record<string, unknown>>('/ws/rt-test/', {
    WebSocketImpl: TrackedWebSocket as unknown as WebSocketConstructor,
    location: { protocol: 'http:', host: `127.0.0.1:${server.port}` },
    onFrame: (frame) => frames.push(frame),
    onState: (state) => states.push(state),
    backoff: { initialMs: retryMs, maxMs: retryMs * 4 },
    random: () => 1,
    timeSync: { burst: 5, spacingMs: 20 },
  });
  cleanups.push(() => client.close());
  return { client, frames, states };
}

describe('RealtimeClient against the gateway', () => {
  it('estimates the server clock offset from time_sync without passing replies on', async () => {
    const server = await startEchoServer();
    cleanups.push(() => server.close());
    const { client, frames } = connect(server);
    await waitFor(() => Number.isFinite(client.rttMs));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(Math.abs(client.offsetMs - SERVER_AHEAD_MS)).toBeLessThanOrEqual(Math.max(client.rttMs, 5));
    expect(Math.abs(client.serverNow() - Date.now() - client.offsetMs)).toBeLessThanOrEqual(2);
    expect(frames).toEqual([]);
  });

  it('gets seq-stamped frames and recovers what it missed with since after a dropped connection', async () => {
    const server = await startEchoServer();
    cleanups.push(() => server.close());
    // A fixed 300 ms wait before reconnecting, so the events below happen while disconnected.
    const { client, frames, states } = connect(server, 300);
    client.send({ type: 'note', n: 1 });
    await waitFor(() => frames.length === 1);
    const firstSeq = frames[0]?.seq;
    expect(typeof firstSeq).toBe('number');
    expect(client.lastSeq).toBe(firstSeq);

    // The network drops; two events happen meanwhile; the client comes back with since=<seq>.
    sockets[0]?.terminate();
    await waitFor(() => states.some((s) => s.status === 'reconnecting'));
    await server.ctx.hub.broadcast(TOPIC, { type: 'note', n: 2 });
    await server.ctx.hub.broadcast(TOPIC, { type: 'note', n: 3 });
    expect(sockets).toHaveLength(1);
    await waitFor(() => frames.length === 3);
    expect(sockets[1]?.url).toContain(`since=${String(firstSeq)}`);
    expect(frames.map((f) => f.n)).toEqual([1, 2, 3]);
    expect(client.lastSeq).toBe(frames[2]?.seq);
    expect(states.at(-1)?.status).toBe('open');
  });

  it('reconnects after the server shuts down (1001) and comes back on the same port', async () => {
    const first = await startEchoServer();
    const { states } = connect(first);
    await waitFor(() => states.at(-1)?.status === 'open');
    const port = first.port;
    await first.close();
    await waitFor(() => states.some((s) => s.status === 'reconnecting' && s.closeCode === 1001));
    const second = await startEchoServer(port);
    cleanups.push(() => second.close());
    await waitFor(() => states.at(-1)?.status === 'open', 10_000);
    expect(sockets.length).toBeGreaterThan(1);
  });
});
