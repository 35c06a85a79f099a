/**
 * Lobbies on real services: [LOBBY-7] capacity under concurrent joins on PostgreSQL (a pool of
 * connections, so joins really run at once), [LOBBY-30] seed-demo (PGlite), and [LOBBY-28] two
 * server processes on one Redis and PostgreSQL sharing presence, chat and REST moderation pushes.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTask } from '../../src/features/admin/tasks.js';
import { buildConfig } from '../../src/server/config.js';
import { lobbies, lobbyBans, lobbyMemberships, users } from '../../src/storage/schema/index.js';
import { postgresTestDatabase } from '../helpers/database.js';
import { startServerPair, type ServerPair } from '../helpers/server-processes.js';
import { postgresUrl, redisUrl } from '../helpers/services.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import { byType, http, makeLobby, makeUser, type Json } from './lobbies-support.js';

describe('seed-demo', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ listen: false });
  });
  afterAll(async () => server?.close());

  it('[LOBBY-30] creates the demo users, three lobbies, members, messages and the ban of user_5; --clear redoes it', async () => {
    const deps = { database: server.ctx.database, config: buildConfig({}) };
    expect(await runTask('seed-demo', deps, {})).toContain('Lobbies demo');
    const db = server.ctx.database.db;
    const rows = await db
      .select()
      .from(lobbies)
      .where(inArray(lobbies.name, ['Gaming Lounge', 'VIP Room', 'General Chat']));
    expect(rows.map((l) => [l.name, l.isPublic, l.status, l.maxParticipants]).sort()).toEqual([
      ['Gaming Lounge', true, 'open', 8],
      ['General Chat', true, 'in_game', 12],
      ['VIP Room', false, 'open', 4],
    ]);
    const lounge = rows.find((l) => l.name === 'Gaming Lounge')!;
    const [user5] = await db.select().from(users).where(eq(users.username, 'user_5'));
    const bans = await db.select().from(lobbyBans).where(eq(lobbyBans.lobbyId, lounge.id));
    expect(bans).toEqual([expect.objectContaining({ userId: user5!.id, reason: 'Inappropriate behavior' })]);
    for (const lobby of rows) {
      const members = await db.select().from(lobbyMemberships).where(eq(lobbyMemberships.lobbyId, lobby.id));
      expect(members.length).toBeGreaterThanOrEqual(3);
      expect(members.length).toBeLessThanOrEqual(Math.min(5, lobby.maxParticipants));
    }
    // The demo users log in with testpass123; premium_user_1 sees its lobby's messages.
    const login = await http(server, 'POST', '/api/auth/login/', {
      username: 'premium_user_1',
      password: 'testpass123',
    });
    expect(login.status).toBe(200);
    const msgs = await http(
      server,
      'GET',
      `/api/lobbies/${lounge.id}/messages/`,
      undefined,
      login.body.access,
    );
    expect(msgs.body.count).toBeGreaterThanOrEqual(10);
    expect(msgs.body.count).toBeLessThanOrEqual(15);
    expect(await runTask('seed-demo', deps, {})).toContain('Lobbies demo exists');
    await runTask('seed-demo', deps, { clear: true });
    const after = await db
      .select()
      .from(lobbies)
      .where(inArray(lobbies.name, ['Gaming Lounge', 'VIP Room', 'General Chat']));
    expect(after).toHaveLength(3);
    expect(after.some((l) => l.id === lounge.id)).toBe(false);
  }, 30_000);
});

describe.skipIf(!postgresUrl)('capacity on PostgreSQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ listen: false, database: await postgresTestDatabase() });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await server?.ctx.database.close();
  });

  it('[LOBBY-7] 30 concurrent joins to a lobby of 5 make exactly 4 members', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner, { max_participants: 5 });
    const joiners = await Promise.all(Array.from({ length: 30 }, () => makeUser(server)));
    const results = await Promise.all(
      joiners.map((u) => http(server, 'POST', `/api/lobbies/${lobby.id}/join/`, undefined, u.token)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(4);
    expect(results.filter((r) => r.status === 400).every((r) => r.body.error === 'Lobby is full')).toBe(true);
    const detail = await http(server, 'GET', `/api/lobbies/${lobby.id}/`, undefined, owner.token);
    expect(detail.body).toMatchObject({ current_participants_count: 5, is_full: true });
  }, 30_000);
});

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

describe.skipIf(!postgresUrl || !redisUrl)('lobbies on two processes', () => {
  let pair: ServerPair;
  beforeAll(async () => {
    pair = await startServerPair();
  }, 120_000);
  afterAll(async () => pair?.close());

  async function account(base: string, name: string) {
    const password = 'Quartz-Lantern-42';
    await call(base, 'POST', '/api/auth/register/', {
      username: name,
      email: `${name}@example.com`,
      password,
      password_confirm: password,
    });
    const login = await call(base, 'POST', '/api/auth/login/', { username: name, password });
    return { id: String(login.body.id), username: name, token: String(login.body.access) };
  }

  it('[LOBBY-28] presence, chat, typing and REST kick cross processes; capacity holds across them', async () => {
    const { a, b } = pair;
    const suffix = Math.random().toString(36).slice(2, 8);
    const owner = await account(a.http, `own${suffix}`);
    const guest = await account(b.http, `gst${suffix}`);
    // No staff account here: the owner becomes premium straight in the shared database.
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: pair.env.DATABASE_URL });
    await client.connect();
    await client.query('update users set is_premium = true where id = $1', [owner.id]);
    const lobby = (
      await call(a.http, 'POST', '/api/lobbies/', { name: 'Cross', max_participants: 3 }, owner.token)
    ).body;
    expect(
      (await call(b.http, 'POST', `/api/lobbies/${lobby.id}/join/`, undefined, guest.token)).status,
    ).toBe(200);

    const oa = await connect(`${a.ws}/ws/lobbies/${lobby.id}/?token=${owner.token}`);
    await oa.next(byType('presence_list'));
    const gb = await connect(`${b.ws}/ws/lobbies/${lobby.id}/?token=${guest.token}`);
    const list = await gb.next(byType('presence_list'));
    expect(list.users.map((u: Json) => u.username).sort()).toEqual([guest.username, owner.username].sort());
    expect(await oa.next(byType('presence_join'))).toMatchObject({ user_id: guest.id });

    gb.send({ type: 'chat_message', message: 'hello from B' });
    expect(await oa.next(byType('chat_message'))).toMatchObject({
      message: { content: 'hello from B', sender: { id: guest.id } },
    });
    gb.send({ type: 'typing_start' });
    expect(await oa.next(byType('typing_start'))).toEqual({
      type: 'typing_start',
      user_id: guest.id,
      username: guest.username,
    });

    await call(
      a.http,
      'POST',
      `/api/lobbies/${lobby.id}/kick/`,
      { user_id: guest.id, reason: 'bye' },
      owner.token,
    );
    expect(await gb.next(byType('moderation_kick'))).toEqual({
      type: 'moderation_kick',
      reason: 'bye',
      message: 'You have been kicked from the lobby',
    });
    expect(await gb.closed()).toBe(4003);
    expect(await oa.next(byType('presence_leave'))).toMatchObject({ user_id: guest.id });

    // Concurrent joins split over both processes never pass max_participants (3: owner + 2).
    const joiners = await Promise.all(
      Array.from({ length: 8 }, (_, i) => account(i % 2 ? a.http : b.http, `j${i}${suffix}`)),
    );
    const joins = await Promise.all(
      joiners.map((u, i) =>
        call(i % 2 ? b.http : a.http, 'POST', `/api/lobbies/${lobby.id}/join/`, undefined, u.token),
      ),
    );
    expect(joins.filter((r) => r.status === 200)).toHaveLength(2);
    const count = await client.query('select count(*)::int as n from lobby_memberships where lobby_id = $1', [
      lobby.id,
    ]);
    expect(count.rows[0].n).toBe(3);
    await client.end();
    oa.close();
  }, 60_000);
});
