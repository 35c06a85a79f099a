/**
 * [WATCH-20] Two real server processes on one PostgreSQL and one Redis: a host on one and a viewer
 * on the other share chat, playback and a SyncPlay socket; the public list counts viewers of both
 * processes; kick from one process closes a socket on the other (4011); the chat rate limit holds
 * across processes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerPair, type ServerPair, type ServerProcess } from '../helpers/server-processes.js';
import { postgresUrl, redisUrl } from '../helpers/services.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function post(url: string, body: unknown, token?: string): Promise<Json> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Json;
}

describe.skipIf(!postgresUrl || !redisUrl)('watch rooms on two processes', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let pair: ServerPair;

  beforeAll(async () => {
    pair = await startServerPair({ WATCH_COMMAND_LEAD_MS: '0' });
    ({ a, b } = pair);
  }, 120_000);

  afterAll(async () => {
    await pair?.close();
  });

  it('[WATCH-20] chat, playback, viewer counts, SyncPlay and kick across processes', async () => {
    const host = await post(`${a.http}/api/auth/guest/`, { display_name: 'HostA' });
    const viewer = await post(`${b.http}/api/auth/guest/`, { display_name: 'ViewerB' });
    const room = await post(`${a.http}/api/rooms/create/`, {}, host.access_token);
    await post(`${b.http}/api/rooms/join/`, { code: room.code }, viewer.access_token);
    const h: TestSocket = await connect(`${a.ws}/ws/room/${room.code}/?token=${host.access_token}`);
    await h.next((f: Json) => f.type === 'ROOM_PARTICIPANTS');
    const v: TestSocket = await connect(`${b.ws}/ws/room/${room.code}/?token=${viewer.access_token}`);
    await v.next((f: Json) => f.type === 'ROOM_PARTICIPANTS');
    expect(await h.next((f: Json) => f.type === 'USER_JOINED')).toEqual({
      type: 'USER_JOINED',
      user: 'ViewerB',
    });

    const listed = (await (await fetch(`${b.http}/api/rooms/public/`)).json()) as Json[];
    expect(listed.find((r) => r.code === room.code)).toMatchObject({ host: 'HostA', viewers: 2 });

    v.send({ type: 'CHAT_MESSAGE', message: 'hi from B' });
    expect(await h.next((f: Json) => f.type === 'CHAT_MESSAGE')).toEqual({
      type: 'CHAT_MESSAGE',
      user: 'ViewerB',
      message: 'hi from B',
    });
    h.send({ type: 'PLAY', time: 12 });
    expect(await v.next((f: Json) => f.type === 'PLAYBACK_STATE' && f.version === 1)).toMatchObject({
      is_playing: true,
      time: 12,
    });

    // the rate limit is shared: 5 more messages to A and B alternately, the 6th in total is refused
    for (let i = 0; i < 4; i += 1) v.send({ type: 'CHAT_MESSAGE', message: `m${i}` });
    const v2: TestSocket = await connect(`${a.ws}/ws/room/${room.code}/?token=${viewer.access_token}`);
    await v2.next((f: Json) => f.type === 'ROOM_PARTICIPANTS');
    await h.next((f: Json) => f.message === 'm3');
    v2.send({ type: 'CHAT_MESSAGE', message: 'one too many' });
    expect(await v2.next((f: Json) => f.type === 'ERROR')).toMatchObject({ code: 'RATE_LIMITED' });
    v2.close();

    const sId = randomUUID();
    const s: TestSocket = await connect(`${b.ws}/ws/room/${room.room_id}/`);
    s.send({ type: 'join', userId: sId, data: { userName: 'Flutter' } });
    await s.next((f: Json) => f.type === 'room_update');
    h.send({ type: 'SEEK', time: 30 });
    expect(await s.next((f: Json) => f.type === 'seek')).toEqual({ type: 'seek', data: { position: 30 } });

    h.send({ type: 'KICK_USER', user_id: viewer.id });
    expect(await v.closed()).toBe(4011);
    h.close();
    s.close();
  }, 60_000);
});
