/** The Premium Chat Lobby's own 17 tests (chat/tests.py), ported: [SEED] (RateLimitTest is in lobbies-socket). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { http, joinAs, makeLobby, makeUser, unique, type Json, type LobbyUser } from './lobbies-support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ listen: false });
});
afterAll(async () => server?.close());

const api = (method: Parameters<typeof http>[1], url: string, body?: unknown, user?: LobbyUser) =>
  http(server, method, url, body, user?.token);
const FORBIDDEN = { detail: 'You do not have permission to perform this action.' };

describe('seed tests, ported', () => {
  const password = 'Quartz-Lantern-42';

  it('[SEED][ACC-5] UserModelTest: a registered user is not premium and logs in with the password only', async () => {
    const username = unique('reg');
    const reg = await api('POST', '/api/auth/register/', {
      username,
      email: `${username}@example.com`,
      password,
      password_confirm: password,
    });
    expect(reg.status).toBe(201);
    expect(reg.body.message).toBe('User created successfully');
    const login = await api('POST', '/api/auth/login/', { username, password });
    expect(login.status).toBe(200);
    expect((await api('POST', '/api/auth/login/', { username, password: 'wrong-one-1' })).status).toBe(401);
    const me = await http(server, 'GET', '/api/me/', undefined, login.body.access);
    expect(me.body.is_premium).toBe(false);
  });

  it('[SEED] UserModelTest: a premium user is premium', async () => {
    const user = await makeUser(server, true);
    expect((await api('GET', '/api/me/', undefined, user)).body.is_premium).toBe(true);
  });

  it('[SEED][LOBBY-3] LobbyModelTest: a new lobby is open and public by default', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    expect(lobby).toMatchObject({ status: 'open', is_public: true, max_participants: 8 });
  });

  it('[SEED][LOBBY-6] LobbyModelTest: can_join is true, then false once full ("full")', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner, { max_participants: 2 });
    const a = await makeUser(server);
    const b = await makeUser(server);
    expect((await joinAs(server, lobby.id, a)).status).toBe(200);
    const full = await joinAs(server, lobby.id, b);
    expect(full.status).toBe(400);
    expect(full.body.error).toContain('full');
  });

  it('[SEED][LOBBY-11] LobbyModelTest: a ban prevents joining ("banned")', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const bad = await makeUser(server);
    expect((await api('POST', `/api/lobbies/${lobby.id}/ban/`, { user_id: bad.id }, owner)).status).toBe(200);
    const res = await joinAs(server, lobby.id, bad);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('banned');
  });

  it('[SEED] AuthAPITest: register 201, password mismatch 400, login returns access and refresh', async () => {
    const username = unique('auth');
    expect(
      (
        await api('POST', '/api/auth/register/', {
          username,
          email: `${username}@example.com`,
          password,
          password_confirm: password,
        })
      ).status,
    ).toBe(201);
    const mismatch = await api('POST', '/api/auth/register/', {
      username: unique('mm'),
      email: `${unique('mm')}@example.com`,
      password,
      password_confirm: `${password}x`,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toEqual({ non_field_errors: ["Passwords don't match"] });
    const login = await api('POST', '/api/auth/login/', { username, password });
    expect(login.body).toHaveProperty('access');
    expect(login.body).toHaveProperty('refresh');
  });

  it('[SEED][LOBBY-3] LobbyAPITest: a premium user creates (201) and owns the lobby', async () => {
    const owner = await makeUser(server, true);
    const res = await api(
      'POST',
      '/api/lobbies/',
      { name: 'My Gaming Lobby', is_public: true, max_participants: 8 },
      owner,
    );
    expect(res.status).toBe(201);
    const detail = await api('GET', `/api/lobbies/${res.body.id}/`, undefined, owner);
    expect(detail.body.memberships).toEqual([
      expect.objectContaining({ role: 'owner', user: expect.objectContaining({ id: owner.id }) }),
    ]);
  });

  it('[SEED][LOBBY-3] LobbyAPITest: a normal user cannot create (403)', async () => {
    const user = await makeUser(server);
    const res = await api('POST', '/api/lobbies/', { name: 'Nope Lobby' }, user);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject(FORBIDDEN);
  });

  it('[SEED][LOBBY-2] LobbyAPITest: ?public=1 lists 1 of 2', async () => {
    const owner = await makeUser(server, true);
    const tag = unique('pub');
    await makeLobby(server, owner, { name: `${tag} public` });
    await makeLobby(server, owner, { name: `${tag} private`, is_public: false });
    const all = await api('GET', `/api/lobbies/?search=${tag}`, undefined, owner);
    expect(all.body.count).toBe(2);
    const pub = await api('GET', `/api/lobbies/?public=1&search=${tag}`, undefined, owner);
    expect(pub.body.results).toHaveLength(1);
    expect(pub.body.results[0].name).toBe(`${tag} public`);
  });

  it('[SEED][LOBBY-6] LobbyAPITest: join answers 200 and makes a membership', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const user = await makeUser(server);
    const res = await joinAs(server, lobby.id, user);
    expect(res).toEqual({ status: 200, body: { message: 'Joined lobby successfully' } });
    const detail = await api('GET', `/api/lobbies/${lobby.id}/`, undefined, user);
    expect(detail.body.memberships.map((m: Json) => m.user.id)).toContain(user.id);
  });

  it('[SEED][LOBBY-10] LobbyAPITest: the owner kicks (200) and the membership is gone', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const user = await makeUser(server);
    await joinAs(server, lobby.id, user);
    const res = await api(
      'POST',
      `/api/lobbies/${lobby.id}/kick/`,
      { user_id: user.id, reason: 'Rule violation' },
      owner,
    );
    expect(res).toEqual({ status: 200, body: { message: `User ${user.username} kicked successfully` } });
    const detail = await api('GET', `/api/lobbies/${lobby.id}/`, undefined, owner);
    expect(detail.body.memberships.map((m: Json) => m.user.id)).not.toContain(user.id);
  });

  it('[SEED][LOBBY-16] MessageAPITest: create answers 201 with the sender set', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const res = await api(
      'POST',
      `/api/lobbies/${lobby.id}/messages/`,
      { content: 'Hello everyone!' },
      owner,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      content: 'Hello everyone!',
      sender: { id: owner.id, username: owner.username, is_premium: true },
      is_deleted: false,
    });
  });

  it('[SEED][LOBBY-15] MessageAPITest: list has results of length 2', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const other = await makeUser(server);
    await joinAs(server, lobby.id, other);
    await api('POST', `/api/lobbies/${lobby.id}/messages/`, { content: 'one' }, owner);
    await api('POST', `/api/lobbies/${lobby.id}/messages/`, { content: 'two' }, other);
    const res = await api('GET', `/api/lobbies/${lobby.id}/messages/`, undefined, owner);
    expect(res.body.results).toHaveLength(2);
    expect(res.body.results.map((m: Json) => m.content)).toEqual(['two', 'one']);
  });

  it('[SEED][LOBBY-3] PermissionTest: IsPremium follows the stored flag (staff can grant it)', async () => {
    const user = await makeUser(server);
    expect((await api('POST', '/api/lobbies/', { name: 'Later Lobby' }, user)).status).toBe(403);
    const staff = await makeUser(server);
    await server.ctx.database.db.execute(
      `update users set is_staff = true where id = '${staff.id}'` as never,
    );
    const grant = await api('PATCH', `/api/admin/users/${user.id}/`, { is_premium: true }, staff);
    expect(grant.status).toBe(200);
    // The same token: premium is read from the database, not from the token's claim.
    expect((await api('POST', '/api/lobbies/', { name: 'Later Lobby' }, user)).status).toBe(201);
  });
});
