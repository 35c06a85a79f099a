/**
 * [WATCH-18] Fuzzed frames in both dialects from a viewer (StreamIt) and an unknown SyncPlay user:
 * random JSON, random objects with the dialects' own types and fields, raw text. The sockets stay
 * open (or close with 4001 for a StreamIt frame on a token-less socket), the server never errors,
 * and the room's playback state, host and participants do not change.
 * [WATCH-19] Fuzzed REST bodies on create/join/control/change-video: never a 500.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import {
  createRoom,
  guest,
  http,
  joinRoom,
  openRoom,
  pause,
  type Json,
} from '../integration/watch-support.js';

const RUNS = 150;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const types = [
  'CHAT_MESSAGE',
  'MUTE_USER',
  'KICK_USER',
  'BAN_USER',
  'UNBAN_USER',
  'PLAY',
  'PAUSE',
  'SEEK',
  'SET_RATE',
  'SET_MEDIA',
  'PLAYER_EVENT',
  'SYNC_CHECK',
  'join',
  'play',
  'pause',
  'seek',
  'video_changed',
  'heartbeat',
  'leave',
];
const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue(),
);
const frame = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      type: fc.constantFrom(...types),
      message: value,
      user_id: value,
      time: value,
      rate: value,
      data: value,
      userId: value,
      client_time: value,
    },
    { requiredKeys: ['type'] },
  ),
);

describe('watch fuzz', () => {
  it('[WATCH-18] StreamIt-dialect frames from a viewer change nothing', async () => {
    const host = await guest(server, 'FuzzHost');
    const viewer = await guest(server, 'FuzzViewer');
    const room = await createRoom(server, host);
    await joinRoom(server, viewer, room.code);
    const h = await openRoom(server, room.code, host);
    const v = await openRoom(server, room.code, viewer);
    const before = (await http(server, 'GET', `/api/rooms/${room.room_id}/`)).body.room as Json;
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        const ft = (f as Json | null)?.type;
        if (ft === 'CHAT_MESSAGE') return; // chat from a viewer is allowed to succeed
        v.send(f);
      }),
      { numRuns: RUNS },
    );
    v.sendRaw('{{{');
    v.sendRaw('');
    await pause(300);
    expect(v.ws.readyState).toBe(1);
    const after = (await http(server, 'GET', `/api/rooms/${room.room_id}/`)).body.room as Json;
    expect(after).toMatchObject({
      host_id: before.host_id,
      is_playing: before.is_playing,
      current_position: before.current_position,
      state: 'LIVE',
    });
    expect(after.users.map((u: Json) => u.id).sort()).toEqual(before.users.map((u: Json) => u.id).sort());
    h.close();
    v.close();
  });

  it('[WATCH-18] SyncPlay-dialect frames from a non-host change nothing', async () => {
    const created = (
      await http(server, 'POST', '/api/rooms/create/', { room_name: 'Fuzz Room', user_name: 'Owner' })
    ).body;
    const id = created.room.id as string;
    const s = await connect(`${server.wsUrl}/ws/room/${id}/`);
    const me = randomUUID();
    s.send({ type: 'join', userId: me, data: { userName: 'Fuzzer' } });
    await s.next((f: Json) => f.type === 'room_update');
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        const t = (f as Json | null)?.type;
        if (typeof t === 'string' && /^[A-Z_]+$/.test(t)) return; // closes a token-less socket: tested elsewhere
        if (t === 'leave') return;
        s.send(f);
      }),
      { numRuns: RUNS },
    );
    s.sendRaw('not json');
    await pause(300);
    expect(s.ws.readyState).toBe(1);
    const room = (await http(server, 'GET', `/api/rooms/${id}/`)).body.room as Json;
    expect(room).toMatchObject({
      host_id: created.user.id,
      is_playing: false,
      current_position: 0,
      current_video_url: '',
    });
    s.close();
  });

  it('[WATCH-19] fuzzed REST bodies never give a 500', async () => {
    const host = await guest(server, 'RestFuzz');
    const created = (
      await http(server, 'POST', '/api/rooms/create/', { room_name: 'Rest Fuzz', user_name: 'Own' })
    ).body;
    const id = created.room.id as string;
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({
        room_name: value,
        user_name: value,
        is_private: value,
        entry_mode: value,
        code: value,
        password: value,
        room_id: value,
        user_id: value,
        action: value,
        position: value,
        video_url: value,
        media: value,
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom(
          '/api/rooms/create/',
          '/api/rooms/join/',
          `/api/rooms/${id}/control/`,
          `/api/rooms/${id}/change-video/`,
          '/api/rooms/approve/',
          '/api/rooms/delete/',
          '/api/rooms/progress/save/',
        ),
        fc.boolean(),
        async (b, url, auth) => {
          const res = await http(server, 'POST', url, b, auth ? host.token : undefined);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
