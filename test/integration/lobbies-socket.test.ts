/**
 * The lobby socket (LOBBY-20..27): close codes, entry frames, chat rules in the seed's order, the
 * 3-per-2-s limit on a FakeClock, typing, presence, and REST moderation reaching sockets (SPEC fix).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/realtime/clock.js';
import { lobbyMemberships } from '../../src/storage/schema/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import {
  byType,
  http,
  joinAs,
  makeLobby,
  makeUser,
  openLobby,
  pause,
  type Json,
  type LobbyUser,
} from './lobbies-support.js';

let server: TestServer;
const clock = new FakeClock(Date.now());
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => server?.close());

async function lobbyWith(n: number, body: Json = {}) {
  const owner = await makeUser(server, true, 'own');
  const lobby = await makeLobby(server, owner, body);
  const members: LobbyUser[] = [];
  for (let i = 0; i < n; i += 1) {
    const u = await makeUser(server, false, `m${i}`);
    await joinAs(server, lobby.id, u);
    members.push(u);
  }
  return { owner, lobby, members, id: lobby.id as number };
}

const errorsOf = (frames: unknown[]) => frames.filter((f) => (f as Json).type === 'error');

describe('lobby socket', () => {
  it('[LOBBY-20] 4001 without or with a bad token; 4004 for an unknown lobby', async () => {
    const { id, owner } = await lobbyWith(0);
    const none = await connect(`${server.wsUrl}/ws/lobbies/${id}/`);
    expect(await none.closed()).toBe(4001);
    const bad = await connect(`${server.wsUrl}/ws/lobbies/${id}/?token=nope`);
    expect(await bad.closed()).toBe(4001);
    for (const path of ['987654321', 'abc']) {
      const unknown = await connect(`${server.wsUrl}/ws/lobbies/${path}/?token=${owner.token}`);
      expect(await unknown.closed()).toBe(4004);
    }
  });

  it('[LOBBY-20] owners and members get in (SPEC fix); others get the seed error frame and 4003', async () => {
    const { id, owner, members, lobby } = await lobbyWith(1, { max_participants: 3 });
    const o = await openLobby(server.wsUrl, id, owner.token);
    const m = await openLobby(server.wsUrl, id, members[0]!.token);
    const stranger = await makeUser(server);
    const s = await openLobby(server.wsUrl, id, stranger.token, false);
    expect(await s.next()).toEqual({ type: 'error', message: 'You are not a member of this lobby' });
    expect(await s.closed()).toBe(4003);
    await http(server, 'POST', `/api/lobbies/${lobby.id}/ban/`, { user_id: stranger.id }, owner.token);
    const banned = await openLobby(server.wsUrl, id, stranger.token, false);
    expect(await banned.next()).toEqual({ type: 'error', message: 'You are banned from this lobby' });
    expect(await banned.closed()).toBe(4003);
    await joinAs(server, id, await makeUser(server));
    const late = await openLobby(server.wsUrl, id, (await makeUser(server)).token, false);
    expect(await late.next()).toEqual({ type: 'error', message: 'Lobby is full' });
    expect(await late.closed()).toBe(4003);
    o.close();
    m.close();
  });

  it('[LOBBY-21] entry: the others get presence_join; the joiner gets presence_join then presence_list', async () => {
    const { id, owner, members } = await lobbyWith(1);
    const o = await openLobby(server.wsUrl, id, owner.token);
    expect(o.frames).toEqual([
      { type: 'presence_join', user_id: owner.id, username: owner.username, is_premium: true },
      { type: 'presence_list', users: [{ id: owner.id, username: owner.username, is_premium: true }] },
    ]);
    const u = members[0]!;
    const m = await openLobby(server.wsUrl, id, u.token);
    expect(m.frames[0]).toEqual({
      type: 'presence_join',
      user_id: u.id,
      username: u.username,
      is_premium: false,
    });
    expect((m.frames[1] as Json).users).toHaveLength(2);
    expect(await o.next(byType('presence_join'))).toEqual({
      type: 'presence_join',
      user_id: u.id,
      username: u.username,
      is_premium: false,
    });
    o.close();
    m.close();
  });

  it('[LOBBY-22] chat_message: empty, too long, then stored and broadcast to all with the seed payload', async () => {
    const { id, owner, members } = await lobbyWith(1);
    const o = await openLobby(server.wsUrl, id, owner.token);
    const m = await openLobby(server.wsUrl, id, members[0]!.token);
    m.send({ type: 'chat_message', message: '   ' });
    expect(await m.next(byType('error'))).toEqual({ type: 'error', message: 'Message cannot be empty' });
    m.send({ type: 'chat_message' });
    expect(await m.next(byType('error'))).toEqual({ type: 'error', message: 'Message cannot be empty' });
    m.send({ type: 'chat_message', message: 'z'.repeat(2001) });
    expect(await m.next(byType('error'))).toEqual({
      type: 'error',
      message: 'Message too long (max 2000 characters)',
    });
    m.send({ type: 'chat_message', message: '  Hello world!  ' });
    const got = await o.next(byType('chat_message'));
    expect(got).toEqual({
      type: 'chat_message',
      message: {
        id: expect.any(String),
        content: 'Hello world!',
        sender: { id: members[0]!.id, username: members[0]!.username, is_premium: false },
        created_at: expect.any(String),
      },
    });
    expect(await m.next(byType('chat_message'))).toEqual(got);
    const listed = await http(server, 'GET', `/api/lobbies/${id}/messages/`, undefined, owner.token);
    expect(listed.body.results[0]).toMatchObject({ id: got.message.id, content: 'Hello world!' });
    // A message sent over REST reaches the sockets too.
    await http(server, 'POST', `/api/lobbies/${id}/messages/`, { content: 'via REST' }, owner.token);
    expect(
      await m.next((f: Json) => f.type === 'chat_message' && f.message.content === 'via REST'),
    ).toBeTruthy();
    expect(errorsOf(o.frames)).toHaveLength(0);
    o.close();
    m.close();
  });

  it('[LOBBY-23][SEED] RateLimitTest: 3 messages per 2 s sliding window, no cooldown (FakeClock)', async () => {
    const { id, owner, members } = await lobbyWith(1);
    const o = await openLobby(server.wsUrl, id, owner.token);
    const m = await openLobby(server.wsUrl, id, members[0]!.token);
    for (let i = 0; i < 3; i += 1) m.send({ type: 'chat_message', message: `m${i}` });
    m.send({ type: 'chat_message', message: 'm3' });
    expect(await m.next(byType('error'))).toEqual({
      type: 'error',
      message: 'Rate limit exceeded. Please slow down.',
    });
    clock.advance(1000);
    m.send({ type: 'chat_message', message: 'still inside the window' });
    expect(await m.next(byType('error'))).toEqual({
      type: 'error',
      message: 'Rate limit exceeded. Please slow down.',
    });
    clock.advance(1001);
    m.send({ type: 'chat_message', message: 'window passed' });
    expect(await o.next((f: Json) => f.message?.content === 'window passed')).toBeTruthy();
    const contents = o.frames
      .filter((f) => (f as Json).type === 'chat_message')
      .map((f) => (f as Json).message.content);
    expect(contents).toEqual(['m0', 'm1', 'm2', 'window passed']);
    // REST shares the limit: 429 with the same text.
    clock.advance(5000);
    for (let i = 0; i < 3; i += 1)
      await http(server, 'POST', `/api/lobbies/${id}/messages/`, { content: `r${i}` }, owner.token);
    const limited = await http(
      server,
      'POST',
      `/api/lobbies/${id}/messages/`,
      { content: 'r3' },
      owner.token,
    );
    expect(limited).toMatchObject({
      status: 429,
      body: { detail: 'Rate limit exceeded. Please slow down.' },
    });
    o.close();
    m.close();
  });

  it('[LOBBY-22] a socket whose membership vanished gets the error and 4003 at its next message', async () => {
    const { id, owner, members } = await lobbyWith(1);
    const m = await openLobby(server.wsUrl, id, members[0]!.token);
    clock.advance(5000);
    await server.ctx.database.db
      .delete(lobbyMemberships)
      .where(and(eq(lobbyMemberships.lobbyId, id), eq(lobbyMemberships.userId, members[0]!.id)));
    m.send({ type: 'chat_message', message: 'am I still here?' });
    expect(await m.next(byType('error'))).toEqual({
      type: 'error',
      message: 'You are not a member of this lobby',
    });
    expect(await m.closed()).toBe(4003);
    expect(
      (await http(server, 'GET', `/api/lobbies/${id}/messages/`, undefined, owner.token)).body.count,
    ).toBe(0);
  });

  it('[LOBBY-24] typing_start/stop go to the others only, and are not recorded', async () => {
    const { id, owner, members } = await lobbyWith(1);
    const o = await connect(`${server.wsUrl}/ws/lobbies/${id}/?token=${owner.token}&seq=1`);
    await o.next(byType('presence_list'));
    const m = await openLobby(server.wsUrl, id, members[0]!.token);
    m.send({ type: 'typing_start' });
    expect(await o.next(byType('typing_start'))).toEqual({
      type: 'typing_start',
      user_id: members[0]!.id,
      username: members[0]!.username,
    });
    m.send({ type: 'typing_stop' });
    expect(await o.next(byType('typing_stop'))).toEqual({
      type: 'typing_stop',
      user_id: members[0]!.id,
      username: members[0]!.username,
    });
    await pause(100);
    expect(m.frames.some((f) => String((f as Json).type).startsWith('typing'))).toBe(false);
    o.close();
    m.close();
  });

  it('[LOBBY-25] bad JSON and unknown types get error frames; the socket stays open', async () => {
    const { id, owner } = await lobbyWith(0);
    const o = await openLobby(server.wsUrl, id, owner.token);
    o.sendRaw('{not json');
    expect(await o.next(byType('error'))).toEqual({ type: 'error', message: 'Invalid JSON' });
    for (const frame of [{ type: 'dance' }, { nope: 1 }, [1, 2], 'text', null]) {
      o.send(frame);
      expect(await o.next(byType('error'))).toEqual({ type: 'error', message: 'Unknown message type' });
    }
    clock.advance(5000);
    o.send({ type: 'chat_message', message: 'still alive' });
    expect(await o.next(byType('chat_message'))).toBeTruthy();
    o.close();
  });

  it('[LOBBY-26] presence_leave when a member’s last socket closes', async () => {
    const { id, owner, members } = await lobbyWith(1);
    const o = await openLobby(server.wsUrl, id, owner.token);
    const u = members[0]!;
    const tab1 = await openLobby(server.wsUrl, id, u.token);
    const tab2 = await openLobby(server.wsUrl, id, u.token);
    expect((tab2.frames[1] as Json).users).toHaveLength(2);
    tab1.close();
    await pause(150);
    expect(o.frames.some((f) => (f as Json).type === 'presence_leave')).toBe(false);
    tab2.close();
    expect(await o.next(byType('presence_leave'))).toEqual({
      type: 'presence_leave',
      user_id: u.id,
      username: u.username,
    });
    o.close();
  });

  it('[LOBBY-27] REST kick and ban reach the sockets: the target gets its frame and 4003, the others the event', async () => {
    const { id, owner, members } = await lobbyWith(2);
    const o = await openLobby(server.wsUrl, id, owner.token);
    const [a, b] = [members[0]!, members[1]!];
    const sa = await openLobby(server.wsUrl, id, a.token);
    const sb = await openLobby(server.wsUrl, id, b.token);
    await http(
      server,
      'POST',
      `/api/lobbies/${id}/kick/`,
      { user_id: a.id, reason: 'Rule violation' },
      owner.token,
    );
    expect(await sa.next(byType('moderation_kick'))).toEqual({
      type: 'moderation_kick',
      reason: 'Rule violation',
      message: 'You have been kicked from the lobby',
    });
    expect(await sa.closed()).toBe(4003);
    expect(await o.next(byType('moderation_kick'))).toEqual({
      type: 'moderation_kick',
      target_id: a.id,
      target_username: a.username,
      reason: 'Rule violation',
    });
    expect(await o.next(byType('presence_leave'))).toMatchObject({ user_id: a.id });
    await http(server, 'POST', `/api/lobbies/${id}/ban/`, { user_id: b.id, reason: 'Spam' }, owner.token);
    expect(await sb.next(byType('moderation_ban'))).toEqual({
      type: 'moderation_ban',
      reason: 'Spam',
      message: 'You have been banned from the lobby',
    });
    expect(await sb.closed()).toBe(4003);
    expect(await o.next(byType('moderation_ban'))).toEqual({
      type: 'moderation_ban',
      target_id: b.id,
      target_username: b.username,
      reason: 'Spam',
    });
    const again = await openLobby(server.wsUrl, id, b.token, false);
    expect(await again.next()).toEqual({ type: 'error', message: 'You are banned from this lobby' });
    o.close();
  });

  it('[LOBBY-27] status changes are pushed as system_status; leave closes the leaver; delete closes all (4004)', async () => {
    const { id, owner, members } = await lobbyWith(2);
    const o = await openLobby(server.wsUrl, id, owner.token);
    const sa = await openLobby(server.wsUrl, id, members[0]!.token);
    const sb = await openLobby(server.wsUrl, id, members[1]!.token);
    await http(server, 'POST', `/api/lobbies/${id}/start/`, undefined, owner.token);
    expect(await sa.next(byType('system_status'))).toEqual({
      type: 'system_status',
      status: 'in_game',
      message: 'Game started',
    });
    await http(server, 'PATCH', `/api/lobbies/${id}/`, { status: 'open' }, owner.token);
    expect(await sa.next(byType('system_status'))).toEqual({
      type: 'system_status',
      status: 'open',
      message: 'Status changed to open',
    });
    await http(server, 'POST', `/api/lobbies/${id}/leave/`, undefined, members[1]!.token);
    expect(await sb.closed()).toBe(4003);
    await http(server, 'DELETE', `/api/lobbies/${id}/`, undefined, owner.token);
    expect(await sa.next(byType('system_status'))).toEqual({
      type: 'system_status',
      status: 'deleted',
      message: 'Lobby deleted',
    });
    expect(await sa.closed()).toBe(4004);
    expect(await o.closed()).toBe(4004);
  });

  it('[LOBBY-17] REST edits and deletes are pushed (message_edited, message_deleted)', async () => {
    const { id, owner } = await lobbyWith(0);
    const o = await openLobby(server.wsUrl, id, owner.token);
    clock.advance(5000);
    const msg = (await http(server, 'POST', `/api/lobbies/${id}/messages/`, { content: 'typo' }, owner.token))
      .body;
    await http(server, 'PATCH', `/api/lobbies/${id}/messages/${msg.id}/`, { content: 'fixed' }, owner.token);
    expect(await o.next(byType('message_edited'))).toMatchObject({
      message: { id: msg.id, content: 'fixed' },
    });
    await http(server, 'DELETE', `/api/lobbies/${id}/messages/${msg.id}/`, undefined, owner.token);
    expect(await o.next(byType('message_deleted'))).toEqual({ type: 'message_deleted', message_id: msg.id });
    o.close();
  });
});
