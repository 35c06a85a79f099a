/** Admin API rules ADMIN-5..ADMIN-11 over lobbies, poll sessions and runs: docs/spec/admin.md. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import { http, makeLobby, makeUser, unique, type Json, type TestUser } from './admin-support.js';

let server: TestServer;
let staff: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  staff = await makeUser(server, { staff: true }, 'staff');
});
afterAll(async () => server?.close());

const get = (url: string, token = staff.token) => http(server, 'GET', url, undefined, token);
const auditOf = async (action: string, targetId: string | number) =>
  (await get(`/api/admin/audit/?action=${action}&search=${encodeURIComponent(String(targetId))}`)).body
    .results as Json[];

async function openLobby(lobbyId: number, user: TestUser) {
  const socket = await connect(`${server.wsUrl}/ws/lobbies/${lobbyId}/?token=${user.token}`);
  await socket.next((f: Json) => f.type === 'presence_list');
  return socket;
}

describe('lobbies', () => {
  it('[ADMIN-7] every lobby (private too) is listed with owner and members; search and status filter', async () => {
    const owner = await makeUser(server, { premium: true }, 'owner');
    const name = unique('Secret ');
    const lobby = await makeLobby(server, owner, name);
    expect(
      (await http(server, 'PATCH', `/api/lobbies/${lobby.id}/`, { is_public: false }, owner.token)).status,
    ).toBe(200);
    const list = await get(`/api/admin/lobbies/?search=${encodeURIComponent(name)}`);
    expect(list.body.count).toBe(1);
    expect(list.body.results[0]).toMatchObject({
      id: lobby.id,
      name,
      owner: owner.username,
      owner_id: owner.id,
      status: 'open',
      is_public: false,
      members: 1,
    });
    expect((await get(`/api/admin/lobbies/?search=${owner.username}`)).body.count).toBe(1);
    expect((await get(`/api/admin/lobbies/?search=${owner.username}&status=closed`)).body.count).toBe(0);
    expect((await get('/api/admin/lobbies/?status=weird')).status).toBe(400);
  });

  it('[ADMIN-7] status change: logged in the lobby audit log, pushed to sockets, audit entry; bad input 400', async () => {
    const owner = await makeUser(server, { premium: true }, 'owner');
    const lobby = await makeLobby(server, owner);
    const socket = await openLobby(lobby.id, owner);
    for (const body of [{}, { status: 'gone' }, { status: 1 }, '{', '[]']) {
      const bad = await http(server, 'PATCH', `/api/admin/lobbies/${lobby.id}/`, body, staff.token);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await http(server, 'PATCH', '/api/admin/lobbies/abc/', { status: 'closed' }, staff.token)).status,
    ).toBe(404);
    const res = await http(
      server,
      'PATCH',
      `/api/admin/lobbies/${lobby.id}/`,
      { status: 'closed' },
      staff.token,
    );
    expect(res).toMatchObject({ status: 200, body: { id: lobby.id, status: 'closed' } });
    expect(await socket.next((f: Json) => f.type === 'system_status')).toMatchObject({ status: 'closed' });
    socket.close();
    const events = await get(`/api/admin/lobby-events/?lobby=${lobby.id}`);
    expect(events.body.results[0]).toMatchObject({
      event_type: 'status_change',
      actor: staff.username,
      metadata: { status: 'closed', by_staff: true },
    });
    // The owner's own audit log shows it too.
    const own = await http(server, 'GET', `/api/lobbies/${lobby.id}/events/`, undefined, owner.token);
    expect(own.body.results[0]).toMatchObject({ event_type: 'status_change' });
    const entries = await auditOf('lobby.status', lobby.id);
    expect(entries[0]).toMatchObject({ target_type: 'lobby', detail: { from: 'open', to: 'closed' } });
    // Same status again: no change, no new entries.
    await http(server, 'PATCH', `/api/admin/lobbies/${lobby.id}/`, { status: 'closed' }, staff.token);
    expect(await auditOf('lobby.status', lobby.id)).toHaveLength(1);
  });

  it('[ADMIN-5] lobby messages: listed with deleted flag; delete is soft and sockets get message_deleted', async () => {
    const owner = await makeUser(server, { premium: true }, 'owner');
    const lobby = await makeLobby(server, owner);
    const sent = await http(
      server,
      'POST',
      `/api/lobbies/${lobby.id}/messages/`,
      { content: 'rude words' },
      owner.token,
    );
    expect(sent.status).toBe(201);
    const socket = await openLobby(lobby.id, owner);
    const list = await get(`/api/admin/lobbies/${lobby.id}/messages/?search=rude`);
    expect(list.body.count).toBe(1);
    const message = list.body.results[0];
    expect(message).toMatchObject({ message: 'rude words', user_name: owner.username, is_deleted: false });
    const url = `/api/admin/lobbies/${lobby.id}/messages/${message.id}/`;
    expect((await http(server, 'DELETE', url, undefined, staff.token)).status).toBe(204);
    expect(await socket.next((f: Json) => f.type === 'message_deleted')).toMatchObject({
      message_id: message.id,
    });
    socket.close();
    expect((await http(server, 'DELETE', url, undefined, staff.token)).status).toBe(404);
    expect((await get(`/api/admin/lobbies/${lobby.id}/messages/`)).body.results[0].is_deleted).toBe(true);
    const visible = await http(server, 'GET', `/api/lobbies/${lobby.id}/messages/`, undefined, owner.token);
    expect(visible.body.count).toBe(0);
    expect(await auditOf('message.delete', message.id)).toHaveLength(1);
  });

  it('[ADMIN-6] lobby bans are listed and lifted: logged as unban, the user may join again', async () => {
    const owner = await makeUser(server, { premium: true }, 'owner');
    const victim = await makeUser(server, {}, 'victim');
    const lobby = await makeLobby(server, owner);
    expect(
      (await http(server, 'POST', `/api/lobbies/${lobby.id}/join/`, undefined, victim.token)).status,
    ).toBe(200);
    const banned = await http(
      server,
      'POST',
      `/api/lobbies/${lobby.id}/ban/`,
      { user_id: victim.id, reason: 'flooding' },
      owner.token,
    );
    expect(banned.status).toBe(200);
    const bans = await get(`/api/admin/bans/lobbies/?search=${victim.username}`);
    expect(bans.body.count).toBe(1);
    const ban = bans.body.results[0];
    expect(ban).toMatchObject({
      kind: 'lobby',
      lobby_id: lobby.id,
      user_id: victim.id,
      username: victim.username,
      reason: 'flooding',
      banned_by: owner.username,
    });
    expect((await get('/api/admin/bans/lobbies/?search=flooding')).body.count).toBeGreaterThanOrEqual(1);
    expect(
      (await http(server, 'DELETE', `/api/admin/bans/lobbies/${ban.id}/`, undefined, staff.token)).status,
    ).toBe(204);
    expect(
      (await http(server, 'DELETE', `/api/admin/bans/lobbies/${ban.id}/`, undefined, staff.token)).status,
    ).toBe(404);
    expect((await http(server, 'DELETE', '/api/admin/bans/lobbies/x1/', undefined, staff.token)).status).toBe(
      404,
    );
    expect(
      (await http(server, 'POST', `/api/lobbies/${lobby.id}/join/`, undefined, victim.token)).status,
    ).toBe(200);
    const events = await get(`/api/admin/lobby-events/?lobby=${lobby.id}&search=unban`);
    expect(events.body.results[0]).toMatchObject({
      event_type: 'unban',
      actor: staff.username,
      target: victim.username,
    });
    expect(await auditOf('ban.lift', ban.id)).toHaveLength(1);
  });

  it('[ADMIN-8] the lobby audit log spans lobbies, newest first; bad lobby filter is 400', async () => {
    const all = await get('/api/admin/lobby-events/');
    expect(all.status).toBe(200);
    expect(all.body.count).toBeGreaterThan(0);
    const times = all.body.results.map((e: Json) => Date.parse(e.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await get('/api/admin/lobby-events/?lobby=abc')).status).toBe(400);
    expect((await get('/api/admin/lobby-events/?lobby=999999999')).body.count).toBe(0);
  });
});

describe('poll sessions', () => {
  it('[ADMIN-9] sessions are listed with owner and counts, deleted with their links; audit entry', async () => {
    const owner = await makeUser(server, {}, 'pollster');
    const created = await http(server, 'POST', '/api/polls/create_session/', {}, owner.token);
    expect(created.status).toBe(201);
    const list = await get(`/api/admin/polls/?search=${owner.username}`);
    expect(list.body.count).toBe(1);
    const session = list.body.results[0];
    expect(session).toMatchObject({ owner: owner.username, owner_id: owner.id, questions: 0, ballots: 0 });
    expect((await get(`/api/admin/polls/?search=${session.id}`)).body.count).toBe(1);
    const moderatorToken = String(created.body.moderator_url).split('/').filter(Boolean).at(-1);
    expect(
      (await http(server, 'DELETE', `/api/admin/polls/${session.id}/`, undefined, staff.token)).status,
    ).toBe(204);
    expect(
      (await http(server, 'DELETE', `/api/admin/polls/${session.id}/`, undefined, staff.token)).status,
    ).toBe(404);
    expect((await http(server, 'DELETE', '/api/admin/polls/%00bad/', undefined, staff.token)).status).toBe(
      404,
    );
    expect((await get(`/api/admin/polls/?search=${owner.username}`)).body.count).toBe(0);
    expect((await get(`/api/polls/m/${moderatorToken}/`)).status).toBe(404);
    expect(await auditOf('poll_session.delete', session.id)).toHaveLength(1);
  });
});

describe('runs', () => {
  it('[ADMIN-10] runs are listed with owner, game, mode and finished; search and filters', async () => {
    const owner = await makeUser(server, {}, 'runner');
    const gameName = unique('Game');
    const game = await http(server, 'POST', '/api/games/', { name: gameName }, owner.token);
    expect(game.status).toBe(201);
    for (const [name, mode, done] of [
      ['Any%', 'SPEEDRUN', true],
      ['Wipes', 'WIPECOUNTER', false],
    ] as const) {
      const run = await http(
        server,
        'POST',
        '/api/runs/',
        { name, game: game.body.id, mode, is_finished: done },
        owner.token,
      );
      expect(run.status).toBe(201);
    }
    const list = await get(`/api/admin/runs/?search=${owner.username}`);
    expect(list.body.count).toBe(2);
    expect(list.body.results.map((r: Json) => r.name)).toEqual(['Wipes', 'Any%']);
    expect(list.body.results[1]).toMatchObject({
      owner: owner.username,
      game: gameName,
      mode: 'SPEEDRUN',
      is_finished: true,
    });
    expect((await get(`/api/admin/runs/?search=${gameName}&mode=SPEEDRUN`)).body.count).toBe(1);
    expect((await get(`/api/admin/runs/?search=${gameName}&finished=false`)).body.results[0].name).toBe(
      'Wipes',
    );
    expect((await get('/api/admin/runs/?finished=maybe')).status).toBe(400);
    expect((await get('/api/admin/runs/?mode=RACE')).status).toBe(400);
  });
});
