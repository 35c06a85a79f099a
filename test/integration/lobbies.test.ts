/** Lobbies REST: every rule of docs/spec/lobbies.md (LOBBY-1..18) with the seed's exact answers. */
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

describe('lobby rules', () => {
  it('[LOBBY-1] every lobby route needs a token (401)', async () => {
    expect((await api('GET', '/api/lobbies/')).status).toBe(401);
    expect((await api('POST', '/api/lobbies/', { name: 'abc' })).status).toBe(401);
    expect((await api('POST', '/api/lobbies/1/join/')).status).toBe(401);
  });

  it('[LOBBY-2] list items, newest first, 20 per page with next/previous, search by owner, status filter, bad page', async () => {
    const owner = await makeUser(server, true, 'own');
    const tag = unique('pg');
    for (let i = 0; i < 22; i += 1) await makeLobby(server, owner, { name: `${tag} n${i}` });
    const first = await api('GET', `/api/lobbies/?search=${tag}`, undefined, owner);
    expect(first.body.count).toBe(22);
    expect(first.body.results).toHaveLength(20);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toContain('page=2');
    expect(first.body.results[0]).toEqual({
      id: expect.any(Number),
      name: `${tag} n21`,
      owner: { id: owner.id, username: owner.username, is_premium: true },
      is_public: true,
      status: 'open',
      max_participants: 8,
      current_participants_count: 1,
      is_full: false,
      created_at: expect.any(String),
    });
    const second = await api('GET', `/api/lobbies/?search=${tag}&page=2`, undefined, owner);
    expect(second.body.results.map((l: Json) => l.name)).toEqual([`${tag} n1`, `${tag} n0`]);
    expect(second.body.next).toBeNull();
    expect(second.body.previous).not.toContain('page=');
    expect((await api('GET', `/api/lobbies/?search=${tag}&page=3`, undefined, owner)).body).toEqual({
      detail: 'Invalid page.',
    });
    expect((await api('GET', `/api/lobbies/?page=abc`, undefined, owner)).status).toBe(404);
    const byOwner = await api(
      'GET',
      `/api/lobbies/?search=${owner.username.toUpperCase()}`,
      undefined,
      owner,
    );
    expect(byOwner.body.count).toBe(22);
    const one = first.body.results[0];
    await api('POST', `/api/lobbies/${one.id}/start/`, undefined, owner);
    const inGame = await api('GET', `/api/lobbies/?search=${tag}&status=in_game`, undefined, owner);
    expect(inGame.body.results.map((l: Json) => l.id)).toEqual([one.id]);
    // LIKE wildcards are literal.
    expect((await api('GET', `/api/lobbies/?search=${tag}%25n1`, undefined, owner)).body.count).toBe(0);
  });

  it('[LOBBY-2] private lobbies are listed to their members only', async () => {
    const owner = await makeUser(server, true);
    const tag = unique('priv');
    const lobby = await makeLobby(server, owner, { name: `${tag} secret`, is_public: false });
    const outsider = await makeUser(server);
    expect((await api('GET', `/api/lobbies/?search=${tag}`, undefined, outsider)).body.count).toBe(0);
    await joinAs(server, lobby.id, outsider);
    expect((await api('GET', `/api/lobbies/?search=${tag}`, undefined, outsider)).body.count).toBe(1);
  });

  it('[LOBBY-3] create validation: name >= 3 after trimming, <= 100, max 2..50; nothing stored on error', async () => {
    const owner = await makeUser(server, true);
    const cases: [Json, Json][] = [
      [{}, { name: ['This field is required.'] }],
      [{ name: '  ab  ' }, { name: ['Lobby name must be at least 3 characters long'] }],
      [{ name: 'x'.repeat(101) }, { name: ['Ensure this field has no more than 100 characters.'] }],
      [
        { name: 'Fine', max_participants: 1 },
        { max_participants: ['Max participants must be between 2 and 50'] },
      ],
      [
        { name: 'Fine', max_participants: 51 },
        { max_participants: ['Max participants must be between 2 and 50'] },
      ],
      [{ name: 'Fine', max_participants: 'many' }, { max_participants: ['A valid integer is required.'] }],
      [{ name: 'Fine', is_public: 'perhaps' }, { is_public: ['Must be a valid boolean.'] }],
      [{ name: 42 }, { name: ['Not a valid string.'] }],
    ];
    for (const [body, errors] of cases) {
      const res = await api('POST', '/api/lobbies/', body, owner);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(errors);
    }
    const list = await api('GET', `/api/lobbies/?search=${owner.username}`, undefined, owner);
    expect(list.body.count).toBe(0);
    const trimmed = await makeLobby(server, owner, { name: '  Spaced  ', max_participants: '12' });
    expect(trimmed).toMatchObject({ name: 'Spaced', max_participants: 12, id: expect.any(Number) });
  });

  it('[LOBBY-4] detail: list fields, memberships, recent messages (not deleted, newest first), updated_at; 404s', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const m1 = await api('POST', `/api/lobbies/${lobby.id}/messages/`, { content: 'first' }, owner);
    await api('POST', `/api/lobbies/${lobby.id}/messages/`, { content: 'second' }, owner);
    await api('DELETE', `/api/lobbies/${lobby.id}/messages/${m1.body.id}/`, undefined, owner);
    const detail = await api('GET', `/api/lobbies/${lobby.id}/`, undefined, owner);
    expect(Object.keys(detail.body).sort()).toEqual(
      [
        'created_at',
        'current_participants_count',
        'id',
        'is_full',
        'is_public',
        'max_participants',
        'memberships',
        'name',
        'owner',
        'recent_messages',
        'status',
        'updated_at',
      ].sort(),
    );
    expect(detail.body.recent_messages.map((m: Json) => m.content)).toEqual(['second']);
    expect(detail.body.memberships[0]).toEqual({
      user: { id: owner.id, username: owner.username, is_premium: true },
      role: 'owner',
      joined_at: expect.any(String),
    });
    for (const bad of ['999999999', 'abc', '-1', '99999999999'])
      expect((await api('GET', `/api/lobbies/${bad}/`, undefined, owner)).status).toBe(404);
  });

  it('[LOBBY-5] update and delete: owner only; PUT needs the name; status change logged; capacity floor', async () => {
    const owner = await makeUser(server, true);
    const other = await makeUser(server);
    const lobby = await makeLobby(server, owner);
    await joinAs(server, lobby.id, other);
    expect(await api('PATCH', `/api/lobbies/${lobby.id}/`, { name: 'Mine now' }, other)).toMatchObject({
      status: 403,
      body: FORBIDDEN,
    });
    expect((await api('DELETE', `/api/lobbies/${lobby.id}/`, undefined, other)).status).toBe(403);
    const put = await api('PUT', `/api/lobbies/${lobby.id}/`, { status: 'closed' }, owner);
    expect(put).toMatchObject({ status: 400, body: { name: ['This field is required.'] } });
    const bad = await api('PATCH', `/api/lobbies/${lobby.id}/`, { status: 'paused' }, owner);
    expect(bad.body).toEqual({ status: ['"paused" is not a valid choice.'] });
    expect((await api('PATCH', `/api/lobbies/${lobby.id}/`, { max_participants: 2 }, owner)).status).toBe(
      200,
    );
    const floor = await api('PATCH', `/api/lobbies/${lobby.id}/`, { max_participants: 2 }, owner);
    expect(floor.status).toBe(200);
    const ok = await api(
      'PATCH',
      `/api/lobbies/${lobby.id}/`,
      { name: ' Renamed ', status: 'in_game' },
      owner,
    );
    expect(ok.body).toMatchObject({ name: 'Renamed', status: 'in_game', max_participants: 2 });
    const events = await api('GET', `/api/lobbies/${lobby.id}/events/`, undefined, owner);
    expect(events.body.results[0]).toMatchObject({
      event_type: 'status_change',
      metadata: { status: 'in_game' },
    });
    const tooSmall = await makeLobby(server, owner, { max_participants: 5 });
    for (let i = 0; i < 2; i += 1) await joinAs(server, tooSmall.id, await makeUser(server));
    const below = await api('PATCH', `/api/lobbies/${tooSmall.id}/`, { max_participants: 2 }, owner);
    expect(below).toEqual({
      status: 400,
      body: { error: 'Max participants cannot be below the current 3 participants' },
    });
    expect((await api('DELETE', `/api/lobbies/${lobby.id}/`, undefined, owner)).status).toBe(204);
    expect((await api('GET', `/api/lobbies/${lobby.id}/`, undefined, owner)).status).toBe(404);
  });

  it('[LOBBY-6] join refusals in the seed order: not open, full, banned, already in lobby', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner, { max_participants: 2 });
    const a = await makeUser(server);
    expect((await joinAs(server, lobby.id, owner)).body).toEqual({ error: 'Already in lobby' });
    await joinAs(server, lobby.id, a);
    // Full wins over "already in lobby" and over banned, as can_join checks it first.
    expect((await joinAs(server, lobby.id, a)).body).toEqual({ error: 'Lobby is full' });
    await api('POST', `/api/lobbies/${lobby.id}/close/`, undefined, owner);
    expect((await joinAs(server, lobby.id, await makeUser(server))).body).toEqual({
      error: 'Lobby is not open',
    });
    expect((await api('POST', '/api/lobbies/424242424/join/', undefined, a)).status).toBe(404);
  });

  it('[LOBBY-8] leave: owner refused, non-member refused, member leaves', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const user = await makeUser(server);
    expect((await api('POST', `/api/lobbies/${lobby.id}/leave/`, undefined, owner)).body).toEqual({
      error: 'Owner cannot leave lobby. Transfer ownership first.',
    });
    expect((await api('POST', `/api/lobbies/${lobby.id}/leave/`, undefined, user)).body).toEqual({
      error: 'Not in lobby',
    });
    await joinAs(server, lobby.id, user);
    expect(await api('POST', `/api/lobbies/${lobby.id}/leave/`, undefined, user)).toEqual({
      status: 200,
      body: { message: 'Left lobby successfully' },
    });
  });

  it('[LOBBY-9] start and close: owner only, with the seed messages', async () => {
    const owner = await makeUser(server, true);
    const user = await makeUser(server);
    const lobby = await makeLobby(server, owner);
    await joinAs(server, lobby.id, user);
    expect((await api('POST', `/api/lobbies/${lobby.id}/start/`, undefined, user)).status).toBe(403);
    expect((await api('POST', `/api/lobbies/${lobby.id}/start/`, undefined, owner)).body).toEqual({
      message: 'Game started',
    });
    expect((await api('GET', `/api/lobbies/${lobby.id}/`, undefined, user)).body.status).toBe('in_game');
    expect((await api('POST', `/api/lobbies/${lobby.id}/close/`, undefined, user)).status).toBe(403);
    expect((await api('POST', `/api/lobbies/${lobby.id}/close/`, undefined, owner)).body).toEqual({
      message: 'Lobby closed',
    });
  });

  it('[LOBBY-10] kick: permissions, field errors, owner and non-member refusals, moderators kick moderators', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const [mod, mod2, member] = [await makeUser(server), await makeUser(server), await makeUser(server)];
    for (const u of [mod, mod2, member]) await joinAs(server, lobby.id, u);
    const url = `/api/lobbies/${lobby.id}/kick/`;
    expect((await api('POST', url, { user_id: mod.id }, member)).status).toBe(403);
    await api('POST', `/api/lobbies/${lobby.id}/add_moderator/`, { user_id: mod.id }, owner);
    await api('POST', `/api/lobbies/${lobby.id}/add_moderator/`, { user_id: mod2.id }, owner);
    expect((await api('POST', url, {}, mod)).body).toEqual({ user_id: ['This field is required.'] });
    expect((await api('POST', url, { user_id: 'abc' }, mod)).body).toEqual({
      user_id: ['Must be a valid UUID.'],
    });
    expect((await api('POST', url, { user_id: '00000000-0000-4000-8000-000000000000' }, mod)).body).toEqual({
      user_id: ['User not found'],
    });
    expect((await api('POST', url, { user_id: member.id, reason: 'x'.repeat(501) }, mod)).body).toEqual({
      reason: ['Ensure this field has no more than 500 characters.'],
    });
    expect((await api('POST', url, { user_id: owner.id }, mod)).body).toEqual({
      error: 'Cannot kick lobby owner',
    });
    expect((await api('POST', url, { user_id: (await makeUser(server)).id }, mod)).body).toEqual({
      error: 'User not in lobby',
    });
    expect((await api('POST', url, { user_id: mod2.id }, mod)).status).toBe(200);
    const events = await api('GET', `/api/lobbies/${lobby.id}/events/`, undefined, owner);
    expect(events.body.results[0]).toMatchObject({
      event_type: 'kick',
      actor: { id: mod.id },
      target: { id: mod2.id, username: mod2.username },
      metadata: { reason: '' },
    });
  });

  it('[LOBBY-11] ban: removes the membership, refuses the owner and a second ban; [LOBBY-12] unban', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const user = await makeUser(server);
    await joinAs(server, lobby.id, user);
    const url = `/api/lobbies/${lobby.id}/ban/`;
    expect((await api('POST', url, { user_id: owner.id }, owner)).body).toEqual({
      error: 'Cannot ban lobby owner',
    });
    expect(await api('POST', url, { user_id: user.id, reason: 'Repeated violations' }, owner)).toEqual({
      status: 200,
      body: { message: `User ${user.username} banned successfully` },
    });
    expect((await api('POST', url, { user_id: user.id }, owner)).body).toEqual({
      error: 'User already banned',
    });
    const detail = await api('GET', `/api/lobbies/${lobby.id}/`, undefined, owner);
    expect(detail.body.current_participants_count).toBe(1);
    const unban = `/api/lobbies/${lobby.id}/unban/`;
    expect((await api('POST', unban, { user_id: user.id }, user)).status).toBe(403);
    expect(await api('POST', unban, { user_id: user.id }, owner)).toEqual({
      status: 200,
      body: { message: `User ${user.username} unbanned successfully` },
    });
    expect((await api('POST', unban, { user_id: user.id }, owner)).body).toEqual({
      error: 'User not banned',
    });
    expect((await joinAs(server, lobby.id, user)).status).toBe(200);
    const types = (await api('GET', `/api/lobbies/${lobby.id}/events/`, undefined, owner)).body.results.map(
      (e: Json) => e.event_type,
    );
    expect(types.slice(0, 3)).toEqual(['status_change', 'unban', 'ban']);
  });

  it('[LOBBY-13] add and remove moderators', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const user = await makeUser(server);
    const add = `/api/lobbies/${lobby.id}/add_moderator/`;
    const remove = `/api/lobbies/${lobby.id}/remove_moderator/`;
    expect((await api('POST', add, { user_id: user.id }, owner)).body).toEqual({
      error: 'User not in lobby',
    });
    await joinAs(server, lobby.id, user);
    expect((await api('POST', add, { user_id: owner.id }, owner)).body).toEqual({
      error: 'Owner is already a moderator',
    });
    expect((await api('POST', remove, { user_id: user.id }, owner)).body).toEqual({
      error: 'User is not a moderator',
    });
    expect((await api('POST', add, { user_id: user.id }, user)).status).toBe(403);
    expect((await api('POST', add, { user_id: user.id }, owner)).body).toEqual({
      message: `User ${user.username} promoted to moderator`,
    });
    expect((await api('POST', remove, { user_id: user.id }, owner)).body).toEqual({
      message: `User ${user.username} demoted from moderator`,
    });
    const types = (await api('GET', `/api/lobbies/${lobby.id}/events/`, undefined, owner)).body.results.map(
      (e: Json) => e.event_type,
    );
    expect(types.slice(0, 2)).toEqual(['mod_remove', 'mod_add']);
  });

  it('[LOBBY-14] transfer ownership swaps the roles; the old owner may then leave', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const user = await makeUser(server);
    const url = `/api/lobbies/${lobby.id}/transfer_ownership/`;
    expect((await api('POST', url, { user_id: user.id }, owner)).body).toEqual({
      error: 'User not in lobby',
    });
    await joinAs(server, lobby.id, user);
    expect((await api('POST', url, { user_id: owner.id }, user)).status).toBe(403);
    expect((await api('POST', url, { user_id: owner.id }, owner)).body).toEqual({
      error: 'User is already the owner',
    });
    expect((await api('POST', url, { user_id: user.id }, owner)).body).toEqual({
      message: `Ownership transferred to ${user.username}`,
    });
    const detail = await api('GET', `/api/lobbies/${lobby.id}/`, undefined, owner);
    expect(detail.body.owner.id).toBe(user.id);
    const roles = Object.fromEntries(detail.body.memberships.map((m: Json) => [m.user.id, m.role]));
    expect(roles).toEqual({ [owner.id]: 'member', [user.id]: 'owner' });
    expect((await api('POST', `/api/lobbies/${lobby.id}/start/`, undefined, owner)).status).toBe(403);
    expect((await api('POST', `/api/lobbies/${lobby.id}/leave/`, undefined, owner)).status).toBe(200);
    expect(
      (await api('GET', `/api/lobbies/${lobby.id}/events/`, undefined, user)).body.results.some(
        (e: Json) => e.event_type === 'transfer',
      ),
    ).toBe(true);
  });

  it('[LOBBY-15] messages of private lobbies are for members; public ones are readable by anyone signed in', async () => {
    const owner = await makeUser(server, true);
    const outsider = await makeUser(server);
    const priv = await makeLobby(server, owner, { is_public: false });
    await api('POST', `/api/lobbies/${priv.id}/messages/`, { content: 'secret' }, owner);
    expect((await api('GET', `/api/lobbies/${priv.id}/messages/`, undefined, outsider)).status).toBe(403);
    expect((await api('GET', `/api/lobbies/${priv.id}/`, undefined, outsider)).body.recent_messages).toEqual(
      [],
    );
    const pub = await makeLobby(server, owner);
    await api('POST', `/api/lobbies/${pub.id}/messages/`, { content: 'hello' }, owner);
    expect((await api('GET', `/api/lobbies/${pub.id}/messages/`, undefined, outsider)).body.count).toBe(1);
  });

  it('[LOBBY-16] send: validation, 403 for non-members (SPEC fix), trimmed, nothing stored on error', async () => {
    const owner = await makeUser(server, true);
    const outsider = await makeUser(server);
    const lobby = await makeLobby(server, owner);
    const url = `/api/lobbies/${lobby.id}/messages/`;
    expect((await api('POST', url, {}, owner)).body).toEqual({ content: ['This field is required.'] });
    expect((await api('POST', url, { content: '   ' }, owner)).body).toEqual({
      content: ['Message cannot be empty'],
    });
    expect((await api('POST', url, { content: 'x'.repeat(2001) }, owner)).body).toEqual({
      content: ['Ensure this field has no more than 2000 characters.'],
    });
    expect(await api('POST', url, { content: 'ok' }, outsider)).toEqual({
      status: 403,
      body: { detail: 'Must be lobby member to send messages' },
    });
    expect((await api('POST', url, { content: `  ${'y'.repeat(2000)}  ` }, owner)).status).toBe(201);
    expect((await api('GET', url, undefined, owner)).body.count).toBe(1);
  });

  it('[LOBBY-17] edit and soft delete: sender or owner/moderator; deleted messages 404', async () => {
    const owner = await makeUser(server, true);
    const [author, other] = [await makeUser(server), await makeUser(server)];
    const lobby = await makeLobby(server, owner);
    await joinAs(server, lobby.id, author);
    await joinAs(server, lobby.id, other);
    const msg = (await api('POST', `/api/lobbies/${lobby.id}/messages/`, { content: 'draft' }, author)).body;
    const url = `/api/lobbies/${lobby.id}/messages/${msg.id}/`;
    expect((await api('GET', url, undefined, other)).body.content).toBe('draft');
    expect((await api('PATCH', url, { content: 'hijack' }, other)).status).toBe(403);
    expect((await api('DELETE', url, undefined, other)).status).toBe(403);
    expect((await api('PATCH', url, { content: '  ' }, author)).body).toEqual({
      content: ['Message cannot be empty'],
    });
    const edited = await api('PUT', url, { content: 'final' }, author);
    expect(edited.body).toMatchObject({ content: 'final', edited_at: expect.any(String) });
    expect((await api('PATCH', url, { content: 'mod edit' }, owner)).status).toBe(200);
    expect((await api('DELETE', url, undefined, owner)).status).toBe(204);
    expect((await api('GET', url, undefined, author)).status).toBe(404);
    expect((await api('DELETE', url, undefined, author)).status).toBe(404);
    expect(
      (await api('GET', `/api/lobbies/${lobby.id}/messages/not-a-uuid/`, undefined, author)).status,
    ).toBe(404);
    expect((await api('GET', `/api/lobbies/${lobby.id}/messages/`, undefined, author)).body.count).toBe(0);
  });

  it('[LOBBY-18] the audit log is for the owner and moderators, newest first, paginated', async () => {
    const owner = await makeUser(server, true);
    const user = await makeUser(server);
    const lobby = await makeLobby(server, owner);
    await joinAs(server, lobby.id, user);
    expect((await api('GET', `/api/lobbies/${lobby.id}/events/`, undefined, user)).status).toBe(403);
    await api('POST', `/api/lobbies/${lobby.id}/add_moderator/`, { user_id: user.id }, owner);
    const log = await api('GET', `/api/lobbies/${lobby.id}/events/`, undefined, user);
    expect(log.body).toMatchObject({ count: 3, next: null, previous: null });
    expect(log.body.results.map((e: Json) => e.event_type)).toEqual([
      'mod_add',
      'status_change',
      'status_change',
    ]);
    expect(log.body.results[2]).toMatchObject({
      description: `Lobby 'Test Lobby' created`,
      actor: { id: owner.id },
      target: null,
    });
  });
});
