/**
 * [LOBBY-40] Fuzzed socket frames from a member: random JSON, objects with the lobby's own types and
 * random fields, raw text. Each gets at most one answer, the socket stays open (FakeClock-free: the
 * rate limit may refuse), and the lobby's members and status do not change.
 * [LOBBY-41] Fuzzed REST bodies and ids on every lobby route: never a 500, and refused writes change
 * nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  http,
  joinAs,
  makeLobby,
  makeUser,
  openLobby,
  pause,
  type Json,
  type Method,
} from '../integration/lobbies-support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const frameArb = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      type: fc.oneof(
        fc.constantFrom('chat_message', 'typing_start', 'typing_stop', 'presence_join', ''),
        fc.string(),
      ),
      message: fc.oneof(fc.string({ maxLength: 2100 }), fc.jsonValue()),
    },
    { requiredKeys: [] },
  ),
);

describe('lobby fuzz', () => {
  it('[LOBBY-40] fuzzed frames never crash, never close the socket, never change the lobby', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const member = await makeUser(server);
    await joinAs(server, lobby.id, member);
    const before = (await http(server, 'GET', `/api/lobbies/${lobby.id}/`, undefined, owner.token)).body;
    const socket = await openLobby(server.wsUrl, lobby.id, member.token);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          frameArb.map((f) => JSON.stringify(f) ?? 'null'),
          fc.string(),
        ),
        async (text) => {
          socket.sendRaw(text);
        },
      ),
      { numRuns: 200 },
    );
    socket.send({ type: 'typing_stop' });
    await pause(300);
    expect(socket.ws.readyState).toBe(1);
    const after = (await http(server, 'GET', `/api/lobbies/${lobby.id}/`, undefined, owner.token)).body;
    expect(after.memberships).toEqual(before.memberships);
    expect(after.status).toBe('open');
    for (const frame of socket.frames as Json[]) {
      expect(['error', 'chat_message', 'presence_join', 'presence_list']).toContain(frame.type);
      if (frame.type === 'error') expect(frame.message).not.toMatch(/Error processing/);
    }
    socket.close();
  }, 60_000);

  it('[LOBBY-41] fuzzed REST bodies and ids: never a 500', async () => {
    const owner = await makeUser(server, true);
    const lobby = await makeLobby(server, owner);
    const member = await makeUser(server);
    await joinAs(server, lobby.id, member);
    const msg = (
      await http(server, 'POST', `/api/lobbies/${lobby.id}/messages/`, { content: 'keep' }, owner.token)
    ).body;
    const routes: [Method, string][] = [
      ['POST', '/api/lobbies/'],
      ['PATCH', `/api/lobbies/{id}/`],
      ['PUT', `/api/lobbies/{id}/`],
      ['POST', `/api/lobbies/{id}/kick/`],
      ['POST', `/api/lobbies/{id}/ban/`],
      ['POST', `/api/lobbies/{id}/unban/`],
      ['POST', `/api/lobbies/{id}/add_moderator/`],
      ['POST', `/api/lobbies/{id}/remove_moderator/`],
      ['POST', `/api/lobbies/{id}/transfer_ownership/`],
      ['POST', `/api/lobbies/{id}/messages/`],
      ['PATCH', `/api/lobbies/{id}/messages/${msg.id}/`],
      ['GET', `/api/lobbies/?page={id}&search={id}&status={id}`],
    ];
    const bodyArb = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          name: fc.oneof(fc.string(), fc.jsonValue()),
          is_public: fc.jsonValue(),
          max_participants: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()),
          status: fc.oneof(fc.constantFrom('open', 'closed', 'in_game'), fc.string()),
          user_id: fc.oneof(fc.uuid(), fc.string(), fc.jsonValue(), fc.constant(member.id)),
          reason: fc.oneof(fc.string({ maxLength: 600 }), fc.jsonValue()),
          content: fc.oneof(fc.string({ maxLength: 2100 }), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    );
    const idArb = fc.oneof(fc.constant(String(lobby.id)), fc.string(), fc.integer().map(String));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        idArb,
        bodyArb,
        fc.boolean(),
        async ([method, path], id, body, asMember) => {
          const url = path.replaceAll('{id}', encodeURIComponent(id));
          const res = await http(
            server,
            method,
            url,
            method === 'GET' ? undefined : body,
            asMember ? member.token : owner.token,
          );
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 250 },
    );
  }, 60_000);
});
