/**
 * The chat engine through the watch room socket, every StreamIt rule in its order (fake clock):
 * disabled, empty dropped, > 500, 5 per 3 s then a 10 s cooldown, duplicate within 3 s, muted;
 * history of 50 on join; errors to the sender only. Rule ids: docs/spec/watch.md (CHAT-n).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/realtime/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { byType, createRoom, guest, joinRoom, openRoom, pause, type Json } from './watch-support.js';

describe('chat rules (StreamIt order)', () => {
  let server: TestServer;
  const clock = new FakeClock(Date.now());

  beforeAll(async () => {
    server = await startTestServer({ clock });
  });
  afterAll(async () => server?.close());

  async function room() {
    const host = await guest(server, `H${Math.random().toString(36).slice(2, 7)}`);
    const bob = await guest(server, `B${Math.random().toString(36).slice(2, 7)}`);
    const r = await createRoom(server, host);
    await joinRoom(server, bob, r.code);
    const h = await openRoom(server, r.code, host);
    const b = await openRoom(server, r.code, bob);
    return { host, bob, r, h, b };
  }

  const errors = (frames: unknown[]) => frames.filter((f) => (f as Json).type === 'ERROR') as Json[];

  it('[CHAT-1] accepted messages are trimmed, stored and broadcast to everyone, sender included', async () => {
    const { host, h, b } = await room();
    h.send({ type: 'CHAT_MESSAGE', message: '  hello all  ' });
    expect(await b.next(byType('CHAT_MESSAGE'))).toEqual({
      type: 'CHAT_MESSAGE',
      user: host.name,
      message: 'hello all',
    });
    expect(await h.next(byType('CHAT_MESSAGE'))).toEqual({
      type: 'CHAT_MESSAGE',
      user: host.name,
      message: 'hello all',
    });
    h.close();
    b.close();
  });

  it('[CHAT-2] empty after trimming is dropped silently; over 500 characters is refused to the sender only', async () => {
    const { h, b } = await room();
    b.send({ type: 'CHAT_MESSAGE', message: '   ' });
    b.send({ type: 'CHAT_MESSAGE', message: 'x'.repeat(501) });
    expect(await b.next(byType('ERROR'))).toEqual({
      type: 'ERROR',
      message: 'Message too long.',
      code: 'MESSAGE_TOO_LONG',
    });
    b.send({ type: 'CHAT_MESSAGE', message: 'y'.repeat(500) });
    expect(await h.next(byType('CHAT_MESSAGE'))).toMatchObject({ message: 'y'.repeat(500) });
    expect(errors(b.frames)).toHaveLength(1);
    expect(errors(h.frames)).toHaveLength(0);
    h.close();
    b.close();
  });

  it('[CHAT-3] 5 per 3 s sliding window, then a 10 s cooldown that refuses everything', async () => {
    const { h, b } = await room();
    for (let i = 0; i < 5; i += 1) b.send({ type: 'CHAT_MESSAGE', message: `m${i}` });
    b.send({ type: 'CHAT_MESSAGE', message: 'm5' });
    expect(await b.next(byType('ERROR'))).toEqual({
      type: 'ERROR',
      message: 'Rate limit exceeded. Please wait.',
      code: 'RATE_LIMITED',
    });
    clock.advance(5000); // the window is over, the cooldown is not
    b.send({ type: 'CHAT_MESSAGE', message: 'later' });
    expect(await b.next(byType('ERROR'))).toMatchObject({ code: 'RATE_LIMITED' });
    clock.advance(5001);
    b.send({ type: 'CHAT_MESSAGE', message: 'after cooldown' });
    expect(await h.next((f: Json) => f.message === 'after cooldown')).toMatchObject({ type: 'CHAT_MESSAGE' });
    const received = h.frames
      .filter((f) => (f as Json).type === 'CHAT_MESSAGE')
      .map((f) => (f as Json).message);
    expect(received).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'after cooldown']);
    h.close();
    b.close();
  });

  it('[CHAT-4] the same text again within 3 s is blocked; after 3 s it is accepted', async () => {
    const { h, b } = await room();
    b.send({ type: 'CHAT_MESSAGE', message: 'hello' });
    b.send({ type: 'CHAT_MESSAGE', message: 'hello' });
    expect(await b.next(byType('ERROR'))).toEqual({
      type: 'ERROR',
      message: 'Duplicate message blocked.',
      code: 'DUPLICATE_MESSAGE',
    });
    clock.advance(3001);
    b.send({ type: 'CHAT_MESSAGE', message: 'hello' });
    await h.next(byType('CHAT_MESSAGE'));
    await h.next(byType('CHAT_MESSAGE'));
    h.close();
    b.close();
  });

  it('[CHAT-5] disabled chat is refused first; muted users are refused last; unmute restores', async () => {
    const { bob, h, b } = await room();
    h.send({ type: 'MUTE_USER', user_id: bob.id });
    await pause(100);
    b.send({ type: 'CHAT_MESSAGE', message: 'x'.repeat(600) });
    expect(await b.next(byType('ERROR'))).toMatchObject({ message: 'Message too long.' }); // length before mute
    b.send({ type: 'CHAT_MESSAGE', message: 'let me talk' });
    expect(await b.next(byType('ERROR'))).toEqual({
      type: 'ERROR',
      message: 'You are muted in this room',
      code: 'MUTED',
    });
    h.send({ type: 'SET_CHAT_ENABLED', enabled: false });
    await pause(100);
    b.send({ type: 'CHAT_MESSAGE', message: 'anyone?' });
    expect(await b.next(byType('ERROR'))).toEqual({
      type: 'ERROR',
      message: 'Chat is disabled in this room',
      code: 'CHAT_DISABLED',
    });
    h.send({ type: 'SET_CHAT_ENABLED', enabled: true });
    h.send({ type: 'UNMUTE_USER', user_id: bob.id });
    await pause(100);
    clock.advance(20_000);
    b.send({ type: 'CHAT_MESSAGE', message: 'back' });
    expect(await h.next(byType('CHAT_MESSAGE'))).toMatchObject({ message: 'back' });
    h.close();
    b.close();
  });

  it('[CHAT-6] a joiner gets the last 50 messages, oldest first', async () => {
    const { host, r, h, b } = await room();
    for (let i = 0; i < 55; i += 1) {
      h.send({ type: 'CHAT_MESSAGE', message: `n${i}` });
      if (i % 5 === 4) {
        await h.next((f: Json) => f.message === `n${i}`);
        clock.advance(3500);
      }
    }
    const late = await guest(server, 'Late');
    await joinRoom(server, late, r.code);
    const l = await openRoom(server, r.code, late);
    const history = l.frames.find((f) => (f as Json).type === 'CHAT_HISTORY') as Json;
    expect(history.messages).toHaveLength(50);
    expect(history.messages[0]).toMatchObject({ user: host.name, message: 'n5' });
    expect(history.messages[49]).toMatchObject({ message: 'n54' });
    expect(typeof history.messages[0].created_at).toBe('string');
    for (const s of [h, b, l]) s.close();
  });
});
