/** Admin API rules ADMIN-1..ADMIN-8 (access, overview, rooms, room messages, room bans, room events): docs/spec/admin.md. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchEvents, watchParticipants, watchRooms } from '../../src/storage/schema/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import {
  ADMIN_ROUTES,
  http,
  makeRoom,
  makeUser,
  roomMessage,
  unique,
  type Json,
  type TestUser,
} from './admin-support.js';

let server: TestServer;
let staff: TestUser;
let plain: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  staff = await makeUser(server, { staff: true }, 'staff');
  plain = await makeUser(server, {}, 'plain');
});
afterAll(async () => server?.close());

const get = (url: string, token = staff.token) => http(server, 'GET', url, undefined, token);
const auditOf = async (action: string, targetId: string) =>
  (await get(`/api/admin/audit/?action=${action}&search=${encodeURIComponent(targetId)}`)).body
    .results as Json[];

describe('access', () => {
  it('[ADMIN-1] every admin route: 401 without a token, 403 for non-staff, never 401/403 for staff', async () => {
    for (const route of ADMIN_ROUTES) {
      const anon = await http(server, route.method, route.url, route.body);
      expect(anon.status, `${route.method} ${route.url}`).toBe(401);
      expect(anon.type).toContain('application/json');
      const user = await http(server, route.method, route.url, route.body, plain.token);
      expect(user.status, `${route.method} ${route.url}`).toBe(403);
      expect(user.body).toMatchObject({ detail: 'You do not have permission to perform this action.' });
      const bad = await http(server, route.method, route.url, route.body, 'not-a-jwt');
      expect(bad.status).toBe(401);
      const asStaff = await http(server, route.method, route.url, route.body, staff.token);
      expect(asStaff.status, `${route.method} ${route.url}`).toBeLessThan(500);
      expect([401, 403]).not.toContain(asStaff.status);
    }
  });

  it('[ADMIN-1] staff is checked on the stored user: a demoted staff token gets 403 at once', async () => {
    const former = await makeUser(server, { staff: true }, 'former');
    expect((await get('/api/admin/overview/', former.token)).status).toBe(200);
    const res = await http(
      server,
      'PATCH',
      `/api/admin/users/${former.id}/`,
      { is_staff: false },
      staff.token,
    );
    expect(res.status).toBe(200);
    expect((await get('/api/admin/overview/', former.token)).status).toBe(403);
  });
});

describe('overview', () => {
  it('[ADMIN-2] counts users, open rooms, lobbies, runs, poll sessions and clicks today', async () => {
    const before = (await get('/api/admin/overview/')).body;
    for (const key of [
      'users',
      'premium_users',
      'staff_users',
      'live_rooms',
      'lobbies',
      'runs',
      'poll_sessions',
      'clicks_today',
      'clicks_total',
    ])
      expect(typeof before[key], key).toBe('number');
    await makeUser(server, { premium: true });
    await makeRoom(server, plain);
    const poll = await http(server, 'POST', '/api/polls/create_session/', {});
    expect(poll.status).toBe(201);
    const after = (await get('/api/admin/overview/')).body;
    expect(after.users).toBe(before.users + 1);
    expect(after.premium_users).toBe(before.premium_users + 1);
    expect(after.live_rooms).toBe(before.live_rooms + 1);
    expect(after.poll_sessions).toBe(before.poll_sessions + 1);
  });
});

describe('watch rooms', () => {
  it('[ADMIN-3] the room list shows state, host, viewers and created, with search and state filter', async () => {
    const host = await makeUser(server, {}, 'host');
    const name = unique('Findme ');
    const room = await makeRoom(server, host, name);
    const socket = await connect(`${server.wsUrl}/ws/room/${room.code}/?token=${host.token}`);
    await socket.next((f: Json) => f.type === 'PLAYBACK_STATE');
    const list = await get(`/api/admin/rooms/?search=${encodeURIComponent(name)}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ count: 1, next: null, previous: null });
    expect(list.body.results[0]).toMatchObject({
      id: room.room_id,
      code: room.code,
      name,
      state: 'LIVE',
      host_id: host.id,
      host_name: host.username,
      viewers: 1,
      members: 1,
    });
    expect(Date.parse(list.body.results[0].created_at)).not.toBeNaN();
    expect((await get(`/api/admin/rooms/?search=${room.code}&state=EXPIRED`)).body.count).toBe(0);
    expect((await get(`/api/admin/rooms/?search=${room.code}&state=LIVE`)).body.count).toBe(1);
    expect((await get('/api/admin/rooms/?state=NOPE')).status).toBe(400);
    socket.close();
  });

  it('[ADMIN-4] close deletes the room like the host: ROOM_DELETED, close 4005, audit entry; twice is 400', async () => {
    const host = await makeUser(server, {}, 'host');
    const room = await makeRoom(server, host);
    const socket = await connect(`${server.wsUrl}/ws/room/${room.code}/?token=${host.token}`);
    await socket.next((f: Json) => f.type === 'PLAYBACK_STATE');
    const res = await http(server, 'POST', `/api/admin/rooms/${room.room_id}/close/`, {}, staff.token);
    expect(res).toMatchObject({ status: 200, body: { state: 'DELETED', is_active: false } });
    expect(await socket.next((f: Json) => f.type === 'ROOM_DELETED')).toEqual({ type: 'ROOM_DELETED' });
    expect(await socket.closed()).toBe(4005);
    const again = await http(server, 'POST', `/api/admin/rooms/${room.room_id}/close/`, {}, staff.token);
    expect(again.status).toBe(400);
    const entries = await auditOf('room.close', room.room_id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: staff.username,
      actor_id: staff.id,
      target_type: 'room',
      detail: { code: room.code, to: 'DELETED' },
    });
  });

  it('[ADMIN-4] expire ends the room as the grace expiry (close 4004); by code too; bad input changes nothing', async () => {
    const host = await makeUser(server, {}, 'host');
    const room = await makeRoom(server, host);
    const socket = await connect(`${server.wsUrl}/ws/room/${room.code}/?token=${host.token}`);
    await socket.next((f: Json) => f.type === 'PLAYBACK_STATE');
    for (const body of [{ mode: 'explode' }, { mode: 5 }, '[1,2', '"expire"', '[]']) {
      const bad = await http(server, 'POST', `/api/admin/rooms/${room.room_id}/close/`, body, staff.token);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect((await http(server, 'POST', '/api/admin/rooms/nope/close/', {}, staff.token)).status).toBe(404);
    const [stillLive] = await server.ctx.database.db
      .select()
      .from(watchRooms)
      .where(eq(watchRooms.id, room.room_id));
    expect(stillLive?.state).toBe('LIVE');
    const res = await http(
      server,
      'POST',
      `/api/admin/rooms/${room.code}/close/`,
      { mode: 'expire' },
      staff.token,
    );
    expect(res).toMatchObject({ status: 200, body: { state: 'EXPIRED' } });
    expect(await socket.closed()).toBe(4004);
    expect(await auditOf('room.expire', room.room_id)).toHaveLength(1);
  });

  it('[ADMIN-5] room messages: listed newest first with search; delete is soft and leaves the history', async () => {
    const host = await makeUser(server, {}, 'host');
    const room = await makeRoom(server, host);
    const first = await roomMessage(server, room.room_id, host, 'hello there');
    await roomMessage(server, room.room_id, host, 'spam spam');
    const list = await get(`/api/admin/rooms/${room.room_id}/messages/`);
    expect(list.body.count).toBe(2);
    expect(list.body.results.map((m: Json) => m.message)).toEqual(['spam spam', 'hello there']);
    expect((await get(`/api/admin/rooms/${room.room_id}/messages/?search=HELLO`)).body.count).toBe(1);
    const url = `/api/admin/rooms/${room.room_id}/messages/${first.id}/`;
    expect((await http(server, 'DELETE', url, undefined, staff.token)).status).toBe(204);
    expect((await http(server, 'DELETE', url, undefined, staff.token)).status).toBe(404);
    const after = await get(`/api/admin/rooms/${room.room_id}/messages/`);
    expect(after.body.results.find((m: Json) => m.id === first.id)).toMatchObject({ is_deleted: true });
    // A new joiner's history no longer has it.
    const socket = await connect(`${server.wsUrl}/ws/room/${room.code}/?token=${host.token}`);
    const history = await socket.next((f: Json) => f.type === 'CHAT_HISTORY');
    expect(JSON.stringify(history)).not.toContain('hello there');
    socket.close();
    expect(await auditOf('message.delete', first.id)).toHaveLength(1);
    expect(
      (await http(server, 'DELETE', `/api/admin/rooms/${room.room_id}/messages/xyz/`, undefined, staff.token))
        .status,
    ).toBe(404);
    expect((await get('/api/admin/rooms/00000000-0000-4000-8000-000000000000/messages/')).status).toBe(404);
  });

  it('[ADMIN-6] room bans are listed and lifted (the member can join again); audit entry', async () => {
    const host = await makeUser(server, {}, 'host');
    const victim = await makeUser(server, {}, 'victim');
    const room = await makeRoom(server, host);
    expect((await http(server, 'POST', '/api/rooms/join/', { code: room.code }, victim.token)).status).toBe(
      200,
    );
    await server.ctx.database.db
      .update(watchParticipants)
      .set({ isBanned: true })
      .where(and(eq(watchParticipants.roomId, room.room_id), eq(watchParticipants.memberId, victim.id)));
    expect((await http(server, 'POST', '/api/rooms/join/', { code: room.code }, victim.token)).status).toBe(
      403,
    );
    const bans = await get(`/api/admin/bans/rooms/?search=${victim.username}`);
    expect(bans.body.count).toBe(1);
    const ban = bans.body.results[0];
    expect(ban).toMatchObject({
      kind: 'room',
      room_code: room.code,
      member_id: victim.id,
      name: victim.username,
    });
    expect(
      (await http(server, 'DELETE', `/api/admin/bans/rooms/${ban.id}/`, undefined, staff.token)).status,
    ).toBe(204);
    expect(
      (await http(server, 'DELETE', `/api/admin/bans/rooms/${ban.id}/`, undefined, staff.token)).status,
    ).toBe(404);
    expect((await get(`/api/admin/bans/rooms/?search=${victim.username}`)).body.count).toBe(0);
    expect((await http(server, 'POST', '/api/rooms/join/', { code: room.code }, victim.token)).status).toBe(
      200,
    );
    expect(await auditOf('ban.lift', ban.id)).toHaveLength(1);
  });

  it('[ADMIN-8] the room event log lists events newest first, by room id or code, searchable by type', async () => {
    const host = await makeUser(server, {}, 'host');
    const room = await makeRoom(server, host);
    const db = server.ctx.database.db;
    const at = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s));
    await db.insert(watchEvents).values([
      { roomId: room.room_id, userId: host.id, type: 'join', data: {}, createdAt: at(1) },
      { roomId: room.room_id, userId: host.id, type: 'play', data: { position: 3 }, createdAt: at(2) },
    ]);
    const byId = await get(`/api/admin/room-events/?room=${room.room_id}`);
    expect(byId.body.count).toBe(2);
    expect(byId.body.results.map((e: Json) => e.type)).toEqual(['play', 'join']);
    expect(byId.body.results[0]).toMatchObject({
      room_code: room.code,
      user_id: host.id,
      data: { position: 3 },
    });
    expect((await get(`/api/admin/room-events/?room=${room.code}&search=pla`)).body.count).toBe(1);
    expect((await get('/api/admin/room-events/?room=ZZZZZZ')).status).toBe(404);
    expect((await get('/api/admin/room-events/?room=%00')).status).toBe(400);
  });
});

describe('pagination and bad input', () => {
  it('[ADMIN-12] lists page by 20 with next/previous links; a page past the end or not a number is 404', async () => {
    const host = await makeUser(server, {}, 'host');
    const tag = unique('Page ');
    for (let i = 0; i < 23; i++) await makeRoom(server, host, `${tag} ${i}`);
    const first = await get(`/api/admin/rooms/?search=${encodeURIComponent(tag)}`);
    expect(first.body.count).toBe(23);
    expect(first.body.results).toHaveLength(20);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toMatch(/\/api\/admin\/rooms\/\?search=.+&page=2$/);
    const second = await get(`/api/admin/rooms/?search=${encodeURIComponent(tag)}&page=2`);
    expect(second.body.results).toHaveLength(3);
    expect(second.body.next).toBeNull();
    expect(second.body.previous).not.toContain('page=');
    expect((await get(`/api/admin/rooms/?search=${encodeURIComponent(tag)}&page=3`)).status).toBe(404);
    for (const page of ['0', '-1', 'abc', '1.5', '99999999999'])
      expect((await get(`/api/admin/rooms/?page=${page}`)).body).toEqual({ detail: 'Invalid page.' });
    expect((await get('/api/admin/rooms/?page=1&page=2')).status).toBe(400);
    expect((await get(`/api/admin/rooms/?search=${'x'.repeat(201)}`)).status).toBe(400);
    expect((await get('/api/admin/rooms/?search=%25_')).status).toBe(200);
  });
});

describe('audit trail', () => {
  it('[ADMIN-11] role changes through PATCH /api/admin/users/<id>/ are recorded; refused ones are not', async () => {
    const target = await makeUser(server);
    expect(
      (await http(server, 'PATCH', `/api/admin/users/${target.id}/`, { is_premium: true }, staff.token))
        .status,
    ).toBe(200);
    expect(
      (await http(server, 'PATCH', `/api/admin/users/${target.id}/`, { is_premium: 'x' }, staff.token))
        .status,
    ).toBe(400);
    expect(
      (await http(server, 'PATCH', `/api/admin/users/${target.id}/`, { is_premium: true }, plain.token))
        .status,
    ).toBe(403);
    const entries = await auditOf('user.update', target.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: staff.username,
      action: 'user.update',
      target_type: 'user',
      target_id: target.id,
      detail: { is_premium: true },
    });
    const page = await get('/api/admin/audit/');
    expect(page.body.count).toBeGreaterThan(0);
    expect(Date.parse(page.body.results[0].created_at)).not.toBeNaN();
  });
});
