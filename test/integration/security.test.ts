/**
 * Security pass across modules ([SEC-n], docs/spec/security.md): JWT misuse on HTTP and sockets,
 * authorization of state-changing routes, private data never leaked, hostile JSON never a 500 or a
 * hang, and no HTML rendering of user text in the web app.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { createUser, toAuthUser } from '../../src/features/accounts/service.js';
import { TokenService } from '../../src/features/accounts/tokens.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import { byType, http, makeLobby, makeUser, unique, type Json, type LobbyUser } from './lobbies-support.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { jwtSecret: SECRET } });
});
afterAll(async () => server?.close());

const api = (method: Parameters<typeof http>[1], url: string, body?: unknown, token?: string) =>
  http(server, method, url, body, token);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Every kind of bad credential for `user`: refresh, expired, wrong key, alg none, unsigned, garbage. */
async function badTokens(user: LobbyUser): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { token_type: 'access', user_id: user.id, username: user.username, sub: user.id };
  const past = new TokenService(SECRET, 300, 600, () => Date.now() - 86_400_000);
  const row = { id: user.id, username: user.username, displayName: user.username };
  const authUser = { ...row, isGuest: false, isStaff: true, isPremium: true };
  const refresh = (await server.ctx.tokens.issueRefresh(user.id)).token;
  return {
    refresh,
    expired: await past.issueAccess(authUser),
    wrongKey: await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode('another-secret-another-secret-0000')),
    algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: now + 300 })}.`,
    tampered: (() => {
      const [h, , s] = user.token.split('.');
      return `${h}.${b64({ ...claims, is_staff: true, exp: now + 300 })}.${s}`;
    })(),
    garbage: 'not-a-jwt',
  };
}

describe('security', () => {
  it('[SEC-1] refresh, expired, wrong-key, alg-none, tampered and garbage tokens get 401 on HTTP routes', async () => {
    const user = await makeUser(server, true);
    const tokens = await badTokens(user);
    const routes: [Parameters<typeof http>[1], string, unknown?][] = [
      ['GET', '/api/me/'],
      ['GET', '/api/lobbies/'],
      ['POST', '/api/lobbies/', { name: 'Nope lobby' }],
      ['GET', '/api/runs/'],
      ['GET', '/api/games/'],
      ['GET', '/api/polls/sessions/'],
      ['POST', '/api/rooms/create/', { is_private: false }],
      ['GET', '/api/admin/users/'],
    ];
    for (const [kind, token] of Object.entries(tokens))
      for (const [method, url, body] of routes) {
        const res = await api(method, url, body, token);
        expect(res.status, `${kind} ${method} ${url}`).toBe(401);
      }
    expect((await api('GET', '/api/me/', undefined, user.token)).status).toBe(200);
  });

  it('[SEC-2] the same bad tokens are refused on the sockets (lobbies 4001, watch rooms 4001)', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const room = await api('POST', '/api/rooms/create/', { is_private: false }, owner.token);
    expect(room.status).toBe(201);
    for (const [kind, token] of Object.entries(await badTokens(owner))) {
      const l = await connect(`${server.wsUrl}/ws/lobbies/${lobby.id}/?token=${encodeURIComponent(token)}`);
      expect(await l.closed(), `lobby ${kind}`).toBe(4001);
      const w = await connect(
        `${server.wsUrl}/ws/room/${room.body.code}/?token=${encodeURIComponent(token)}`,
      );
      expect(await w.closed(), `room ${kind}`).toBe(4001);
    }
  });

  it('[SEC-3] a staff claim is not enough: admin routes re-check the stored flag', async () => {
    const row = await createUser(server.ctx.database.db, { username: unique('ex') });
    const stale = await server.ctx.tokens.issueAccess({ ...toAuthUser(row), isStaff: true });
    expect((await api('GET', '/api/admin/users/', undefined, stale)).status).toBe(403);
    expect((await api('PATCH', `/api/admin/users/${row.id}/`, { is_staff: true }, stale)).status).toBe(403);
  });

  it('[SEC-4] answers never carry password hashes, refresh tokens of others or emails of others', async () => {
    const name = unique('pw');
    const reg = await api('POST', '/api/auth/register/', {
      username: name,
      email: `${name}@example.com`,
      password: 'securepass123',
      password_confirm: 'securepass123',
    });
    expect(reg.status).toBe(201);
    const login = await api('POST', '/api/auth/login/', { username: name, password: 'securepass123' });
    const me = await api('GET', '/api/me/', undefined, login.body.access);
    for (const body of [reg.body, login.body, me.body])
      expect(JSON.stringify(body)).not.toMatch(/argon2|password/i);
    // Another user's lobby views show the owner's brief only.
    const other = await makeUser(server);
    const lobby = await api('POST', '/api/lobbies/', { name: 'Leak check' }, login.body.access);
    expect(lobby.status).toBe(403); // not premium
    const owner = await makeUser(server, true);
    const made = await makeLobby(server, owner);
    await api('POST', `/api/lobbies/${made.id}/join/`, undefined, login.body.access);
    const detail = await api('GET', `/api/lobbies/${made.id}/`, undefined, other.token);
    expect(JSON.stringify(detail.body)).not.toContain(`${name}@example.com`);
    expect(JSON.stringify(detail.body)).not.toMatch(/argon2|refresh/);
  });

  it('[SEC-5] private rooms: the password is shown once to the creator, never in details or lists', async () => {
    const host = await makeUser(server);
    const eve = await makeUser(server);
    const room = await api(
      'POST',
      '/api/rooms/create/',
      { is_private: true, entry_mode: 'PASSWORD' },
      host.token,
    );
    expect(room.status).toBe(201);
    const password = room.body.room_password as string;
    expect(password).toEqual(expect.any(String));
    for (const url of [
      `/api/rooms/${room.body.code}/`,
      `/api/rooms/${room.body.room_id}/`,
      '/api/rooms/',
      '/api/rooms/public/',
    ]) {
      const res = await api('GET', url, undefined, eve.token);
      expect(JSON.stringify(res.body), url).not.toContain(password);
      expect(JSON.stringify(res.body), url).not.toMatch(/argon2/);
    }
    expect(
      (await api('POST', '/api/rooms/join/', { code: room.body.code, password: 'wrong-pw' }, eve.token))
        .status,
    ).toBe(403);
  });

  it('[SEC-6] REST control of a room hosted by an account needs that account’s token, not just its public id', async () => {
    const host = await makeUser(server);
    const eve = await makeUser(server);
    const room = await api('POST', '/api/rooms/create/', { is_private: false }, host.token);
    const id = room.body.room_id as string;
    const details = await api('GET', `/api/rooms/${id}/`);
    expect(details.body.room.host_id).toBe(host.id);
    const control = { user_id: host.id, action: 'play', position: 5 };
    expect((await api('POST', `/api/rooms/${id}/control/`, control)).status).toBe(403);
    expect((await api('POST', `/api/rooms/${id}/control/`, control, eve.token)).status).toBe(403);
    const video = { user_id: host.id, video_url: 'https://example.com/v.mp4' };
    expect((await api('POST', `/api/rooms/${id}/change-video/`, video, eve.token)).status).toBe(403);
    expect((await api('DELETE', `/api/rooms/${id}/leave/`, { user_id: host.id }, eve.token)).status).toBe(
      403,
    );
    expect((await api('POST', `/api/rooms/${id}/control/`, control, host.token)).status).toBe(200);
    expect(
      (await api('POST', `/api/rooms/${id}/control/`, { action: 'pause', position: 6 }, host.token)).status,
    ).toBe(200);
    // Only the host may delete or approve.
    expect(
      (await api('POST', '/api/rooms/delete/', { code: room.body.code }, eve.token)).status,
    ).toBeGreaterThanOrEqual(400);
    expect((await api('GET', `/api/rooms/${id}/`)).status).toBe(200);
  });

  it('[SEC-7] runs belong to their owner: others get 404 (403 on export, as the seed) on read, change, export and control tokens', async () => {
    const owner = await makeUser(server);
    const eve = await makeUser(server);
    const game = await api('POST', '/api/games/', { name: unique('Game ') }, owner.token);
    expect(game.status).toBe(201);
    const run = await api(
      'POST',
      '/api/runs/',
      { name: 'My run', game: game.body.id, mode: 'WIPECOUNTER' },
      owner.token,
    );
    expect(run.status).toBe(201);
    const id = run.body.id as number;
    for (const [method, url, body] of [
      ['GET', `/api/runs/${id}/`],
      ['PATCH', `/api/runs/${id}/`, { name: 'pwned' }],
      ['DELETE', `/api/runs/${id}/`],
      ['POST', `/api/runs/${id}/control-token/`],
      ['GET', `/api/runs/${id}/control-token/`],
      ['POST', `/api/runs/${id}/wipecounters/`, { segment_name: 'x' }],
    ] as [Parameters<typeof http>[1], string, unknown?][]) {
      const res = await server.app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${eve.token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // The seed's export answers 403 to others (its test_export_foreign_run).
    expect((await api('GET', `/api/runs/${id}/export/`, undefined, eve.token)).status).toBe(403);
    expect((await api('GET', '/api/runs/', undefined, eve.token)).body).not.toContainEqual(
      expect.objectContaining({ id }),
    );
    expect((await api('GET', `/api/runs/${id}/`, undefined, owner.token)).body.name).toBe('My run');
    // The dashboard socket lets anyone watch but only the owner change the counter.
    const segment = await api('POST', `/api/runs/${id}/wipecounters/`, { segment_name: 'Boss' }, owner.token);
    expect(segment.status).toBe(201);
    for (const token of [eve.token, '']) {
      const socket = await connect(`${server.wsUrl}/ws/runs/${id}/?token=${token}`);
      socket.send({ type: 'wipe_update', segment_id: segment.body.id, count: 99 });
      socket.send({ type: 'wipe_update', segment_id: segment.body.id, op: 'inc', by: 1 });
      expect(await socket.next((f: Json) => f.type === 'error')).toMatchObject({ type: 'error' });
      socket.close();
    }
    const after = await api(
      'GET',
      `/api/runs/${id}/wipecounters/${segment.body.id}/`,
      undefined,
      owner.token,
    );
    expect(after.body.count).toBe(0);
  });

  it('[SEC-8] poll links: viewer and overlay pages never reveal the moderator token; viewers cannot moderate', async () => {
    const owner = await makeUser(server);
    const made = await api('POST', '/api/polls/create_session/', {}, owner.token);
    expect(made.status).toBe(201);
    const token = (url: string) => url.split('/').filter(Boolean).pop()!;
    const [mod, viewer, overlay] = [made.body.moderator_url, made.body.viewer_url, made.body.overlay_url].map(
      token,
    );
    for (const t of [viewer, overlay]) {
      const res = await api('GET', `/api/polls/v/${t}/`);
      expect(JSON.stringify(res.body)).not.toContain(mod);
      expect(
        (await api('POST', `/api/polls/m/${t}/add_poll/`, { question: 'Q?', answers: ['a', 'b'] })).status,
      ).toBeGreaterThanOrEqual(400);
    }
    const eve = await makeUser(server);
    expect(
      JSON.stringify((await api('GET', '/api/polls/sessions/', undefined, eve.token)).body),
    ).not.toContain(mod);
  });

  it('[SEC-9] lobby messages of a private lobby stay with its members', async () => {
    const owner = await makeUser(server, true);
    const eve = await makeUser(server);
    const lobby = await makeLobby(server, owner, { is_public: false });
    await api('POST', `/api/lobbies/${lobby.id}/messages/`, { content: 'secret plans' }, owner.token);
    expect((await api('GET', `/api/lobbies/${lobby.id}/messages/`, undefined, eve.token)).status).toBe(403);
    const detail = await api('GET', `/api/lobbies/${lobby.id}/`, undefined, eve.token);
    expect(JSON.stringify(detail.body)).not.toContain('secret plans');
    const list = await api('GET', '/api/lobbies/', undefined, eve.token);
    expect(list.body.results.map((l: Json) => l.id)).not.toContain(lobby.id);
    const socket = await connect(`${server.wsUrl}/ws/lobbies/${lobby.id}/?token=${eve.token}`);
    expect(await socket.next(byType('error'))).toEqual({
      type: 'error',
      message: 'You are not a member of this lobby',
    });
    expect(await socket.closed()).toBe(4003);
  });

  it('[SEC-10] oversized bodies get 413 JSON; deeply nested JSON never gets a 500', async () => {
    const user = await makeUser(server, true);
    const big = await server.app.inject({
      method: 'POST',
      url: '/api/lobbies/',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(/json/);
    const depth = 50_000;
    const nestedArray = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const nestedObject = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const wrapped = `{"name":${nestedObject},"content":${nestedArray},"user_id":${nestedObject}}`;
    const routes = [
      '/api/lobbies/',
      '/api/auth/login/',
      '/api/auth/register/',
      '/api/register/',
      '/api/token/refresh/',
      '/api/rooms/create/',
      '/api/rooms/join/',
      '/api/runs/',
      '/api/games/',
      '/api/polls/create_session/',
      `/api/lobbies/${(await makeLobby(server, user)).id}/messages/`,
    ];
    for (const url of routes)
      for (const payload of [nestedArray, nestedObject, wrapped]) {
        const res = await server.app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
          payload,
        });
        expect(res.statusCode, url).toBeLessThan(500);
        expect(res.headers['content-type'], url).toMatch(/json/);
      }
  });

  it('[SEC-11] hostile socket frames (deep nesting, huge) get an error or a close, and the server keeps serving', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const socket = await connect(`${server.wsUrl}/ws/lobbies/${lobby.id}/?token=${owner.token}`);
    await socket.next(byType('presence_list'));
    // Just under the 64 KiB frame limit.
    socket.sendRaw(`${'['.repeat(30_000)}${']'.repeat(30_000)}`);
    expect(await socket.next(byType('error'))).toMatchObject({ type: 'error' });
    socket.sendRaw(`{"type":"chat_message","message":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`);
    expect(await socket.next(byType('error'))).toMatchObject({ type: 'error' });
    socket.send({ type: 'chat_message', message: 'still here' });
    expect(await socket.next((f: Json) => f.type === 'chat_message')).toMatchObject({
      message: { content: 'still here' },
    });
    socket.sendRaw('x'.repeat(4 * 1024 * 1024));
    expect(await socket.closed()).toBeGreaterThanOrEqual(1000);
    expect((await api('GET', '/api/health/')).status).toBe(200);
  });

  it('[SEC-12] the web app never renders user text as HTML', () => {
    const root = path.resolve(__dirname, '../../web/src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(tsx?|jsx?|html)$/.test(name)) files.push(full);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(10);
    const sinks =
      /innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write|new Function\(|\beval\(/;
    const hits = files.filter((f) => sinks.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });
});
