/**
 * Watch rooms, StreamIt dialect: REST, every close code in StreamIt's order, the join frames,
 * moderation, host playback with versions, SYNC_CHECK on the extrapolated clock, delete.
 * Rule ids: docs/spec/watch.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/realtime/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import { byType, createRoom, guest, http, joinRoom, openRoom, pause, type Json } from './watch-support.js';

describe('watch rooms (StreamIt dialect)', () => {
  let server: TestServer;
  const clock = new FakeClock(Date.now());

  beforeAll(async () => {
    server = await startTestServer({ clock, config: { watchCommandLeadMs: 0, watchSweepMs: 100 } });
  });
  afterAll(async () => server?.close());

  it('[WATCH-1] create answers 201 with a 6-character code; private rooms need an entry mode', async () => {
    const host = await guest(server, 'Host1');
    const room = await createRoom(server, host);
    expect(room).toMatchObject({ is_private: false, entry_mode: null });
    expect(room.code).toMatch(/^[A-Z0-9]{6}$/);
    expect(room.room_password).toBeUndefined();
    const bad = await http(server, 'POST', '/api/rooms/create/', { is_private: true }, host.token);
    expect(bad).toEqual({ status: 400, body: { error: 'Invalid entry_mode for private room' } });
    const anon = await http(server, 'POST', '/api/rooms/create/', {});
    expect(anon.status).toBe(401);
    const priv = await createRoom(server, host, { is_private: true, entry_mode: 'PASSWORD' });
    expect(priv.room_password).toMatch(/^\S{8}$/);
  });

  it('[WATCH-2] join: public APPROVED, password checked, approval PENDING then approved by the host only; idempotent', async () => {
    const host = await guest(server, 'Host2');
    const bob = await guest(server, 'Bob2');
    const pub = await createRoom(server, host);
    expect(await joinRoom(server, bob, pub.code)).toEqual({
      room_id: pub.room_id,
      code: pub.code,
      status: 'APPROVED',
      is_host: false,
    });
    expect(await joinRoom(server, host, pub.code)).toMatchObject({ is_host: true, status: 'APPROVED' });
    expect((await http(server, 'POST', '/api/rooms/join/', {}, bob.token)).body).toEqual({
      error: 'Room code required',
    });
    expect(await http(server, 'POST', '/api/rooms/join/', { code: 'ZZZZZZ' }, bob.token)).toEqual({
      status: 404,
      body: { error: 'Room not found' },
    });

    const pw = await createRoom(server, host, { is_private: true, entry_mode: 'PASSWORD' });
    expect(
      await http(server, 'POST', '/api/rooms/join/', { code: pw.code, password: 'wrong' }, bob.token),
    ).toEqual({
      status: 403,
      body: { error: 'Invalid room password' },
    });
    expect(await joinRoom(server, bob, pw.code, pw.room_password)).toMatchObject({ status: 'APPROVED' });

    const ap = await createRoom(server, host, { is_private: true, entry_mode: 'APPROVAL' });
    expect(await joinRoom(server, bob, ap.code)).toMatchObject({ status: 'PENDING' });
    expect(await joinRoom(server, bob, ap.code)).toMatchObject({ status: 'PENDING' });
    const pending = await http(server, 'GET', `/api/rooms/${ap.room_id}/pending/`, undefined, host.token);
    expect(pending.body).toEqual([expect.objectContaining({ user_id: bob.id, name: 'Bob2' })]);
    expect(
      await http(server, 'POST', '/api/rooms/approve/', { room_id: ap.room_id, user_id: bob.id }, bob.token),
    ).toEqual({
      status: 403,
      body: { error: 'Only host can approve' },
    });
    expect(
      (
        await http(
          server,
          'POST',
          '/api/rooms/approve/',
          { room_id: ap.room_id, user_id: bob.id },
          host.token,
        )
      ).body,
    ).toEqual({ approved: true });
    expect(await joinRoom(server, bob, ap.code)).toMatchObject({ status: 'APPROVED' });
  });

  it('[WATCH-3] close codes in order: 4001, 4002, 4010, 4005, 4004, 4003', async () => {
    const host = await guest(server, 'Host3');
    const eve = await guest(server, 'Eve3');
    const room = await createRoom(server, host);
    const closedWith = async (url: string) => (await connect(url)).closed();
    expect(await closedWith(`${server.wsUrl}/ws/room/${room.code}/`)).toBe(4001);
    expect(await closedWith(`${server.wsUrl}/ws/room/${room.code}/?token=bad.token.here`)).toBe(4001);
    expect(await closedWith(`${server.wsUrl}/ws/room/QQQQQQ/?token=${eve.token}`)).toBe(4002);
    // 4003 before joining over REST
    expect(await closedWith(`${server.wsUrl}/ws/room/${room.code}/?token=${eve.token}`)).toBe(4003);
    // banned (4010) wins over inactive (4005)
    const hostSocket = await openRoom(server, room.code, host);
    hostSocket.send({ type: 'BAN_USER', user_id: eve.id });
    await pause(100);
    expect(await closedWith(`${server.wsUrl}/ws/room/${room.code}/?token=${eve.token}`)).toBe(4010);
    expect((await http(server, 'POST', '/api/rooms/join/', { code: room.code }, eve.token)).status).toBe(403);
    // 4004: the host's grace period ran out (lazy expiry on connect)
    const late = await guest(server, 'Late3');
    await joinRoom(server, late, room.code);
    hostSocket.close();
    await pause(150);
    clock.advance(31_000);
    const graceRoom = await http(server, 'GET', `/api/rooms/${room.room_id}/`);
    expect(['GRACE', 'EXPIRED']).toContain(graceRoom.body.room.state);
    const code = await closedWith(`${server.wsUrl}/ws/room/${room.code}/?token=${late.token}`);
    expect([4004, 4005]).toContain(code); // the sweep may have expired it first (then it is inactive)
    // 4005: inactive room; the banned user still gets 4010 first
    expect(await closedWith(`${server.wsUrl}/ws/room/${room.code}/?token=${late.token}`)).toBe(4005);
    expect(await closedWith(`${server.wsUrl}/ws/room/${room.code}/?token=${eve.token}`)).toBe(4010);
  });

  it('[WATCH-3] 4004 exactly: lazy expiry on connect before the sweep runs', async () => {
    const slow = await startTestServer({ clock, config: { watchSweepMs: 600_000 } });
    try {
      const host = await guest(slow, 'HostL');
      const v = await guest(slow, 'ViewerL');
      const room = await createRoom(slow, host);
      await joinRoom(slow, v, room.code);
      const h = await openRoom(slow, room.code, host);
      h.close();
      await pause(150);
      clock.advance(31_000);
      expect(await (await connect(`${slow.wsUrl}/ws/room/${room.code}/?token=${v.token}`)).closed()).toBe(
        4004,
      );
      expect((await http(slow, 'GET', `/api/rooms/${room.room_id}/`)).body.room.state).toBe('EXPIRED');
    } finally {
      await slow.close();
    }
  });

  it('[WATCH-4] join frames: CHAT_HISTORY, one PLAYBACK_STATE, ROOM_PARTICIPANTS; others get ROOM_PARTICIPANTS and USER_JOINED', async () => {
    const host = await guest(server, 'Host4');
    const bob = await guest(server, 'Bob4');
    const room = await createRoom(server, host);
    clock.advance(1); // join order is time order
    await joinRoom(server, bob, room.code);
    const h = await openRoom(server, room.code, host);
    expect(h.frames.map((f) => (f as Json).type)).toEqual([
      'CHAT_HISTORY',
      'PLAYBACK_STATE',
      'ROOM_PARTICIPANTS',
    ]);
    expect(h.frames[1]).toEqual({ type: 'PLAYBACK_STATE', is_playing: false, time: 0, version: 0 });
    const b = await openRoom(server, room.code, bob);
    expect(b.frames.filter((f) => (f as Json).type === 'PLAYBACK_STATE')).toHaveLength(1);
    expect(await h.next((f: Json) => f.type === 'ROOM_PARTICIPANTS' && f.participants.length === 2)).toEqual({
      type: 'ROOM_PARTICIPANTS',
      participants: ['Host4', 'Bob4'],
      host: 'Host4',
    });
    expect(await h.next(byType('USER_JOINED'))).toEqual({ type: 'USER_JOINED', user: 'Bob4' });
    await pause(100);
    expect(b.frames.some((f) => (f as Json).type === 'USER_JOINED')).toBe(false);
    b.close();
    expect(await h.next(byType('USER_LEFT'))).toEqual({ type: 'USER_LEFT', user: 'Bob4' });
    h.close();
  });

  it('[WATCH-5] lifecycle: LIVE when the host connects, public listing with viewers, HOST_DISCONNECTED then HOST_RECONNECTED', async () => {
    const host = await guest(server, 'Host5');
    const bob = await guest(server, 'Bob5');
    const room = await createRoom(server, host);
    await joinRoom(server, bob, room.code);
    expect((await http(server, 'GET', `/api/rooms/${room.room_id}/`)).body.room.state).toBe('CREATED');
    const h = await openRoom(server, room.code, host);
    const b = await openRoom(server, room.code, bob);
    expect((await http(server, 'GET', `/api/rooms/${room.room_id}/`)).body.room.state).toBe('LIVE');
    const listed = (await http(server, 'GET', '/api/rooms/public/')).body as unknown as Json[];
    expect(listed.find((r) => r.code === room.code)).toMatchObject({ host: 'Host5', viewers: 2 });
    h.close();
    expect(await b.next(byType('HOST_DISCONNECTED'))).toEqual({
      type: 'HOST_DISCONNECTED',
      grace_seconds: 30,
    });
    expect(
      ((await http(server, 'GET', '/api/rooms/public/')).body as unknown as Json[]).some(
        (r) => r.code === room.code,
      ),
    ).toBe(false);
    clock.advance(10_000);
    const h2 = await openRoom(server, room.code, host);
    expect(await b.next(byType('HOST_RECONNECTED'))).toEqual({ type: 'HOST_RECONNECTED' });
    expect((await http(server, 'GET', `/api/rooms/${room.room_id}/`)).body.room.state).toBe('LIVE');
    h2.close();
    b.close();
  });

  it('[WATCH-6] the sweep expires a room after the grace period and closes its sockets with 4004', async () => {
    const host = await guest(server, 'Host6');
    const bob = await guest(server, 'Bob6');
    const room = await createRoom(server, host);
    await joinRoom(server, bob, room.code);
    const h = await openRoom(server, room.code, host);
    const b = await openRoom(server, room.code, bob);
    h.close();
    await b.next(byType('HOST_DISCONNECTED'));
    clock.advance(31_000);
    expect(await b.next(byType('ROOM_EXPIRED'))).toEqual({ type: 'ROOM_EXPIRED' });
    expect(await b.closed()).toBe(4004);
    expect((await http(server, 'GET', `/api/rooms/${room.room_id}/`)).body.room.state).toBe('EXPIRED');
  });

  it('[WATCH-7] host succession: with allow_succession the longest-present member becomes host', async () => {
    const host = await guest(server, 'Host7');
    const bob = await guest(server, 'Bob7');
    const room = await createRoom(server, host, { allow_succession: true });
    await joinRoom(server, bob, room.code);
    const h = await openRoom(server, room.code, host);
    const b = await openRoom(server, room.code, bob);
    h.close();
    await b.next(byType('HOST_DISCONNECTED'));
    clock.advance(31_000);
    expect(await b.next(byType('HOST_CHANGED'))).toMatchObject({ host: 'Bob7', user_id: bob.id });
    const detail = await http(server, 'GET', `/api/rooms/${room.room_id}/`);
    expect(detail.body.room).toMatchObject({ state: 'LIVE', host_id: bob.id });
    b.send({ type: 'PLAY', time: 3 });
    expect(await b.next(byType('PLAYBACK_STATE'))).toMatchObject({ is_playing: true, time: 3 });
    b.close();
  });

  it('[WATCH-8] playback: host only (others get PERMISSION_DENIED), every command bumps version, SEEK keeps play state', async () => {
    const host = await guest(server, 'Host8');
    const bob = await guest(server, 'Bob8');
    const room = await createRoom(server, host);
    await joinRoom(server, bob, room.code);
    const h = await openRoom(server, room.code, host);
    const b = await openRoom(server, room.code, bob);
    b.send({ type: 'PLAY', time: 10 });
    expect(await b.next(byType('ERROR'))).toEqual({
      type: 'ERROR',
      code: 'PERMISSION_DENIED',
      message: 'Only host can control playback',
    });
    h.send({ type: 'PLAY', time: 50 });
    expect(await b.next(byType('PLAYBACK_STATE'))).toEqual({
      type: 'PLAYBACK_STATE',
      is_playing: true,
      time: 50,
      version: 1,
    });
    expect(await h.next(byType('PLAYBACK_STATE'))).toMatchObject({ version: 1 });
    h.send({ type: 'SEEK', time: 80 });
    expect(await b.next(byType('PLAYBACK_STATE'))).toEqual({
      type: 'PLAYBACK_STATE',
      is_playing: true,
      time: 80,
      version: 2,
    });
    h.send({ type: 'PAUSE', time: 81 });
    expect(await b.next(byType('PLAYBACK_STATE'))).toEqual({
      type: 'PLAYBACK_STATE',
      is_playing: false,
      time: 81,
      version: 3,
    });
    h.send({ type: 'SET_RATE', rate: 1.5 });
    expect(await b.next(byType('PLAYBACK_STATE'))).toMatchObject({ version: 4 });
    h.close();
    b.close();
  });

  it('[WATCH-9] SYNC_CHECK compares with the position extrapolated to now; SYNC_CORRECTION past 2 s', async () => {
    const host = await guest(server, 'Host9');
    const room = await createRoom(server, host);
    const h = await openRoom(server, room.code, host);
    h.send({ type: 'PLAY', time: 100 });
    await h.next(byType('PLAYBACK_STATE'));
    h.send({ type: 'SYNC_CHECK', client_time: 90 });
    expect(await h.next(byType('SYNC_CORRECTION'))).toEqual({
      type: 'SYNC_CORRECTION',
      time: 100,
      version: 1,
    });
    clock.advance(10_000);
    h.send({ type: 'SYNC_CHECK', client_time: 109 });
    h.send({ type: 'SYNC_CHECK', client_time: 100 });
    expect(await h.next(byType('SYNC_CORRECTION'))).toEqual({
      type: 'SYNC_CORRECTION',
      time: 110,
      version: 1,
    });
    await pause(100);
    expect(h.frames.filter((f) => (f as Json).type === 'SYNC_CORRECTION')).toHaveLength(2);
    h.close();
  });

  it('[WATCH-10] the clock dialect (?clock=1) carries anchor, rate and media; PLAY is scheduled ahead', async () => {
    const host = await guest(server, 'Host10');
    const room = await createRoom(server, host, {
      media: { provider: 'youtube', id: 'https://youtu.be/dQw4w9WgXcQ' },
    });
    const h = await openRoom(server, room.code, host, '&clock=1');
    const state = h.frames.find((f) => (f as Json).type === 'PLAYBACK_STATE') as Json;
    expect(state).toMatchObject({ rate: 1, position: 0, media: { provider: 'youtube', id: 'dQw4w9WgXcQ' } });
    expect(typeof state.anchor_server_time).toBe('number');
    expect(typeof state.server_time).toBe('number');
    h.send({ type: 'SET_RATE', rate: 2 });
    expect(await h.next(byType('PLAYBACK_STATE'))).toMatchObject({ rate: 2 });
    h.close();
  });

  it('[WATCH-11] watch progress: save, get, resume, and completion on ended', async () => {
    const host = await guest(server, 'Host11');
    const room = await createRoom(server, host, {
      media: { provider: 'vidking', id: '550', media_type: 'movie' },
    });
    const saved = await http(
      server,
      'POST',
      '/api/rooms/progress/save/',
      {
        room_id: room.room_id,
        media_id: '550',
        media_type: 'vidking',
        timestamp: 200,
        duration: 400,
        progress_percent: 50,
      },
      host.token,
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      room: room.room_id,
      media_id: '550',
      timestamp: 200,
      progress_percent: 50,
      completed: false,
      season: null,
    });
    const got = await http(
      server,
      'GET',
      `/api/rooms/progress/get/?room_id=${room.room_id}&media_id=550&media_type=vidking`,
      undefined,
      host.token,
    );
    expect(got.body.timestamp).toBe(200);
    expect(
      (await http(server, 'GET', `/api/rooms/progress/get/?room_id=${room.room_id}`, undefined, host.token))
        .body,
    ).toEqual({
      error: 'room_id, media_id and media_type required',
    });
    expect(
      (
        await http(
          server,
          'GET',
          `/api/rooms/progress/get/?room_id=${room.room_id}&media_id=x&media_type=y`,
          undefined,
          host.token,
        )
      ).body,
    ).toEqual({ progress: null });
    expect(
      (await http(server, 'GET', `/api/rooms/${room.code}/resume/`, undefined, host.token)).body,
    ).toEqual({ progress_percent: 50, last_position_seconds: 200, completed: false });
    const h = await openRoom(server, room.code, host);
    h.send({ type: 'PLAYER_EVENT', data: { event: 'ended', currentTime: 399, duration: 400, progress: 99 } });
    await pause(150);
    expect(
      (await http(server, 'GET', `/api/rooms/${room.code}/resume/`, undefined, host.token)).body,
    ).toEqual({ progress_percent: 100, last_position_seconds: 400, completed: true });
    expect((await http(server, 'GET', '/api/rooms/ZZZZZZ/resume/', undefined, host.token)).body).toEqual({
      error: 'Room not found',
    });
    h.close();
  });

  it('[WATCH-12] delete is host-only; sockets get ROOM_DELETED and close with 4005', async () => {
    const host = await guest(server, 'Host12');
    const bob = await guest(server, 'Bob12');
    const room = await createRoom(server, host);
    await joinRoom(server, bob, room.code);
    const b = await openRoom(server, room.code, bob);
    expect(await http(server, 'POST', '/api/rooms/delete/', { room_id: room.room_id }, bob.token)).toEqual({
      status: 403,
      body: { error: 'Only host can delete room' },
    });
    expect(
      await http(
        server,
        'POST',
        '/api/rooms/delete/',
        { room_id: '00000000-0000-4000-8000-000000000000' },
        host.token,
      ),
    ).toEqual({ status: 404, body: { error: 'Room not found' } });
    expect(await http(server, 'POST', '/api/rooms/delete/', { room_id: room.room_id }, host.token)).toEqual({
      status: 200,
      body: { status: 'room_deleted' },
    });
    expect(await b.next(byType('ROOM_DELETED'))).toEqual({ type: 'ROOM_DELETED' });
    expect(await b.closed()).toBe(4005);
    expect((await http(server, 'GET', `/api/rooms/${room.room_id}/`)).body.room.state).toBe('DELETED');
  });
});
