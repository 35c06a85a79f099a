/**
 * The playback clock over real sockets: the web client's NTP-style offset estimation
 * (web/src/realtime/clock-sync.ts inside RealtimeClient) against the gateway's `time_sync` on a
 * server whose clock is 5 s ahead, and the clock rules of WATCH-10 with a FakeClock: scheduled
 * starts, SEEK and PAUSE anchors, rate changes re-anchored at the extrapolated position, and the
 * ready/buffering deadline. Rule ids: docs/spec/watch.md.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/realtime/clock.js';
import { RealtimeClient, type WebSocketConstructor } from '../../web/src/realtime/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { byType, createRoom, guest, joinRoom, openRoom, pause, type Json } from './watch-support.js';

const SHIFT_MS = 5000;

describe('watch clock: offset estimation over a real socket', () => {
  let server: TestServer;
  beforeAll(async () => {
    // A server clock 5 s ahead of this process's clock (same machine, so the truth is known).
    server = await startTestServer({ clock: { now: () => Date.now() + SHIFT_MS } });
  });
  afterAll(async () => server?.close());

  it('[WATCH-10] RealtimeClient recovers a +5 s server clock within a few ms and reads anchors with it', async () => {
    const host = await guest(server, 'ClockHost');
    const room = await createRoom(server, host);
    const states: Json[] = [];
    const client = new RealtimeClient<Json, Json>(`/ws/room/${room.code}/`, {
      token: host.token,
      query: { clock: 1 },
      WebSocketImpl: WebSocket as unknown as WebSocketConstructor,
      location: { protocol: 'http:', host: server.url.replace(/^http:\/\//, '') },
      onFrame: (frame) => {
        if (frame.type === 'PLAYBACK_STATE') states.push(frame);
      },
      timeSync: { burst: 8, spacingMs: 50 },
    });
    try {
      const deadline = Date.now() + 10_000;
      while (states.length === 0 || Number.isNaN(client.rttMs)) {
        if (Date.now() > deadline) throw new Error('no time_sync replies');
        await pause(25);
      }
      await pause(450); // the rest of the burst: the best of 8 round trips wins
      const error = Math.abs(client.offsetMs - SHIFT_MS);
      console.log(
        `[watch clock] offset ${client.offsetMs.toFixed(2)} ms, rtt ${client.rttMs} ms, error ${error.toFixed(2)} ms`,
      );
      // NTP bound: the error is at most half the best round trip (+1 ms of clock resolution).
      // (No absolute bound: the round trip, and so the error, grows with the machine's load.)
      const bound = client.rttMs / 2 + 1;
      expect(error).toBeLessThanOrEqual(bound);
      expect(Math.abs(client.serverNow() - (Date.now() + SHIFT_MS))).toBeLessThanOrEqual(bound + 1);

      // A PLAY is anchored 300 ms ahead on the server clock; with serverNow() the client sees the
      // start ahead of it, not 5 s in the past.
      client.send({ type: 'PLAY', time: 12 });
      const deadlinePlay = Date.now() + 5000;
      while (!states.some((s) => s.is_playing)) {
        if (Date.now() > deadlinePlay) throw new Error('no PLAYBACK_STATE after PLAY');
        await pause(10);
      }
      const play = states.find((s) => s.is_playing) as Json;
      expect(play).toMatchObject({ position: 12, rate: 1, version: 1 });
      expect(play.anchor_server_time - play.server_time).toBe(300);
      const wait = play.anchor_server_time - client.serverNow();
      expect(wait).toBeLessThanOrEqual(300 + bound + 1);
      expect(wait).toBeGreaterThan(-5000);
    } finally {
      client.close();
    }
  });
});

describe('watch clock rules (FakeClock)', () => {
  let server: TestServer;
  const clock = new FakeClock(Date.now());
  const lead = 300;
  const readyTimeout = 4000;

  beforeAll(async () => {
    server = await startTestServer({
      clock,
      config: { watchCommandLeadMs: lead, watchReadyTimeoutMs: readyTimeout, watchSweepMs: 60_000 },
    });
  });
  afterAll(async () => server?.close());

  async function room(name: string) {
    const host = await guest(server, `${name}Host`);
    const viewer = await guest(server, `${name}View`);
    const created = await createRoom(server, host);
    await joinRoom(server, viewer, created.code);
    const h = await openRoom(server, created.code, host, '&clock=1');
    const v = await openRoom(server, created.code, viewer, '&clock=1');
    return { code: created.code as string, host, viewer, h, v };
  }

  it('[WATCH-10] PLAY and SEEK-while-playing start lead ms ahead; PAUSE and SEEK-while-paused hold now', async () => {
    const { h, v } = await room('Anchor');
    const t0 = clock.now();
    h.send({ type: 'PLAY', time: 10 });
    const play = await v.next<Json>(byType('PLAYBACK_STATE'));
    expect(play).toMatchObject({ is_playing: true, position: 10, time: 10, rate: 1, version: 1 });
    expect(play.anchor_server_time).toBe(t0 + lead);
    expect(play.server_time).toBe(t0);

    clock.advance(lead + 2000);
    h.send({ type: 'SEEK', time: 40 });
    const seek = await v.next<Json>(byType('PLAYBACK_STATE'));
    expect(seek).toMatchObject({ is_playing: true, position: 40, time: 40, version: 2 });
    expect(seek.anchor_server_time).toBe(clock.now() + lead);

    clock.advance(lead + 1000);
    h.send({ type: 'PAUSE', time: 41 });
    const paused = await v.next<Json>(byType('PLAYBACK_STATE'));
    expect(paused).toMatchObject({ is_playing: false, position: 41, time: 41, version: 3 });
    expect(paused.anchor_server_time).toBe(clock.now());

    h.send({ type: 'SEEK', time: 5 });
    const seekPaused = await v.next<Json>(byType('PLAYBACK_STATE'));
    expect(seekPaused).toMatchObject({ is_playing: false, position: 5, version: 4 });
    expect(seekPaused.anchor_server_time).toBe(clock.now());
    h.close();
    v.close();
  });

  it('[WATCH-10] SET_RATE re-anchors at the extrapolated position; joiners and SYNC_CHECK use the new rate; bad rates change nothing', async () => {
    const { code, viewer, h, v } = await room('Rate');
    h.send({ type: 'PLAY', time: 100 });
    await v.next(byType('PLAYBACK_STATE'));
    clock.advance(lead + 4000);
    h.send({ type: 'SET_RATE', rate: 2 });
    const rate = await v.next<Json>(byType('PLAYBACK_STATE'));
    expect(rate).toMatchObject({ is_playing: true, position: 104, time: 104, rate: 2, version: 2 });
    expect(rate.anchor_server_time).toBe(clock.now());

    clock.advance(3000);
    // A joiner's state extrapolates at 2x: 104 + 3 x 2.
    v.close();
    const again = await openRoom(server, code, viewer, '&clock=1');
    const state = again.frames.find((f) => (f as Json).type === 'PLAYBACK_STATE') as Json;
    expect(state).toMatchObject({ time: 110, position: 104, rate: 2, version: 2 });
    again.send({ type: 'SYNC_CHECK', client_time: 109 });
    again.send({ type: 'SYNC_CHECK', client_time: 107 });
    expect(await again.next(byType('SYNC_CORRECTION'))).toEqual({
      type: 'SYNC_CORRECTION',
      time: 110,
      version: 2,
    });

    for (const bad of [0.1, 5, Number.NaN, '2', null]) h.send({ type: 'SET_RATE', rate: bad });
    h.send({ type: 'SET_RATE', rate: 0.25 });
    expect(await again.next(byType('PLAYBACK_STATE'))).toMatchObject({ rate: 0.25, version: 3, time: 110 });
    h.close();
    again.close();
  });

  it('[WATCH-10] a rate change before a scheduled start keeps the start (and its ready deadline)', async () => {
    const { h, v } = await room('Pending');
    v.send({ type: 'BUFFERING' });
    await h.next(byType('BUFFERING_STATE'));
    const t0 = clock.now();
    h.send({ type: 'PLAY', time: 20 });
    expect(await v.next<Json>(byType('PLAYBACK_STATE'))).toMatchObject({
      anchor_server_time: t0 + readyTimeout,
    });
    clock.advance(1000);
    h.send({ type: 'SET_RATE', rate: 2 });
    const rate = await v.next<Json>(byType('PLAYBACK_STATE'));
    // Still waiting for the buffering viewer: same start instant and position, new rate.
    expect(rate).toMatchObject({ is_playing: true, position: 20, time: 20, rate: 2, version: 2 });
    expect(rate.anchor_server_time).toBe(t0 + readyTimeout);
    h.close();
    v.close();
  });

  it('[WATCH-10] a PLAY while someone buffers waits for the ready deadline; the last READY pulls it in', async () => {
    const { h, v } = await room('Buffer');
    v.send({ type: 'BUFFERING' });
    expect(await h.next(byType('BUFFERING_STATE'))).toMatchObject({ members: [expect.any(String)] });
    const t0 = clock.now();
    h.send({ type: 'PLAY', time: 0 });
    const waiting = await v.next<Json>(byType('PLAYBACK_STATE'));
    expect(waiting).toMatchObject({ is_playing: true, version: 1 });
    expect(waiting.anchor_server_time).toBe(t0 + readyTimeout);

    clock.advance(1000);
    v.send({ type: 'READY' });
    expect(await h.next(byType('BUFFERING_STATE'))).toMatchObject({ members: [] });
    const pulled = await h.next<Json>(byType('PLAYBACK_STATE'));
    expect(pulled).toMatchObject({ is_playing: true, position: 0, version: 2 });
    expect(pulled.anchor_server_time).toBe(clock.now() + lead);
    expect(await v.next(byType('PLAYBACK_STATE'))).toEqual(pulled);

    // Nobody buffers now: the next start uses the short lead, and a repeated READY changes nothing.
    v.send({ type: 'READY' });
    h.send({ type: 'SEEK', time: 30 });
    const seek = await v.next<Json>(byType('PLAYBACK_STATE'));
    expect(seek).toMatchObject({ position: 30, version: 3 });
    expect(seek.anchor_server_time).toBe(clock.now() + lead);
    await pause(100);
    expect(
      h.frames.filter((f) => (f as Json).type === 'PLAYBACK_STATE').map((f) => (f as Json).version),
    ).toEqual([0, 1, 2, 3]);
    h.close();
    v.close();
  });
});
