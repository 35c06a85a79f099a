/**
 * [CLICKS-30..32] Two real server processes on one PostgreSQL and one Redis: broadcasts cross
 * processes through Socket.IO's Redis adapter, counters are shared (atomic upserts in the database),
 * and `status`/`online_users` count the sockets of both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerPair, type ServerPair, type ServerProcess } from '../helpers/server-processes.js';
import { postgresUrl, redisUrl } from '../helpers/services.js';
import { connectClicks, settle, type ClickClient } from './fixtures/clicks-client.js';

describe.skipIf(!postgresUrl || !redisUrl)('click wall on two server processes', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let pair: ServerPair;
  const clients: ClickClient[] = [];

  beforeAll(async () => {
    pair = await startServerPair({ CLICKS_BATCH_MS: '10' });
    ({ a, b } = pair);
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await pair?.close();
  });

  it('[CLICKS-30] a click on one process reaches clients of both, sender included', async () => {
    const onA = await connectClicks(a.http, 'v2');
    const onB = await connectClicks(b.http, 'v4');
    clients.push(onA, onB);
    onA.emit('click', { user: 'alpha', comment: 'from A' });
    expect(await onB.next('click', (c) => c.user === 'alpha')).toMatchObject({ comment: 'from A' });
    await onA.next('click', (c) => c.user === 'alpha');
    onB.emit('event', { user: 'beta', name: 'pride' });
    expect(await onA.next('event', (e) => e.user === 'beta')).toMatchObject({ name: 'pride' });
    expect(await onA.next('message', (m) => m.text === 'beta triggered pride!')).toBeTruthy();
  });

  it('[CLICKS-31] counters are shared: both processes answer the same totals', async () => {
    const onA = await connectClicks(a.http, 'v4', ['websocket']);
    const onB = await connectClicks(b.http, 'v2', ['websocket']);
    clients.push(onA, onB);
    for (let i = 0; i < 20; i += 1) {
      onA.emit('click', { user: 'gamma' });
      onB.emit('click', { user: 'delta' });
    }
    for (let i = 0; i < 20; i += 1) await onA.next('click', (c) => c.user === 'delta');
    for (let i = 0; i < 20; i += 1) await onB.next('click', (c) => c.user === 'gamma');
    const statsA = await (await fetch(`${a.http}/api/current_stats`)).json();
    const statsB = await (await fetch(`${b.http}/api/current_stats`)).json();
    expect(statsA).toEqual(statsB);
    expect(statsA).toEqual({ click_count_total: 41, click_count_today: 41 });
    const users = (await (await fetch(`${b.http}/api/users`)).json()) as {
      name: string;
      click_count: number;
    }[];
    expect(users.find((u) => u.name === 'gamma')?.click_count).toBe(20);
    expect(users.find((u) => u.name === 'delta')?.click_count).toBe(20);
  });

  it('[CLICKS-32] status and online_users count the sockets of both processes', async () => {
    await settle(300);
    const online = (await (await fetch(`${a.http}/api/online_users`)).json()) as { name: string | null }[];
    expect(online).toHaveLength(clients.length);
    const extra = await connectClicks(b.http, 'v4');
    clients.push(extra);
    const status = await clients[0]!.next<{ user_count: number }>(
      'status',
      (s) => s.user_count === clients.length,
    );
    expect(status.user_count).toBe(5);
    extra.close();
    clients.pop();
    expect(await clients[0]!.next<{ user_count: number }>('status', (s) => s.user_count === 4)).toEqual({
      user_count: 4,
    });
  });
});
