/**
 * Premium Chat Lobby client flows, black box (LOBBY-60..66): what the seed's README and its Postman
 * collections do, in order, with real passwords, real logins and the real socket: register -> login
 * -> me -> create (premium) -> list/detail -> join -> socket -> chat -> typing -> REST messages ->
 * moderation -> ownership -> start/close -> leave -> delete. Exact paths (trailing slashes), fields,
 * status codes and messages; SPEC fixes (create returns the id, owners open the socket, REST
 * moderation reaches the socket, non-member posts are 403) are asserted as Roomful behaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTask } from '../../src/features/admin/tasks.js';
import { FakeClock } from '../../src/realtime/clock.js';
import { buildConfig } from '../../src/server/config.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import { byType, http, unique, type Json } from './lobbies-support.js';

let server: TestServer;
const clock = new FakeClock(Date.now());
beforeAll(async () => {
  server = await startTestServer({ clock });
  await runTask('seed-demo', { database: server.ctx.database, config: buildConfig({}) }, {});
});
afterAll(async () => server?.close());

const PASSWORD = 'testpass123';
const FORBIDDEN = { detail: 'You do not have permission to perform this action.' };
const api = (method: Parameters<typeof http>[1], url: string, body?: unknown, token?: string) =>
  http(server, method, url, body, token);

/** Logs in as Postman does, returning the access token and the user id from /api/me/. */
async function login(username: string, password = PASSWORD): Promise<{ token: string; me: Json }> {
  const res = await api('POST', '/api/auth/login/', { username, password });
  expect(res.status).toBe(200);
  const me = await api('GET', '/api/me/', undefined, res.body.access);
  expect(me.status).toBe(200);
  return { token: res.body.access as string, me: me.body };
}

/** Registers a fresh normal user through /api/auth/register/ and logs in. */
async function register(): Promise<{ token: string; me: Json }> {
  const username = unique('pm');
  const res = await api('POST', '/api/auth/register/', {
    username,
    email: `${username}@example.com`,
    password: 'securepass123',
    password_confirm: 'securepass123',
  });
  expect(res.status).toBe(201);
  expect(res.body).toEqual({ message: 'User created successfully', user_id: expect.anything() });
  const session = await login(username, 'securepass123');
  expect(session.me.id).toEqual(res.body.user_id);
  return session;
}

const socketFor = (id: number, token: string) => connect(`${server.wsUrl}/ws/lobbies/${id}/?token=${token}`);

describe('Premium Chat Lobby client flows', () => {
  it('[LOBBY-60] register -> login -> refresh -> me; a normal user cannot create a lobby (403 detail)', async () => {
    const username = unique('pm');
    const reg = await api('POST', '/api/auth/register/', {
      username,
      email: `${username}@example.com`,
      password: 'securepass123',
      password_confirm: 'securepass123',
    });
    expect(reg.status).toBe(201);
    const mismatch = await api('POST', '/api/auth/register/', {
      username: unique('pm'),
      email: `${unique('pm')}@example.com`,
      password: 'securepass123',
      password_confirm: 'securepass124',
    });
    expect(mismatch).toEqual({ status: 400, body: { non_field_errors: ["Passwords don't match"] } });
    const res = await api('POST', '/api/auth/login/', { username, password: 'securepass123' });
    expect(res.status).toBe(200);
    expect(res.body.access.split('.')).toHaveLength(3);
    const refreshed = await api('POST', '/api/auth/refresh/', { refresh: res.body.refresh });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body)).toEqual(expect.arrayContaining(['access', 'refresh']));
    const me = await api('GET', '/api/me/', undefined, refreshed.body.access);
    expect(me.body).toMatchObject({ id: reg.body.user_id, username, email: `${username}@example.com` });
    expect(me.body.is_premium).toBe(false);
    expect(typeof me.body.created_at).toBe('string');
    // is_premium is read-only on PATCH /api/me/
    const patch = await api('PATCH', '/api/me/', { is_premium: true }, res.body.access);
    expect(patch.status).toBe(200);
    expect((await api('GET', '/api/me/', undefined, res.body.access)).body.is_premium).toBe(false);
    const create = await api('POST', '/api/lobbies/', { name: 'My Gaming Lobby' }, res.body.access);
    expect(create).toEqual({ status: 403, body: FORBIDDEN });
  });

  it('[LOBBY-61] the README flow: a premium user creates (201 with id), lists with filters, reads the detail', async () => {
    const owner = await login('premium_user_1');
    expect(owner.me.is_premium).toBe(true);
    const name = `My Gaming Lobby ${unique('')}`;
    const create = await api(
      'POST',
      '/api/lobbies/',
      { name, is_public: true, max_participants: 8 },
      owner.token,
    );
    expect(create.status).toBe(201);
    expect(create.body).toMatchObject({ name, is_public: true, max_participants: 8, status: 'open' });
    expect(Number.isInteger(create.body.id)).toBe(true);
    const id = create.body.id as number;
    const list = await api(
      'GET',
      `/api/lobbies/?public=1&status=open&search=${encodeURIComponent(name.toUpperCase())}`,
      undefined,
      owner.token,
    );
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ count: 1, next: null, previous: null });
    expect(list.body.results[0]).toEqual({
      id,
      name,
      owner: { id: owner.me.id, username: 'premium_user_1', is_premium: true },
      is_public: true,
      status: 'open',
      max_participants: 8,
      current_participants_count: 1,
      is_full: false,
      created_at: expect.any(String),
    });
    const detail = await api('GET', `/api/lobbies/${id}/`, undefined, owner.token);
    expect(detail.body).toMatchObject({ id, recent_messages: [], updated_at: expect.any(String) });
    expect(detail.body.memberships).toEqual([
      {
        user: { id: owner.me.id, username: 'premium_user_1', is_premium: true },
        role: 'owner',
        joined_at: expect.any(String),
      },
    ]);
    // The demo data is there too: General Chat is in_game, VIP Room is private.
    const inGame = await api('GET', '/api/lobbies/?status=in_game&search=General', undefined, owner.token);
    expect(inGame.body.results.map((l: Json) => l.name)).toContain('General Chat');
    // Create validation with the seed's messages.
    const bad = await api('POST', '/api/lobbies/', { name: ' ab ', max_participants: 51 }, owner.token);
    expect(bad).toEqual({
      status: 400,
      body: {
        name: ['Lobby name must be at least 3 characters long'],
        max_participants: ['Max participants must be between 2 and 50'],
      },
    });
  });

  it('[LOBBY-62] join -> socket -> chat -> typing -> REST messages, with the seed payloads', async () => {
    const owner = await login('premium_user_2');
    const id = (await api('POST', '/api/lobbies/', { name: unique('Chat ') }, owner.token)).body.id as number;
    const user = await register();
    // A non-member's socket is refused (4003) and a non-member cannot post (403, SPEC fix).
    const early = await socketFor(id, user.token);
    expect(await early.next()).toEqual({ type: 'error', message: 'You are not a member of this lobby' });
    expect(await early.closed()).toBe(4003);
    expect(await api('POST', `/api/lobbies/${id}/messages/`, { content: 'hi' }, user.token)).toEqual({
      status: 403,
      body: { detail: 'Must be lobby member to send messages' },
    });
    expect(await api('POST', `/api/lobbies/${id}/join/`, undefined, user.token)).toEqual({
      status: 200,
      body: { message: 'Joined lobby successfully' },
    });
    expect((await api('POST', `/api/lobbies/${id}/join/`, undefined, user.token)).body).toEqual({
      error: 'Already in lobby',
    });
    const o = await socketFor(id, owner.token);
    expect(await o.next()).toEqual({
      type: 'presence_join',
      user_id: owner.me.id,
      username: 'premium_user_2',
      is_premium: true,
    });
    expect(await o.next()).toEqual({
      type: 'presence_list',
      users: [{ id: owner.me.id, username: 'premium_user_2', is_premium: true }],
    });
    const u = await socketFor(id, user.token);
    await u.next(byType('presence_list'));
    expect(await o.next(byType('presence_join'))).toEqual({
      type: 'presence_join',
      user_id: user.me.id,
      username: user.me.username,
      is_premium: false,
    });
    u.send({ type: 'chat_message', message: 'Hello world!' });
    const frame = await o.next<Json>(byType('chat_message'));
    expect(frame).toEqual({
      type: 'chat_message',
      message: {
        id: expect.any(String),
        content: 'Hello world!',
        sender: { id: user.me.id, username: user.me.username, is_premium: false },
        created_at: expect.any(String),
      },
    });
    expect((await u.next<Json>(byType('chat_message'))).message.id).toBe(frame.message.id);
    u.send({ type: 'typing_start' });
    expect(await o.next(byType('typing_start'))).toEqual({
      type: 'typing_start',
      user_id: user.me.id,
      username: user.me.username,
    });
    u.send({ type: 'typing_stop' });
    await o.next(byType('typing_stop'));
    expect(u.frames.some((f) => (f as Json).type === 'typing_start')).toBe(false);
    const posted = await api(
      'POST',
      `/api/lobbies/${id}/messages/`,
      { content: '  Hello everyone!  ' },
      owner.token,
    );
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ content: 'Hello everyone!', is_deleted: false });
    expect((await u.next<Json>(byType('chat_message'))).message.content).toBe('Hello everyone!');
    const list = await api('GET', `/api/lobbies/${id}/messages/`, undefined, user.token);
    expect(list.body.count).toBe(2);
    expect(list.body.results.map((m: Json) => m.content)).toEqual(['Hello everyone!', 'Hello world!']);
    expect(list.body.results[0].sender).toEqual({
      id: owner.me.id,
      username: 'premium_user_2',
      is_premium: true,
    });
    const empty = await api('POST', `/api/lobbies/${id}/messages/`, { content: '   ' }, user.token);
    expect(empty).toEqual({ status: 400, body: { content: ['Message cannot be empty'] } });
    // Socket errors in the seed's words; the socket stays open.
    u.sendRaw('{not json');
    expect(await u.next(byType('error'))).toEqual({ type: 'error', message: 'Invalid JSON' });
    u.send({ type: 'dance' });
    expect(await u.next(byType('error'))).toEqual({ type: 'error', message: 'Unknown message type' });
    u.send({ type: 'chat_message', message: 'x'.repeat(2001) });
    expect(await u.next(byType('error'))).toEqual({
      type: 'error',
      message: 'Message too long (max 2000 characters)',
    });
    u.close();
    expect(await o.next(byType('presence_leave'))).toEqual({
      type: 'presence_leave',
      user_id: user.me.id,
      username: user.me.username,
    });
    o.close();
  });

  it('[LOBBY-63] edit and soft delete a message: sender or moderator; then 404', async () => {
    clock.advance(5000);
    const owner = await login('premium_user_1');
    const id = (await api('POST', '/api/lobbies/', { name: unique('Edit ') }, owner.token)).body.id as number;
    const a = await register();
    const b = await register();
    await api('POST', `/api/lobbies/${id}/join/`, undefined, a.token);
    await api('POST', `/api/lobbies/${id}/join/`, undefined, b.token);
    const msg = (await api('POST', `/api/lobbies/${id}/messages/`, { content: 'typo' }, a.token)).body;
    const url = `/api/lobbies/${id}/messages/${msg.id}/`;
    expect((await api('PATCH', url, { content: 'nope' }, b.token)).status).toBe(403);
    expect((await api('DELETE', url, undefined, b.token)).status).toBe(403);
    const edited = await api('PUT', url, { content: 'fixed' }, a.token);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: msg.id, content: 'fixed' });
    expect((await api('DELETE', url, undefined, owner.token)).status).toBe(204);
    expect(await api('GET', url, undefined, a.token)).toEqual({
      status: 404,
      body: { detail: 'Not found.' },
    });
    expect((await api('GET', `/api/lobbies/${id}/messages/`, undefined, a.token)).body.count).toBe(0);
  });

  it('[LOBBY-64] moderation over REST: kick, ban, unban, moderators, transfer; pushed to the sockets', async () => {
    clock.advance(5000);
    const owner = await login('premium_user_1');
    const id = (await api('POST', '/api/lobbies/', { name: unique('Mod ') }, owner.token)).body.id as number;
    const [a, b, c] = [await register(), await register(), await register()];
    for (const u of [a, b, c]) await api('POST', `/api/lobbies/${id}/join/`, undefined, u.token);
    const post = (path: string, body: Json | undefined, token: string) =>
      api('POST', `/api/lobbies/${id}/${path}/`, body, token);
    // Only the owner or a moderator moderates.
    expect(await post('kick', { user_id: b.me.id, reason: 'x' }, a.token)).toEqual({
      status: 403,
      body: FORBIDDEN,
    });
    expect(await post('add_moderator', { user_id: a.me.id }, owner.token)).toEqual({
      status: 200,
      body: { message: `User ${a.me.username} promoted to moderator` },
    });
    const sb = await socketFor(id, b.token);
    await sb.next(byType('presence_list'));
    const so = await socketFor(id, owner.token);
    await so.next(byType('presence_list'));
    expect(await post('kick', { user_id: b.me.id, reason: 'Inappropriate behavior' }, a.token)).toEqual({
      status: 200,
      body: { message: `User ${b.me.username} kicked successfully` },
    });
    expect(await sb.next(byType('moderation_kick'))).toMatchObject({ reason: 'Inappropriate behavior' });
    expect(await sb.closed()).toBe(4003);
    expect(await so.next(byType('moderation_kick'))).toEqual({
      type: 'moderation_kick',
      target_id: b.me.id,
      target_username: b.me.username,
      reason: 'Inappropriate behavior',
    });
    expect((await post('kick', { user_id: b.me.id }, owner.token)).body).toEqual({
      error: 'User not in lobby',
    });
    expect((await post('kick', { user_id: owner.me.id }, a.token)).body).toEqual({
      error: 'Cannot kick lobby owner',
    });
    expect(await post('kick', { user_id: '00000000-0000-4000-8000-000000000000' }, owner.token)).toEqual({
      status: 400,
      body: { user_id: ['User not found'] },
    });
    expect(await post('ban', { user_id: c.me.id, reason: 'Repeated violations' }, owner.token)).toEqual({
      status: 200,
      body: { message: `User ${c.me.username} banned successfully` },
    });
    expect((await post('ban', { user_id: c.me.id }, owner.token)).body).toEqual({
      error: 'User already banned',
    });
    expect((await post('ban', { user_id: owner.me.id }, a.token)).body).toEqual({
      error: 'Cannot ban lobby owner',
    });
    expect((await post('join', undefined, c.token)).body).toEqual({
      error: 'You are banned from this lobby',
    });
    expect((await post('unban', { user_id: c.me.id }, a.token)).body).toEqual({
      message: `User ${c.me.username} unbanned successfully`,
    });
    expect((await post('unban', { user_id: c.me.id }, a.token)).body).toEqual({ error: 'User not banned' });
    expect((await post('remove_moderator', { user_id: a.me.id }, owner.token)).body).toEqual({
      message: `User ${a.me.username} demoted from moderator`,
    });
    expect((await post('remove_moderator', { user_id: a.me.id }, owner.token)).body).toEqual({
      error: 'User is not a moderator',
    });
    // Only the owner transfers, starts, closes, updates, deletes.
    for (const path of ['transfer_ownership', 'start', 'close'])
      expect(await post(path, { user_id: a.me.id }, a.token)).toEqual({ status: 403, body: FORBIDDEN });
    expect(await post('transfer_ownership', { user_id: a.me.id }, owner.token)).toEqual({
      status: 200,
      body: { message: `Ownership transferred to ${a.me.username}` },
    });
    expect((await post('leave', undefined, a.token)).body).toEqual({
      error: 'Owner cannot leave lobby. Transfer ownership first.',
    });
    expect(await post('leave', undefined, owner.token)).toEqual({
      status: 200,
      body: { message: 'Left lobby successfully' },
    });
    expect((await post('leave', undefined, owner.token)).body).toEqual({ error: 'Not in lobby' });
    const events = await api('GET', `/api/lobbies/${id}/events/`, undefined, a.token);
    expect(events.body.results.map((e: Json) => e.event_type)).toEqual(
      expect.arrayContaining(['kick', 'ban', 'unban', 'mod_add', 'mod_remove', 'transfer', 'status_change']),
    );
    so.close();
  });

  it('[LOBBY-65] start, close, update and delete (owner only); the sockets hear system_status', async () => {
    clock.advance(5000);
    const owner = await login('premium_user_2');
    const id = (await api('POST', '/api/lobbies/', { name: unique('Game ') }, owner.token)).body.id as number;
    const other = await register();
    const so = await socketFor(id, owner.token);
    await so.next(byType('presence_list'));
    expect(await api('PATCH', `/api/lobbies/${id}/`, { name: 'Stolen' }, other.token)).toEqual({
      status: 403,
      body: FORBIDDEN,
    });
    expect(await api('DELETE', `/api/lobbies/${id}/`, undefined, other.token)).toEqual({
      status: 403,
      body: FORBIDDEN,
    });
    expect(await api('POST', `/api/lobbies/${id}/start/`, undefined, owner.token)).toEqual({
      status: 200,
      body: { message: 'Game started' },
    });
    expect(await so.next(byType('system_status'))).toMatchObject({ status: 'in_game' });
    expect((await api('POST', `/api/lobbies/${id}/join/`, undefined, other.token)).body).toEqual({
      error: 'Lobby is not open',
    });
    expect(await api('POST', `/api/lobbies/${id}/close/`, undefined, owner.token)).toEqual({
      status: 200,
      body: { message: 'Lobby closed' },
    });
    const patched = await api(
      'PATCH',
      `/api/lobbies/${id}/`,
      { status: 'open', max_participants: 2 },
      owner.token,
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'open', max_participants: 2 });
    expect((await api('PATCH', `/api/lobbies/${id}/`, { status: 'paused' }, owner.token)).body).toEqual({
      status: ['"paused" is not a valid choice.'],
    });
    expect((await api('POST', `/api/lobbies/${id}/join/`, undefined, other.token)).status).toBe(200);
    const third = await register();
    expect((await api('POST', `/api/lobbies/${id}/join/`, undefined, third.token)).body).toEqual({
      error: 'Lobby is full',
    });
    expect((await api('DELETE', `/api/lobbies/${id}/`, undefined, owner.token)).status).toBe(204);
    expect(await so.closed()).toBe(4004);
    expect(await api('GET', `/api/lobbies/${id}/`, undefined, owner.token)).toEqual({
      status: 404,
      body: { detail: 'Not found.' },
    });
  });

  it('[LOBBY-66] the socket refuses a missing or refresh token (4001) and an unknown lobby (4004)', async () => {
    const res = await api('POST', '/api/auth/login/', { username: 'user_1', password: PASSWORD });
    const none = await connect(`${server.wsUrl}/ws/lobbies/1/`);
    expect(await none.closed()).toBe(4001);
    const refresh = await socketFor(1, res.body.refresh);
    expect(await refresh.closed()).toBe(4001);
    const unknown = await socketFor(999999, res.body.access);
    expect(await unknown.closed()).toBe(4004);
    expect((await api('GET', '/api/lobbies/', undefined, res.body.refresh)).status).toBe(401);
  });
});
