/**
 * Gateway and hub rules on a real server with a test endpoint: ordering, validation, error frames,
 * seq stamping and recovery, time sync, slow consumers, flood guard, graceful shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';

const echoFrames = z.discriminatedUnion('type', [
  z.object({ type: z.literal('say'), text: z.string().max(100) }),
  z.object({ type: z.literal('others'), text: z.string() }),
  z.object({
    type: z.literal('blast'),
    count: z.number().int().max(5000),
    size: z.number().int().max(100_000),
  }),
]);

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    config: { wsSendQueueBytes: 256 * 1024 },
    setup: (_app, ctx) => {
      ctx.gateway.register({
        name: 'test',
        path: '/ws/test/:room/',
        frames: echoFrames,
        async open(session) {
          // A slow open: frames sent right after connecting must wait, not be lost.
          await new Promise((r) => setTimeout(r, 50));
          const since = session.query.since === undefined ? undefined : Number(session.query.since);
          const { recovered } = await ctx.hub.join(session, `test:${session.params.room}`, { since });
          session.send({ type: 'hello', user: session.user?.username ?? null, recovered });
        },
        async onFrame(session, frame) {
          const topic = `test:${session.params.room}`;
          if (frame.type === 'say') await ctx.hub.broadcast(topic, { type: 'said', text: frame.text });
          if (frame.type === 'others')
            await ctx.hub.broadcast(topic, { type: 'said', text: frame.text }, { except: session });
          if (frame.type === 'blast') {
            const big = 'x'.repeat(frame.size);
            for (let i = 0; i < frame.count; i += 1) session.send({ type: 'blast', i, big });
          }
        },
      });
      ctx.gateway.register({ name: 'overlay', path: '/ws/test-overlay/:room/', receiveOnly: true });
    },
  });
});

afterAll(async () => {
  await server.close();
});

describe('gateway', () => {
  it('[CORE-1] handles a frame sent right after open, after the endpoint opened, in order', async () => {
    const a = await connect(`${server.wsUrl}/ws/test/r1/`);
    a.send({ type: 'say', text: 'one' });
    a.send({ type: 'say', text: 'two' });
    expect(await a.next()).toMatchObject({ type: 'hello' });
    expect(await a.next()).toEqual({ type: 'said', text: 'one' });
    expect(await a.next()).toEqual({ type: 'said', text: 'two' });
    a.close();
  });

  it('[CORE-12] the client sees the socket open only once the endpoint has joined it: no broadcast is missed', async () => {
    const a = await connect(`${server.wsUrl}/ws/test/r12/`);
    await a.next((f) => f.type === 'hello');
    for (let i = 0; i < 5; i += 1) {
      // The endpoint's open waits 50 ms before joining; a broadcast sent the moment the newcomer's
      // socket opens must still reach it.
      const b = await connect(`${server.wsUrl}/ws/test/r12/`);
      a.send({ type: 'say', text: `right away ${i}` });
      expect(await b.next((f) => f.type === 'said')).toEqual({ type: 'said', text: `right away ${i}` });
      expect(b.frames[0]).toMatchObject({ type: 'hello' });
      b.close();
    }
    a.close();
  });

  it('[CORE-2] bad JSON and invalid frames get an error frame and the socket stays open', async () => {
    const a = await connect(`${server.wsUrl}/ws/test/r2/`);
    await a.next((f) => f.type === 'hello');
    a.sendRaw('{not json');
    expect(await a.next()).toEqual({ type: 'error', error: 'Wrong JSON format' });
    a.send({ type: 'say', text: 5 });
    expect(await a.next()).toMatchObject({ type: 'error' });
    a.send({ type: 'nope' });
    expect(await a.next()).toMatchObject({ type: 'error' });
    a.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await a.next()).toEqual({ type: 'error', error: 'Wrong JSON format' });
    a.send({ type: 'say', text: 'still here' });
    expect(await a.next()).toEqual({ type: 'said', text: 'still here' });
    a.close();
  });

  it('[CORE-3] a broadcast reaches every subscriber; `except` skips the sender', async () => {
    const a = await connect(`${server.wsUrl}/ws/test/r3/`);
    const b = await connect(`${server.wsUrl}/ws/test/r3/`);
    await a.next((f) => f.type === 'hello');
    await b.next((f) => f.type === 'hello');
    a.send({ type: 'others', text: 'hi b' });
    a.send({ type: 'say', text: 'hi all' });
    expect(await b.next()).toEqual({ type: 'said', text: 'hi b' });
    expect(await b.next()).toEqual({ type: 'said', text: 'hi all' });
    expect(await a.next()).toEqual({ type: 'said', text: 'hi all' });
    a.close();
    b.close();
  });

  it('[CORE-4] ?seq=1 stamps recorded frames; ?since= replays what was missed', async () => {
    const a = await connect(`${server.wsUrl}/ws/test/r4/?seq=1`);
    await a.next((f) => f.type === 'hello');
    a.send({ type: 'say', text: 'm1' });
    const first = await a.next<{ seq: number; type: string }>((f) => f.type === 'said');
    expect(first).toEqual({ seq: expect.any(Number), type: 'said', text: 'm1' });
    a.close();
    await a.closed();
    const b = await connect(`${server.wsUrl}/ws/test/r4/`);
    await b.next((f) => f.type === 'hello');
    b.send({ type: 'say', text: 'm2' });
    b.send({ type: 'say', text: 'm3' });
    await b.next((f) => f.text === 'm3');
    const back = await connect(`${server.wsUrl}/ws/test/r4/?seq=1&since=${first.seq}`);
    expect(await back.next()).toEqual({ seq: first.seq + 1, type: 'said', text: 'm2' });
    expect(await back.next()).toEqual({ seq: first.seq + 2, type: 'said', text: 'm3' });
    expect(await back.next()).toEqual({ type: 'hello', user: null, recovered: true });
    back.close();
    b.close();
  });

  it('[CORE-5] a since older than the recovery window asks for a snapshot', async () => {
    const small = await startTestServer({
      config: { recoveryWindow: 3 },
      setup: (_app, ctx) =>
        ctx.gateway.register({
          name: 't',
          path: '/ws/t/',
          async open(session) {
            const { recovered } = await ctx.hub.join(session, 't', {
              since: Number(session.query.since ?? 0),
            });
            session.send({ type: 'hello', recovered });
          },
          async onFrame() {
            await ctx.hub.broadcast('t', { type: 'x' });
          },
        }),
    });
    const a = await connect(`${small.wsUrl}/ws/t/`);
    await a.next((f) => f.type === 'hello');
    for (let i = 0; i < 6; i += 1) a.send({});
    await a.next(() => a.frames.filter((x) => (x as { type: string }).type === 'x').length === 6);
    const late = await connect(`${small.wsUrl}/ws/t/?since=1`);
    expect(await late.next((f) => f.type === 'hello')).toEqual({ type: 'hello', recovered: false });
    a.close();
    late.close();
    await small.close();
  });

  it('[CORE-6] time_sync answers with the server clock on every endpoint, receive-only included', async () => {
    const o = await connect(`${server.wsUrl}/ws/test-overlay/r6/`);
    o.sendRaw('garbage');
    o.send({ type: 'say', text: 'ignored' });
    o.send({ type: 'time_sync', t0: 123 });
    const reply = await o.next();
    expect(reply).toEqual({ type: 'time_sync', t0: 123, server_time: expect.any(Number) });
    expect(o.frames).toHaveLength(1);
    o.close();
  });

  it('[CORE-7] the token in ?token= is verified once and given to the endpoint', async () => {
    const token = await server.ctx.tokens.issueAccess({
      id: '00000000-0000-4000-8000-000000000001',
      username: 'alice',
      displayName: 'Alice',
      isGuest: false,
      isStaff: false,
      isPremium: false,
    });
    const a = await connect(`${server.wsUrl}/ws/test/r7/?token=${token}`);
    expect(await a.next()).toMatchObject({ type: 'hello', user: 'alice' });
    const b = await connect(`${server.wsUrl}/ws/test/r7/?token=${token}x`);
    expect(await b.next()).toMatchObject({ type: 'hello', user: null });
    a.close();
    b.close();
  });

  it('[CORE-8] a socket that does not read is closed as a slow consumer; the room goes on', async () => {
    const fast = await connect(`${server.wsUrl}/ws/test/r8/`);
    const slow = await connect(`${server.wsUrl}/ws/test/r8/`);
    await slow.next((f) => f.type === 'hello');
    await fast.next((f) => f.type === 'hello');
    // Stop reading on the slow client's TCP socket, then make the server write a lot to it.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    slow.send({ type: 'blast', count: 400, size: 50_000 });
    await new Promise((r) => setTimeout(r, 300));
    fast.send({ type: 'say', text: 'alive' });
    expect(await fast.next((f) => f.type === 'said')).toEqual({ type: 'said', text: 'alive' });
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await slow.closed(10_000)).toBe(CloseCode.SLOW_CONSUMER);
    fast.close();
  });

  it('[CORE-9] an oversized frame closes with 1009', async () => {
    const a = await connect(`${server.wsUrl}/ws/test/r9/`);
    a.sendRaw(JSON.stringify({ type: 'say', text: 'x'.repeat(70_000) }));
    expect(await a.closed()).toBe(CloseCode.MESSAGE_TOO_BIG);
  });

  it('[CORE-11] a burst of frames is read with backpressure: every frame handled, in order, socket open', async () => {
    const a = await connect(`${server.wsUrl}/ws/test/r11/`);
    await a.next((f) => f.type === 'hello');
    for (let i = 0; i < 3000; i += 1) a.send({ type: 'say', text: String(i) });
    await a.next((f) => f.text === '2999', 30_000);
    const said = a.frames
      .filter((f) => (f as { type: string }).type === 'said')
      .map((f) => (f as { text: string }).text);
    expect(said).toEqual(Array.from({ length: 3000 }, (_, i) => String(i)));
    expect(a.ws.readyState).toBe(1);
    a.close();
  });

  it('[CORE-10] shutdown closes sockets with going-away', async () => {
    const other = await startTestServer({
      setup: (_app, ctx) => ctx.gateway.register({ name: 'x', path: '/ws/x/' }),
    });
    const a = await connect(`${other.wsUrl}/ws/x/`);
    const closing = a.closed();
    await other.close();
    expect(await closing).toBe(CloseCode.GOING_AWAY);
  });
});
