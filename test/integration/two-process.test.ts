/**
 * [CORE-20..23] Two real server processes on one PostgreSQL and one Redis: a frame from a client of
 * one reaches a client of the other, a client that reconnects to the other process recovers what
 * it missed, and presence is shared and cleaned up when a process dies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerPair, type ServerPair } from '../helpers/server-processes.js';
import { postgresUrl, redisUrl } from '../helpers/services.js';
import { connect } from '../helpers/ws-client.js';

describe.skipIf(!postgresUrl || !redisUrl)('two server processes on Redis and PostgreSQL', () => {
  let pair: ServerPair;
  let a: ServerPair['a'];
  let b: ServerPair['b'];

  beforeAll(async () => {
    pair = await startServerPair({ PRESENCE_TTL_SECONDS: '2' });
    ({ a, b } = pair);
  }, 120_000);

  afterAll(async () => {
    await pair?.close();
  });

  it('[CORE-20] a frame from a client of one process reaches a client of the other', async () => {
    const onA = await connect(`${a.ws}/ws/demo/r1/`);
    const onB = await connect(`${b.ws}/ws/demo/r1/`);
    const helloA = await onA.next((f) => f.type === 'hello');
    const helloB = await onB.next((f) => f.type === 'hello');
    expect(helloA.node).not.toBe(helloB.node);
    onA.send({ type: 'say', text: 'from A' });
    expect(await onB.next((f) => f.type === 'said')).toEqual({ type: 'said', text: 'from A' });
    onB.send({ type: 'say', text: 'from B' });
    expect(await onA.next((f) => f.text === 'from B')).toEqual({ type: 'said', text: 'from B' });
    onA.close();
    onB.close();
  });

  it('[CORE-21] a client that reconnects to the other process recovers what it missed', async () => {
    const sender = await connect(`${a.ws}/ws/demo/r2/`);
    const reader = await connect(`${a.ws}/ws/demo/r2/?seq=1`);
    await sender.next((f) => f.type === 'hello');
    await reader.next((f) => f.type === 'hello');
    sender.send({ type: 'say', text: 'seen' });
    const seen = await reader.next<{ seq: number; type: string }>((f) => f.type === 'said');
    reader.close();
    await reader.closed();
    sender.send({ type: 'say', text: 'missed 1' });
    sender.send({ type: 'say', text: 'missed 2' });
    await sender.next((f) => f.text === 'missed 2');
    const back = await connect(`${b.ws}/ws/demo/r2/?seq=1&since=${seen.seq}`);
    expect(await back.next()).toEqual({ seq: seen.seq + 1, type: 'said', text: 'missed 1' });
    expect(await back.next()).toEqual({ seq: seen.seq + 2, type: 'said', text: 'missed 2' });
    expect(await back.next()).toMatchObject({ type: 'hello', recovered: true });
    sender.send({ type: 'say', text: 'live again' });
    expect(await back.next()).toEqual({ seq: seen.seq + 3, type: 'said', text: 'live again' });
    sender.close();
    back.close();
  });

  it('[CORE-22] presence is shared across processes and cleaned up when a process dies', async () => {
    const ann = await connect(`${a.ws}/ws/demo/r3/?name=ann`);
    const bob = await connect(`${b.ws}/ws/demo/r3/?name=bob`);
    await ann.next((f) => f.type === 'hello');
    await bob.next((f) => f.type === 'hello');
    ann.send({ type: 'who' });
    expect(await ann.next((f) => f.type === 'members')).toEqual({ type: 'members', names: ['ann', 'bob'] });
    b.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 3000));
    ann.send({ type: 'who' });
    expect(await ann.next((f) => f.type === 'members')).toEqual({ type: 'members', names: ['ann'] });
    ann.close();
  });
});
