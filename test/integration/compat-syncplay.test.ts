/**
 * Black-box compatibility of watch rooms with SyncPlay's Flutter client (`websocket_service.dart`,
 * `message.dart`): its exact frames `{type, roomId, userId, data, timestamp, eventId}`, what its
 * parser needs (a string `type`, a map `data`, string ids, numeric positions, ISO `joined_at`), and
 * the REST bodies. Rule ids: docs/spec/watch.md (SYNC-n).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDueRooms } from '../../src/features/watch/lifecycle.js';
import { FakeClock } from '../../src/realtime/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';
import { byType, http, pause, type Json } from './watch-support.js';

/** A frame exactly as the Flutter client's Message.toJson() builds it. */
function flutter(type: string, roomId: string, userId: string, data: Json): Json {
  return { type, roomId, userId, data, timestamp: new Date().toISOString(), eventId: randomUUID() };
}

/** What Message.fromJson needs of every server frame, or it throws and drops the frame. */
function parsableByFlutter(frame: Json): void {
  expect(typeof frame.type).toBe('string');
  expect(typeof frame.data).toBe('object');
  expect(Array.isArray(frame.data)).toBe(false);
  for (const key of ['roomId', 'room_id', 'userId', 'user_id', 'eventId', 'event_id'])
    if (key in frame) expect(typeof frame[key], key).toBe('string');
  if ('timestamp' in frame) expect(Number.isNaN(Date.parse(String(frame.timestamp)))).toBe(false);
  if (frame.data?.joined_at !== undefined) expect(Number.isNaN(Date.parse(frame.data.joined_at))).toBe(false);
}

describe('SyncPlay client compatibility', () => {
  let server: TestServer;
  const clock = new FakeClock(Date.now());

  beforeAll(async () => {
    server = await startTestServer({
      clock,
      config: { watchCommandLeadMs: 0, watchSweepMs: 600_000, watchGraceSeconds: 30 },
    });
  });
  afterAll(async () => server?.close());

  async function createRoom(
    name: string,
    host: string,
  ): Promise<{ roomId: string; hostId: string; body: Json }> {
    const res = await http(server, 'POST', '/api/rooms/create/', { room_name: name, user_name: host });
    expect(res.status).toBe(201);
    return { roomId: res.body.room.id, hostId: res.body.user.id, body: res.body };
  }

  async function join(roomId: string, userId: string, userName: string): Promise<TestSocket> {
    const s = await connect(`${server.wsUrl}/ws/room/${roomId}/`);
    s.send(flutter('join', roomId, userId, { userName, name: userName, id: userId }));
    await s.next(byType('room_update'));
    return s;
  }

  it('[SYNC-1] create: ids are strings, current_position a number, users in the serializer shape', async () => {
    const { body } = await createRoom('Movie Night', 'Alice');
    expect(body).toMatchObject({ status: 'success', message: 'Room created successfully' });
    expect(body.user).toEqual({ id: expect.any(String), name: 'Alice', is_host: true });
    const room = body.room as Json;
    for (const key of ['id', 'name', 'host_id', 'current_video_url', 'current_video_title', 'created_at'])
      expect(typeof room[key], key).toBe('string');
    expect(room.current_position).toBe(0);
    expect(room.is_playing).toBe(false);
    expect(room.user_count).toBe(1);
    expect(room.users).toEqual([
      { id: body.user.id, name: 'Alice', is_host: true, is_online: false, joined_at: expect.any(String) },
    ]);
  });

  it('[SYNC-7] create without an account makes a guest user and returns its token with the room (SPEC 1)', async () => {
    const { body, hostId } = await createRoom('Token Room', 'Bert');
    expect(typeof body.access_token).toBe('string');
    expect(body.access_token.split('.')).toHaveLength(3);
    const me = await server.app.inject({
      method: 'GET',
      url: '/api/me/',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: hostId, display_name: 'Bert', is_guest: true });
  });

  it('[SYNC-3] the Flutter join frame: user_joined {data: user} to everyone, room_update to the joiner', async () => {
    const { roomId, hostId } = await createRoom('Flutter Night', 'Cleo');
    const host = await join(roomId, hostId, 'Cleo');
    const guestId = randomUUID();
    const rest = await http(server, 'POST', '/api/rooms/join/', { room_id: roomId, user_name: 'Dan' });
    expect(rest.body).toMatchObject({ status: 'success', websocket_url: `/ws/room/${roomId}/` });
    const dan = await join(roomId, guestId, 'Dan');
    const joined = await host.next<Json>((f) => f.type === 'user_joined' && f.data.id === guestId);
    expect(joined).toEqual({
      type: 'user_joined',
      data: { id: guestId, name: 'Dan', is_host: false, is_online: true, joined_at: expect.any(String) },
    });
    const update = (dan.frames as Json[]).find((f) => f.type === 'room_update') as Json;
    expect(update.data).toMatchObject({
      id: roomId,
      host_id: hostId,
      current_position: 0,
      is_playing: false,
    });
    expect((update.data.users as Json[]).map((u) => [u.name, u.is_host, u.is_online])).toEqual([
      ['Cleo', true, true],
      ['Dan', false, true],
    ]);
    for (const frame of [...host.frames, ...dan.frames] as Json[]) parsableByFlutter(frame);
    host.close();
    dan.close();
  });

  it('[SYNC-3] heartbeat in the Flutter shape gets {type:"heartbeat", data:{timestamp}}', async () => {
    const { roomId, hostId } = await createRoom('Beat Room', 'Ema');
    const host = await join(roomId, hostId, 'Ema');
    host.send(flutter('heartbeat', roomId, hostId, { timestamp: Date.now() }));
    const beat = await host.next<Json>(byType('heartbeat'));
    expect(Object.keys(beat)).toEqual(['type', 'data']);
    expect(typeof beat.data.timestamp).toBe('number');
    host.close();
  });

  it('[SYNC-3] host play/pause/seek reach the others as {type, data:{position}}, never the sender', async () => {
    const { roomId, hostId } = await createRoom('Play Room', 'Finn');
    const host = await join(roomId, hostId, 'Finn');
    const other = await join(roomId, randomUUID(), 'Gina');
    host.send(flutter('play', roomId, hostId, { position: 120 }));
    expect(await other.next(byType('play'))).toEqual({ type: 'play', data: { position: 120 } });
    host.send(flutter('seek', roomId, hostId, { position: 300 }));
    expect(await other.next(byType('seek'))).toEqual({ type: 'seek', data: { position: 300 } });
    host.send(flutter('pause', roomId, hostId, { position: 301 }));
    expect(await other.next(byType('pause'))).toEqual({ type: 'pause', data: { position: 301 } });
    await pause(100);
    expect((host.frames as Json[]).filter((f) => ['play', 'pause', 'seek'].includes(f.type))).toEqual([]);
    const detail = await http(server, 'GET', `/api/rooms/${roomId}/`);
    expect(detail.body.room).toMatchObject({ current_position: 301, is_playing: false });
    host.close();
    other.close();
  });

  it('[SYNC-3] errors: non-host control, unknown types (the client sends "chat") and bad JSON', async () => {
    const { roomId, hostId } = await createRoom('Err Room', 'Hugo');
    const host = await join(roomId, hostId, 'Hugo');
    const otherId = randomUUID();
    const other = await join(roomId, otherId, 'Ines');
    other.send(flutter('play', roomId, otherId, { position: 5 }));
    expect(await other.next(byType('error'))).toEqual({
      type: 'error',
      data: { error: 'Only the host can control playback' },
    });
    other.send(flutter('chat', roomId, otherId, { message: 'hi', userName: 'Ines' }));
    await other.next<Json>((f) => f.type === 'error' && f.data.error === 'Unknown message type: chat');
    other.sendRaw('{oops');
    await other.next<Json>((f) => f.type === 'error' && f.data.error === 'Invalid JSON format');
    await pause(50);
    expect((host.frames as Json[]).some((f) => f.type === 'play')).toBe(false);
    host.close();
    other.close();
  });

  it('[SYNC-3] the client leave frame closes its socket; the others get user_left {user_id}', async () => {
    const { roomId, hostId } = await createRoom('Leave Room', 'Jo');
    const host = await join(roomId, hostId, 'Jo');
    const kimId = randomUUID();
    const kim = await join(roomId, kimId, 'Kim');
    kim.send(flutter('leave', roomId, kimId, {}));
    expect(await kim.closed()).toBe(1000);
    expect(await host.next(byType('user_left'))).toEqual({ type: 'user_left', data: { user_id: kimId } });
    host.close();
  });

  it('[SYNC-8] a SyncPlay host away longer than the grace period comes back to a live room, still host', async () => {
    const { roomId, hostId } = await createRoom('Phone Lock', 'Lars');
    const host = await join(roomId, hostId, 'Lars');
    const viewer = await join(roomId, randomUUID(), 'Mia');
    host.close();
    expect(await viewer.next(byType('user_left'))).toEqual({ type: 'user_left', data: { user_id: hostId } });
    clock.advance(120_000);
    await expireDueRooms({ db: server.ctx.database.db, graceMs: 30_000, now: () => clock.now() });
    const back = await join(roomId, hostId, 'Lars');
    const update = (back.frames as Json[]).find((f) => f.type === 'room_update');
    expect(update?.data.host_id).toBe(hostId);
    back.send(flutter('play', roomId, hostId, { position: 7 }));
    expect(await viewer.next(byType('play'))).toEqual({ type: 'play', data: { position: 7 } });
    back.close();
    viewer.close();
  });

  it('[SYNC-5] REST control with the client ids reaches sockets; odd ids and bodies are 4xx, never 500', async () => {
    const { roomId, hostId } = await createRoom('Rest Room', 'Nora');
    const viewer = await join(roomId, randomUUID(), 'Olaf');
    const ok = await http(server, 'POST', `/api/rooms/${roomId}/control/`, {
      user_id: hostId,
      action: 'play',
      position: 42,
    });
    expect(ok.status).toBe(200);
    expect(await viewer.next(byType('play'))).toEqual({ type: 'play', data: { position: 42 } });
    const cases: ['GET' | 'POST' | 'DELETE', string, unknown][] = [
      ['POST', '/api/rooms/not-a-uuid/control/', { user_id: hostId, action: 'play', position: 1 }],
      ['POST', `/api/rooms/${roomId}/control/`, { user_id: hostId, action: 'rewind', position: 1 }],
      ['POST', `/api/rooms/${roomId}/control/`, { user_id: hostId, action: 'play', position: -1 }],
      ['POST', `/api/rooms/${roomId}/control/`, { user_id: 7, action: 'play', position: 1 }],
      ['POST', `/api/rooms/${roomId}/change-video/`, { user_id: hostId, video_url: 'not a url' }],
      ['DELETE', '/api/rooms/not-a-uuid/leave/', { user_id: 'x' }],
      ['DELETE', `/api/rooms/${roomId}/leave/`, {}],
      ['GET', '/api/rooms/not-a-uuid/messages/', undefined],
      ['GET', '/api/rooms/zzz/', undefined],
      ['POST', '/api/rooms/join/', { room_id: 'not-a-uuid', user_name: 'Pete' }],
      ['POST', '/api/rooms/join/', { room_id: randomUUID(), user_name: 'Pete' }],
    ];
    for (const [method, url, body] of cases) {
      const res = await http(server, method, url, body);
      expect(res.status, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${url}`).toBeLessThan(500);
      expect(res.body.status, `${method} ${url}`).toBe('error');
    }
    const detail = await http(server, 'GET', `/api/rooms/${roomId}/`);
    expect(detail.body.room).toMatchObject({ current_position: 42, is_playing: true });
    viewer.close();
  });
});
