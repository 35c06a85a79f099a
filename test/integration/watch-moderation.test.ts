/** Host moderation on the StreamIt dialect: mute/unmute, kick (may return), ban/unban (4011 then 4010). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import { byType, createRoom, guest, http, joinRoom, openRoom, pause } from './watch-support.js';

describe('watch moderation', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('[WATCH-13] kick closes the target with 4011; the target may reconnect', async () => {
    const host = await guest(server, 'HostK');
    const bob = await guest(server, 'BobK');
    const room = await createRoom(server, host);
    await joinRoom(server, bob, room.code);
    const h = await openRoom(server, room.code, host);
    const b = await openRoom(server, room.code, bob);
    h.send({ type: 'KICK_USER', user_id: bob.id });
    expect(await b.closed()).toBe(4011);
    expect(await h.next(byType('USER_LEFT'))).toEqual({ type: 'USER_LEFT', user: 'BobK' });
    const again = await openRoom(server, room.code, bob);
    again.close();
    h.close();
  });

  it('[WATCH-14] ban closes with 4011, refuses reconnects (4010) and REST join (403); unban lets the user back', async () => {
    const host = await guest(server, 'HostB');
    const bob = await guest(server, 'BobB');
    const room = await createRoom(server, host);
    await joinRoom(server, bob, room.code);
    const h = await openRoom(server, room.code, host);
    const b = await openRoom(server, room.code, bob);
    h.send({ type: 'BAN_USER', user_id: bob.id });
    expect(await b.closed()).toBe(4011);
    expect(await (await connect(`${server.wsUrl}/ws/room/${room.code}/?token=${bob.token}`)).closed()).toBe(
      4010,
    );
    expect(await http(server, 'POST', '/api/rooms/join/', { code: room.code }, bob.token)).toEqual({
      status: 403,
      body: { error: 'You are banned from this room' },
    });
    h.send({ type: 'UNBAN_USER', user_id: bob.id });
    await pause(100);
    const back = await openRoom(server, room.code, bob);
    back.close();
    h.close();
  });

  it('[WATCH-15] non-hosts get PERMISSION_DENIED for moderation and nothing changes', async () => {
    const host = await guest(server, 'HostN');
    const bob = await guest(server, 'BobN');
    const room = await createRoom(server, host);
    await joinRoom(server, bob, room.code);
    const h = await openRoom(server, room.code, host);
    const b = await openRoom(server, room.code, bob);
    b.send({ type: 'MUTE_USER', user_id: host.id });
    expect(await b.next(byType('ERROR'))).toEqual({
      type: 'ERROR',
      code: 'PERMISSION_DENIED',
      message: 'Only host can moderate',
    });
    b.send({ type: 'KICK_USER', user_id: host.id });
    await b.next(byType('ERROR'));
    h.send({ type: 'CHAT_MESSAGE', message: 'still here' });
    expect(await b.next(byType('CHAT_MESSAGE'))).toMatchObject({ message: 'still here' });
    h.close();
    b.close();
  });

  it('[WATCH-16] a banned user who never joined is refused too', async () => {
    const host = await guest(server, 'HostP');
    const eve = await guest(server, 'EveP');
    const room = await createRoom(server, host);
    const h = await openRoom(server, room.code, host);
    h.send({ type: 'BAN_USER', user_id: eve.id });
    await pause(100);
    expect((await http(server, 'POST', '/api/rooms/join/', { code: room.code }, eve.token)).status).toBe(403);
    h.close();
  });
});
