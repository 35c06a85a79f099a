/**
 * Black-box compatibility of watch rooms with StreamIt's real client (Next.js `lib/api.ts` and
 * `lib/websocket.ts`): the exact bodies it sends, the exact frames and keys it parses, the close
 * codes it treats as final, and odd input that must never give a 500 or change state.
 * Rule ids: docs/spec/watch.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/realtime/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import { byType, createRoom, guest, http, joinRoom, openRoom, pause, type Json } from './watch-support.js';

describe('StreamIt client compatibility', () => {
  let server: TestServer;
  const clock = new FakeClock(Date.now());

  beforeAll(async () => {
    server = await startTestServer({ clock, config: { watchCommandLeadMs: 0, watchSweepMs: 600_000 } });
  });
  afterAll(async () => server?.close());

  it('[WATCH-1] the client create body {is_private:false, genre, entry_mode:null} answers exactly the seed keys', async () => {
    const host = await guest(server, 'Hana');
    const res = await http(
      server,
      'POST',
      '/api/rooms/create/',
      { is_private: false, genre: 'Movies', entry_mode: null },
      host.token,
    );
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'entry_mode', 'is_private', 'room_id']);
    expect(res.body).toMatchObject({ is_private: false, entry_mode: null });
    expect(res.body.code).toMatch(/^[A-Z0-9]{6}$/);
    const priv = await http(
      server,
      'POST',
      '/api/rooms/create/',
      { is_private: true, genre: 'Anime', entry_mode: 'PASSWORD' },
      host.token,
    );
    expect(priv.status).toBe(201);
    expect(priv.body.room_password).toMatch(/^[A-Za-z0-9]{8}$/);
    const bad = await http(server, 'POST', '/api/rooms/create/', { is_private: true }, host.token);
    expect(bad).toEqual({ status: 400, body: { error: 'Invalid entry_mode for private room' } });
  });

  it('[WATCH-30] a public room ignores the entry_mode it is sent, as StreamIt did (no 400 for "OPEN")', async () => {
    const host = await guest(server, 'Ivo');
    const res = await http(
      server,
      'POST',
      '/api/rooms/create/',
      { is_private: false, entry_mode: 'OPEN' },
      host.token,
    );
    expect(res.status).toBe(201);
    expect(res.body.entry_mode).toBeNull();
    const priv = await http(
      server,
      'POST',
      '/api/rooms/create/',
      { is_private: true, entry_mode: 'OPEN' },
      host.token,
    );
    expect(priv).toEqual({ status: 400, body: { error: 'Invalid entry_mode for private room' } });
  });

  it('[WATCH-2] join errors are the seed JSON bodies; the answer has exactly {room_id, code, status, is_host}', async () => {
    const host = await guest(server, 'Jan');
    const viewer = await guest(server, 'Kai');
    const room = await createRoom(server, host);
    expect(await http(server, 'POST', '/api/rooms/join/', {}, viewer.token)).toEqual({
      status: 400,
      body: { error: 'Room code required' },
    });
    expect(await http(server, 'POST', '/api/rooms/join/', { code: 'NOPE00' }, viewer.token)).toEqual({
      status: 404,
      body: { error: 'Room not found' },
    });
    const joined = await joinRoom(server, viewer, room.code);
    expect(joined).toEqual({ room_id: room.room_id, code: room.code, status: 'APPROVED', is_host: false });
  });

  it('[WATCH-31] odd ids and bodies on every StreamIt route give a clear 4xx JSON, never a 500', async () => {
    const host = await guest(server, 'Lea');
    const room = await createRoom(server, host);
    const cases: [string, 'GET' | 'POST', unknown][] = [
      ['/api/rooms/approve/', 'POST', { room_id: 'not-a-uuid', user_id: 'x' }],
      ['/api/rooms/approve/', 'POST', { room_id: 5, user_id: [] }],
      ['/api/rooms/delete/', 'POST', { room_id: 'not-a-uuid' }],
      ['/api/rooms/delete/', 'POST', { room_id: '00000000-0000-0000-0000-000000000000' }],
      ['/api/rooms/delete/', 'POST', 'just a string'],
      ['/api/rooms/progress/save/', 'POST', { room_id: 'nope', media_id: 'm', media_type: 'movie' }],
      ['/api/rooms/progress/save/', 'POST', { room_id: room.room_id, media_id: 'm', timestamp: -1 }],
      ['/api/rooms/progress/get/?room_id=nope&media_id=m&media_type=movie', 'GET', undefined],
      ['/api/rooms/%E0%A4%A/resume/', 'GET', undefined],
      ['/api/rooms/NOPE00/resume/', 'GET', undefined],
      ['/api/rooms/join/', 'POST', { code: ['A'] }],
      ['/api/rooms/create/', 'POST', { is_private: 'yes' }],
      ['/api/rooms/not-a-room/pending/', 'GET', undefined],
    ];
    for (const [url, method, body] of cases) {
      const res = await http(server, method, url, body, host.token);
      expect(res.status, `${method} ${url}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `${method} ${url}`).toBeLessThan(500);
    }
    // Nothing above deleted or changed the room.
    const again = await http(server, 'GET', `/api/rooms/${room.room_id}/`);
    expect(again.body.room).toMatchObject({ state: 'CREATED' });
  });

  it('[WATCH-3] refusals open the socket first and then close it with the code the client treats as final', async () => {
    const user = await guest(server, 'Max');
    const ws = await connect(`${server.wsUrl}/ws/room/NOPE00/?token=${user.token}`);
    // connect() resolves on 'open': the client saw the socket open (it only retries opened sockets).
    expect(await ws.closed()).toBe(4002);
    const anon = await connect(`${server.wsUrl}/ws/room/NOPE00/`);
    expect(await anon.closed()).toBe(4001);
  });

  it('[WATCH-4] a joiner gets exactly CHAT_HISTORY, PLAYBACK_STATE, ROOM_PARTICIPANTS with the seed keys', async () => {
    const host = await guest(server, 'Nia');
    const room = await createRoom(server, host);
    const ws = await connect(`${server.wsUrl}/ws/room/${room.code}/?token=${host.token}`);
    await ws.next(byType('ROOM_PARTICIPANTS'));
    await pause(150);
    const frames = ws.frames as Json[];
    expect(frames.map((f) => f.type)).toEqual(['CHAT_HISTORY', 'PLAYBACK_STATE', 'ROOM_PARTICIPANTS']);
    expect(frames[0]).toEqual({ type: 'CHAT_HISTORY', messages: [] });
    expect(frames[1]).toEqual({ type: 'PLAYBACK_STATE', is_playing: false, time: 0, version: 0 });
    expect(frames[2]).toEqual({ type: 'ROOM_PARTICIPANTS', participants: ['Nia'], host: 'Nia' });
    ws.close();
  });

  it('[WATCH-4] others get ROOM_PARTICIPANTS then USER_JOINED {user}; a leave is USER_LEFT {user} only', async () => {
    const host = await guest(server, 'Otto');
    const viewer = await guest(server, 'Pia');
    const room = await createRoom(server, host);
    clock.advance(10); // joined_at orders the participants; the fake clock would tie them
    await joinRoom(server, viewer, room.code);
    const h = await openRoom(server, room.code, host);
    const seen = h.frames.length;
    const v = await openRoom(server, room.code, viewer);
    await h.next(byType('USER_JOINED'));
    expect((h.frames as Json[]).slice(seen)).toEqual([
      { type: 'ROOM_PARTICIPANTS', participants: ['Otto', 'Pia'], host: 'Otto' },
      { type: 'USER_JOINED', user: 'Pia' },
    ]);
    expect((v.frames as Json[]).some((f) => f.type === 'USER_JOINED')).toBe(false);
    const before = h.frames.length;
    v.close();
    await h.next(byType('USER_LEFT'));
    await pause(100);
    expect((h.frames as Json[]).slice(before)).toEqual([{ type: 'USER_LEFT', user: 'Pia' }]);
    h.close();
  });

  it('[WATCH-8] the client playback frames give PLAYBACK_STATE with exactly its keys; a refused PLAY changes nothing', async () => {
    const host = await guest(server, 'Quin');
    const viewer = await guest(server, 'Rosa');
    const room = await createRoom(server, host);
    await joinRoom(server, viewer, room.code);
    const h = await openRoom(server, room.code, host);
    const v = await openRoom(server, room.code, viewer);
    v.send({ type: 'PLAY', time: 99 });
    expect(await v.next(byType('ERROR'))).toEqual({
      type: 'ERROR',
      code: 'PERMISSION_DENIED',
      message: 'Only host can control playback',
    });
    h.send({ type: 'PLAY', time: 50 });
    const state = await v.next<Json>((f) => f.type === 'PLAYBACK_STATE' && f.version === 1);
    expect(state).toEqual({ type: 'PLAYBACK_STATE', is_playing: true, time: 50, version: 1 });
    h.send({ type: 'SYNC_CHECK', client_time: 10 });
    expect(await h.next(byType('SYNC_CORRECTION'))).toEqual({
      type: 'SYNC_CORRECTION',
      time: 50,
      version: 1,
    });
    h.close();
    v.close();
  });

  it('[WATCH-32] unknown types, bad JSON and the client-only PLAYER_EVENTs are ignored; the socket stays', async () => {
    const host = await guest(server, 'Sami');
    const room = await createRoom(server, host);
    const h = await openRoom(server, room.code, host);
    const before = h.frames.length;
    h.sendRaw('{not json');
    h.send({ type: 'NO_SUCH_TYPE' });
    h.send({ type: 'PLAYER_EVENT', data: { event: 'quality_change', quality: '1080p' } });
    h.send({ type: 'SET_INDEPENDENT_PLAYBACK', user_id: host.id, enabled: true });
    h.send({ type: 'PLAY', time: 'soon' });
    h.send([1, 2, 3]);
    h.send({ type: 'CHAT_MESSAGE', message: 'still here' });
    expect(await h.next(byType('CHAT_MESSAGE'))).toEqual({
      type: 'CHAT_MESSAGE',
      user: 'Sami',
      message: 'still here',
    });
    expect((h.frames as Json[]).slice(before).map((f) => f.type)).toEqual(['CHAT_MESSAGE']);
    h.close();
  });

  it('[CHAT-1] chat refusals are ERROR {type, message, code} to the sender only', async () => {
    const host = await guest(server, 'Tom');
    const viewer = await guest(server, 'Uma');
    const room = await createRoom(server, host);
    await joinRoom(server, viewer, room.code);
    const h = await openRoom(server, room.code, host);
    const v = await openRoom(server, room.code, viewer);
    v.send({ type: 'CHAT_MESSAGE', message: 'x'.repeat(501) });
    expect(await v.next(byType('ERROR'))).toEqual({
      type: 'ERROR',
      message: 'Message too long.',
      code: 'MESSAGE_TOO_LONG',
    });
    await pause(100);
    expect((h.frames as Json[]).some((f) => f.type === 'ERROR')).toBe(false);
    h.close();
    v.close();
  });
});
