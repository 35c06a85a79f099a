/**
 * SyncPlay's REST and lower-case socket dialect, a StreamIt client and a SyncPlay client in one
 * room, and the expire-rooms / cleanup-rooms tasks. Rule ids: docs/spec/watch.md (SYNC-n).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { runTask } from '../../src/features/admin/tasks.js';
import { FakeClock } from '../../src/realtime/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';
import { byType, createRoom, guest, http, openRoom, pause, type Json } from './watch-support.js';

describe('watch rooms (SyncPlay dialect)', () => {
  let server: TestServer;
  const clock = new FakeClock(Date.now());

  beforeAll(async () => {
    server = await startTestServer({ clock, config: { watchCommandLeadMs: 0, watchSweepMs: 600_000 } });
  });
  afterAll(async () => server?.close());

  async function syncRoom(name = 'Movie Night', host = 'Alice') {
    const res = await http(server, 'POST', '/api/rooms/create/', { room_name: name, user_name: host });
    return res;
  }

  async function sjoin(roomId: string, userId: string, userName: string): Promise<TestSocket> {
    const s = await connect(`${server.wsUrl}/ws/room/${roomId}/`);
    s.send({ type: 'join', userId, data: { userName } });
    await s.next(byType('room_update'));
    return s;
  }

  it('[SYNC-1] create {room_name, user_name}: 201 with the room and the host user; names validated', async () => {
    const res = await syncRoom();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'success',
      message: 'Room created successfully',
      user: { name: 'Alice', is_host: true },
    });
    expect(res.body.room).toMatchObject({
      name: 'Movie Night',
      host_id: res.body.user.id,
      current_position: 0,
      is_playing: false,
      user_count: 1,
    });
    expect(typeof res.body.room.id).toBe('string');
    const bad = await http(server, 'POST', '/api/rooms/create/', { room_name: 'ab', user_name: 'A' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      status: 'error',
      errors: {
        room_name: ['Room name must be at least 3 characters long.'],
        user_name: ['User name must be at least 2 characters long.'],
      },
    });
  });

  it('[SYNC-2] join checks the room and the name; GET room, list, leave, messages', async () => {
    const created = (await syncRoom('Film Club', 'Host')).body;
    const id = created.room.id as string;
    const ok = await http(server, 'POST', '/api/rooms/join/', { room_id: id, user_name: 'Bob' });
    expect(ok.body).toMatchObject({
      status: 'success',
      message: 'Ready to join room',
      websocket_url: `/ws/room/${id}/`,
    });
    expect((await http(server, 'POST', '/api/rooms/join/', { room_id: id, user_name: 'host' })).body).toEqual(
      {
        status: 'error',
        message: 'Username already taken in this room',
      },
    );
    expect(
      (await http(server, 'POST', '/api/rooms/join/', { room_id: randomUUID(), user_name: 'Bob' })).body,
    ).toEqual({
      status: 'error',
      errors: { room_id: ['Room not found.'] },
    });
    expect((await http(server, 'GET', `/api/rooms/${id}/`)).body.room).toMatchObject({
      id,
      name: 'Film Club',
    });
    expect((await http(server, 'GET', `/api/rooms/${randomUUID()}/`)).status).toBe(404);
    const list = await http(server, 'GET', '/api/rooms/');
    expect(list.body.status).toBe('success');
    expect(list.body.rooms.some((r: Json) => r.id === id)).toBe(true);
    expect(list.body.count).toBe(list.body.rooms.length);
    const bobId = randomUUID();
    const b = await sjoin(id, bobId, 'Bob');
    b.close();
    await pause(100);
    clock.advance(1);
    expect((await http(server, 'DELETE', `/api/rooms/${id}/leave/`, {})).body).toEqual({
      status: 'error',
      message: 'User ID required',
    });
    expect((await http(server, 'DELETE', `/api/rooms/${id}/leave/`, { user_id: randomUUID() })).status).toBe(
      404,
    );
    expect((await http(server, 'DELETE', `/api/rooms/${id}/leave/`, { user_id: bobId })).body).toEqual({
      status: 'success',
      message: 'Left room successfully',
    });
    const log = await http(server, 'GET', `/api/rooms/${id}/messages/`);
    expect(log.body.messages.map((m: Json) => m.type)).toEqual(['join', 'leave']);
    expect(log.body.count).toBe(2);
  });

  it('[SYNC-3] socket: join -> user_joined to all and room_update; only the host controls; controls go to the others', async () => {
    const created = (await syncRoom('Sync Room', 'Hosty')).body;
    const id = created.room.id as string;
    const hostId = created.user.id as string;
    const h = await sjoin(id, hostId, 'Hosty');
    expect(h.frames.find((f) => (f as Json).type === 'user_joined')).toMatchObject({
      data: { id: hostId, name: 'Hosty', is_host: true },
    });
    const update = h.frames.find((f) => (f as Json).type === 'room_update') as Json;
    expect(update.data).toMatchObject({ id, host_id: hostId, current_position: 0 });
    const vId = randomUUID();
    const v = await sjoin(id, vId, 'Viewer');
    expect(await h.next((f: Json) => f.type === 'user_joined' && f.data.id === vId)).toBeTruthy();
    v.send({ type: 'play', userId: vId, data: { position: 5 } });
    expect(await v.next(byType('error'))).toEqual({
      type: 'error',
      data: { error: 'Only the host can control playback' },
    });
    h.send({ type: 'play', userId: hostId, data: { position: 120 } });
    expect(await v.next(byType('play'))).toEqual({ type: 'play', data: { position: 120 } });
    h.send({ type: 'seek', userId: hostId, data: { position: 200 } });
    expect(await v.next(byType('seek'))).toEqual({ type: 'seek', data: { position: 200 } });
    h.send({
      type: 'video_changed',
      userId: hostId,
      data: { videoUrl: 'https://example.com/v.mp4', videoTitle: 'V' },
    });
    expect(await v.next(byType('video_changed'))).toEqual({
      type: 'video_changed',
      data: { videoUrl: 'https://example.com/v.mp4', videoTitle: 'V' },
    });
    await pause(100);
    expect(h.frames.some((f) => ['play', 'seek', 'video_changed'].includes((f as Json).type))).toBe(false);
    h.send({ type: 'heartbeat', userId: hostId, data: {} });
    expect(await h.next(byType('heartbeat'))).toMatchObject({ data: { timestamp: expect.any(Number) } });
    h.send({ type: 'nonsense' });
    expect(await h.next(byType('error'))).toEqual({
      type: 'error',
      data: { error: 'Unknown message type: nonsense' },
    });
    h.sendRaw('{not json');
    expect(
      await h.next((f: Json) => f.type === 'error' && f.data.error === 'Invalid JSON format'),
    ).toBeTruthy();
    // a host who reconnects is still host (SPEC: disconnect does not delete the user)
    h.close();
    expect(await v.next((f: Json) => f.type === 'user_left')).toEqual({
      type: 'user_left',
      data: { user_id: hostId },
    });
    const h2 = await sjoin(id, hostId, 'Hosty');
    h2.send({ type: 'pause', userId: hostId, data: { position: 201 } });
    expect(await v.next(byType('pause'))).toEqual({ type: 'pause', data: { position: 201 } });
    h2.close();
    v.close();
  });

  it('[SYNC-4] join errors: missing name or id, unknown room, taken name; a StreamIt frame without token closes 4001', async () => {
    const created = (await syncRoom('Errors Room', 'Owner')).body;
    const s = await connect(`${server.wsUrl}/ws/room/${created.room.id}/`);
    s.send({ type: 'join', userId: randomUUID(), data: {} });
    expect(await s.next(byType('error'))).toEqual({
      type: 'error',
      data: { error: 'Missing user name or user ID' },
    });
    s.send({ type: 'join', userId: randomUUID(), data: { userName: 'owner' } });
    expect(await s.next((f: Json) => f.data?.error === 'User name already taken')).toBeTruthy();
    s.send({ type: 'play', data: { position: 1 } });
    expect(await s.next((f: Json) => f.data?.error === 'Join the room first')).toBeTruthy();
    s.send({ type: 'CHAT_MESSAGE', message: 'hi' });
    expect(await s.closed()).toBe(4001);
    const u = await connect(`${server.wsUrl}/ws/room/${randomUUID()}/`);
    u.send({ type: 'join', userId: randomUUID(), data: { userName: 'Zed' } });
    expect(await u.next(byType('error'))).toEqual({ type: 'error', data: { error: 'Room not found' } });
    u.close();
  });

  it('[SYNC-9] many sockets racing to join with one name: exactly one gets it', async () => {
    const room = (await syncRoom('Race Night', 'Host')).body as Json;
    const sockets = await Promise.all(
      Array.from({ length: 8 }, () => connect(`${server.wsUrl}/ws/room/${room.room.id}/`)),
    );
    for (const [i, s] of sockets.entries())
      s.send({ type: 'join', userId: randomUUID(), data: { userName: i % 2 ? 'racer' : 'RACER' } });
    const outcomes = await Promise.all(
      sockets.map((s) => s.next((f) => f.type === 'room_update' || f.type === 'error').then((f) => f.type)),
    );
    expect(outcomes.filter((t) => t === 'room_update')).toHaveLength(1);
    for (const s of sockets.filter((_, i) => outcomes[i] === 'error')) {
      expect(s.frames).toContainEqual({ type: 'error', data: { error: 'User name already taken' } });
    }
    for (const s of sockets) s.close();
  });

  it('[SYNC-5] REST control and change-video are host-only and reach connected clients of both dialects', async () => {
    const created = (await syncRoom('Rest Room', 'Rhost')).body;
    const id = created.room.id as string;
    const hostId = created.user.id as string;
    const v = await sjoin(id, randomUUID(), 'Watcher');
    expect(
      (
        await http(server, 'POST', `/api/rooms/${id}/control/`, {
          user_id: randomUUID(),
          action: 'play',
          position: 3,
        })
      ).body,
    ).toEqual({
      status: 'error',
      message: 'Only the host can control video playback',
    });
    expect(
      (
        await http(server, 'POST', `/api/rooms/${id}/control/`, {
          user_id: hostId,
          action: 'jump',
          position: 3,
        })
      ).status,
    ).toBe(400);
    const ok = await http(server, 'POST', `/api/rooms/${id}/control/`, {
      user_id: hostId,
      action: 'play',
      position: 120,
    });
    expect(ok.body).toMatchObject({ status: 'success', room: { is_playing: true, current_position: 120 } });
    expect(await v.next(byType('play'))).toEqual({ type: 'play', data: { position: 120 } });
    expect(
      (
        await http(server, 'POST', `/api/rooms/${id}/change-video/`, {
          user_id: randomUUID(),
          video_url: 'https://e.com/a.mp4',
        })
      ).body,
    ).toEqual({
      status: 'error',
      message: 'Only the host can change videos',
    });
    const changed = await http(server, 'POST', `/api/rooms/${id}/change-video/`, {
      user_id: hostId,
      video_url: 'https://e.com/a.mp4',
      video_title: 'A',
    });
    expect(changed.body.room).toMatchObject({
      current_video_url: 'https://e.com/a.mp4',
      current_video_title: 'A',
      current_position: 0,
      is_playing: false,
    });
    expect(await v.next(byType('video_changed'))).toEqual({
      type: 'video_changed',
      data: { videoUrl: 'https://e.com/a.mp4', videoTitle: 'A' },
    });
    v.close();
  });

  it('[SYNC-6] both dialects in one room see each other: StreamIt PLAY reaches SyncPlay, SyncPlay joins reach StreamIt', async () => {
    const host = await guest(server, 'CrossHost');
    const room = await createRoom(server, host);
    const h = await openRoom(server, room.code, host);
    const sId = randomUUID();
    const s = await sjoin(room.room_id, sId, 'Flutter');
    expect(
      await h.next((f: Json) => f.type === 'ROOM_PARTICIPANTS' && f.participants.includes('Flutter')),
    ).toBeTruthy();
    expect(await h.next((f: Json) => f.type === 'USER_JOINED' && f.user === 'Flutter')).toBeTruthy();
    h.send({ type: 'PLAY', time: 42 });
    expect(await s.next(byType('play'))).toEqual({ type: 'play', data: { position: 42 } });
    h.send({ type: 'SEEK', time: 60 });
    expect(await s.next(byType('seek'))).toEqual({ type: 'seek', data: { position: 60 } });
    s.send({ type: 'pause', userId: sId, data: { position: 61 } });
    expect(await s.next(byType('error'))).toEqual({
      type: 'error',
      data: { error: 'Only the host can control playback' },
    });
    // moderation from StreamIt reaches the SyncPlay socket
    h.send({ type: 'KICK_USER', user_id: sId });
    expect(await s.closed()).toBe(4011);
    expect(await h.next((f: Json) => f.type === 'USER_LEFT' && f.user === 'Flutter')).toBeTruthy();
    h.close();
  });

  it('[WATCH-17] expire-rooms and cleanup-rooms tasks (the CLI runs them directly or through the server)', async () => {
    const host = await guest(server, 'TaskHost');
    const room = await createRoom(server, host);
    const h = await openRoom(server, room.code, host);
    h.close();
    await pause(150);
    const deps = { database: server.ctx.database, config: server.ctx.config };
    await runTask('expire-rooms', deps, {}); // rooms of earlier tests
    expect(await runTask('expire-rooms', deps, {})).toBe('Expired 0 room(s)');
    clock.advance(31_000);
    expect(await runTask('expire-rooms', deps, {})).toMatch(/^Expired [1-9]\d* room\(s\)$/);
    expect((await http(server, 'GET', `/api/rooms/${room.room_id}/`)).body.room.state).toBe('EXPIRED');
    clock.advance(25 * 3600_000);
    const dry = await runTask('cleanup-rooms', deps, { hours: 24, dryRun: true });
    expect(dry).toMatch(/^Would delete \d+ room\(s\) idle for more than 24 hour\(s\)/);
    expect(dry).toContain(room.code);
    expect((await http(server, 'GET', `/api/rooms/${room.room_id}/`)).status).toBe(200);
    const done = await runTask('cleanup-rooms', deps, { hours: 24 });
    expect(done).toMatch(/^Successfully cleaned up: \d+ room\(s\)/);
    expect(done).toMatch(/Current stats: \d+ open room\(s\)/);
    expect((await http(server, 'GET', `/api/rooms/${room.room_id}/`)).status).toBe(404);
    await expect(runTask('cleanup-rooms', deps, { hours: -1 })).rejects.toThrow('--hours');
  });
});
