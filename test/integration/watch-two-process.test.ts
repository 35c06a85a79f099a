/**
 * [WATCH-20] Two real server processes on one PostgreSQL and one Redis: a host on one and a viewer
 * on the other share chat, playback and a SyncPlay socket; the public list counts viewers of both
 * processes; kick from one process closes a socket on the other (4011); the chat rate limit holds
 * across processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase, postgresUrl, redisUrl, uniqueRedisPrefix } from '../helpers/services.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = path.resolve(import.meta.dirname, 'fixtures/server-process.ts');

function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server process did not start')), 60_000);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
}

async function post(url: string, body: unknown, token?: string): Promise<Json> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Json;
}

describe.skipIf(!postgresUrl || !redisUrl)('watch rooms on two processes', () => {
  let a: { child: ChildProcess; url: string };
  let b: { child: ChildProcess; url: string };
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl ?? '',
      REDIS_PREFIX: uniqueRedisPrefix(),
      JWT_SECRET: 'watch-two-process-secret-0123456789',
      WATCH_COMMAND_LEAD_MS: '0',
    };
    a = await start(env);
    b = await start(env);
  }, 120_000);

  afterAll(async () => {
    for (const p of [a, b]) p?.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await drop?.();
  });

  it('[WATCH-20] chat, playback, viewer counts, SyncPlay and kick across processes', async () => {
    const host = await post(`${a.url}/api/auth/guest/`, { display_name: 'HostA' });
    const viewer = await post(`${b.url}/api/auth/guest/`, { display_name: 'ViewerB' });
    const room = await post(`${a.url}/api/rooms/create/`, {}, host.access_token);
    await post(`${b.url}/api/rooms/join/`, { code: room.code }, viewer.access_token);
    const ws = (u: string) => u.replace(/^http/, 'ws');
    const h: TestSocket = await connect(`${ws(a.url)}/ws/room/${room.code}/?token=${host.access_token}`);
    await h.next((f: Json) => f.type === 'ROOM_PARTICIPANTS');
    const v: TestSocket = await connect(`${ws(b.url)}/ws/room/${room.code}/?token=${viewer.access_token}`);
    await v.next((f: Json) => f.type === 'ROOM_PARTICIPANTS');
    expect(await h.next((f: Json) => f.type === 'USER_JOINED')).toEqual({
      type: 'USER_JOINED',
      user: 'ViewerB',
    });

    const listed = (await (await fetch(`${b.url}/api/rooms/public/`)).json()) as Json[];
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
    const v2: TestSocket = await connect(`${ws(a.url)}/ws/room/${room.code}/?token=${viewer.access_token}`);
    await v2.next((f: Json) => f.type === 'ROOM_PARTICIPANTS');
    await h.next((f: Json) => f.message === 'm3');
    v2.send({ type: 'CHAT_MESSAGE', message: 'one too many' });
    expect(await v2.next((f: Json) => f.type === 'ERROR')).toMatchObject({ code: 'RATE_LIMITED' });
    v2.close();

    const sId = randomUUID();
    const s: TestSocket = await connect(`${ws(b.url)}/ws/room/${room.room_id}/`);
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
