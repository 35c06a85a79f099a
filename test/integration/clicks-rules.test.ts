/**
 * [CLICKS-20..26] Durable counters (restart), hourly buckets and the local day with a fake clock,
 * and the rate limits, on the current Socket.IO client and socket.io-client 2.3.0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/realtime/clock.js';
import type { Database } from '../../src/storage/database.js';
import { pgliteTestDatabase } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import type { Config } from '../../src/server/config.js';
import { connectClicks, settle, type ClickClient } from './fixtures/clicks-client.js';

const open: { servers: TestServer[]; clients: ClickClient[]; databases: Database[] } = {
  servers: [],
  clients: [],
  databases: [],
};

afterEach(async () => {
  for (const c of open.clients.splice(0)) c.close();
  for (const s of open.servers.splice(0)) await s.close();
  for (const d of open.databases.splice(0)) await d.close();
});

async function server(options: { clock?: FakeClock; database?: Database; config?: Partial<Config> } = {}) {
  const s = await startTestServer({
    clock: options.clock,
    database: options.database,
    keepDatabase: true,
    config: { clicksBatchMs: 5, clicksBurst: 500, clicksPerSecond: 500, ...options.config },
  });
  open.servers.push(s);
  return s;
}

async function database(): Promise<Database> {
  const d = await pgliteTestDatabase();
  open.databases.push(d);
  return d;
}

async function client(s: TestServer, version: 'v2' | 'v4' = 'v4') {
  const c = await connectClicks(s.url, version, ['websocket']);
  open.clients.push(c);
  return c;
}

async function get<T>(s: TestServer, path: string): Promise<T> {
  const res = await s.app.inject({ method: 'GET', url: path });
  return res.json<T>();
}

async function clickAndWait(c: ClickClient, user: string, n: number) {
  for (let i = 0; i < n; i += 1) c.emit('click', { user });
  for (let i = 0; i < n; i += 1) await c.next('click', (p) => p.user === user);
}

describe('durability', () => {
  it('[CLICKS-20] counters, users, clicks and hours survive a restart', async () => {
    const db = await database();
    const first = await server({ database: db });
    const a = await client(first, 'v2');
    await clickAndWait(a, 'dora', 3);
    a.emit('event', { user: 'dora', name: 'sas' });
    await a.next('event');
    a.close();
    await first.close();
    open.servers.splice(open.servers.indexOf(first), 1);

    const second = await server({ database: db });
    const b = await client(second);
    expect(await b.next('stats')).toEqual({ click_count_total: 3, click_count_today: 3 });
    expect(await get(second, '/api/users')).toEqual([{ name: 'dora', click_count: 3, event_count: 1 }]);
    expect(await get<unknown[]>(second, '/api/latest_clicks')).toHaveLength(3);
    expect(await get<unknown[]>(second, '/api/latest_events')).toHaveLength(1);
    const hours = await get<{ click_count: number; event_count: number }[]>(second, '/api/latest_hours');
    expect(hours.at(-1)).toMatchObject({ click_count: 3, event_count: 1 });
  });

  it('[CLICKS-21] clicks queued at shutdown are stored before the database closes', async () => {
    const db = await database();
    const first = await server({ database: db, config: { clicksBatchMs: 2000 } });
    const a = await client(first);
    await a.next('stats');
    for (let i = 0; i < 5; i += 1) a.emit('click', { user: 'late' });
    await settle(200);
    await first.close();
    open.servers.splice(open.servers.indexOf(first), 1);
    const second = await server({ database: db });
    expect(await get(second, '/api/current_stats')).toEqual({ click_count_total: 5, click_count_today: 5 });
  });
});

describe('hours and days on a fake clock', () => {
  it('[CLICKS-22] hourly buckets are written as clicks happen; latest_hours spans 7 local days to now', async () => {
    // 2024-01-10 09:30 UTC
    const clock = new FakeClock(Date.UTC(2024, 0, 10, 9, 30));
    const s = await server({ clock });
    const c = await client(s);
    await clickAndWait(c, 'hana', 2);
    clock.advance(3_600_000);
    await clickAndWait(c, 'hana', 1);
    c.emit('event', { user: 'hana', name: 'fu' });
    await c.next('event');
    const hours = await get<{ timestamp: number; click_count: number; event_count: number }[]>(
      s,
      '/api/latest_hours',
    );
    // From local midnight six days earlier (2024-01-04 00:00 UTC) to the current hour (10:00).
    expect(hours[0]?.timestamp).toBe(Date.UTC(2024, 0, 4) / 1000);
    expect(hours.at(-1)).toEqual({
      timestamp: Date.UTC(2024, 0, 10, 10) / 1000,
      click_count: 1,
      event_count: 1,
    });
    expect(hours.at(-2)).toEqual({
      timestamp: Date.UTC(2024, 0, 10, 9) / 1000,
      click_count: 2,
      event_count: 0,
    });
    expect(hours).toHaveLength(6 * 24 + 11);
    expect(hours.slice(0, -2).every((h) => h.click_count === 0)).toBe(true);
  });

  it('[CLICKS-23] the day rolls over at midnight in CLICKS_TIME_ZONE; sockets get fresh stats', async () => {
    // 23:59:30 in Berlin (UTC+1 in January) is 22:59:30 UTC.
    const clock = new FakeClock(Date.UTC(2024, 0, 10, 22, 59, 30));
    const s = await server({ clock, config: { clicksTimeZone: 'Europe/Berlin' } });
    const c = await client(s, 'v2');
    await c.next('stats');
    await clickAndWait(c, 'nico', 2);
    expect(await get(s, '/api/current_stats')).toEqual({ click_count_total: 2, click_count_today: 2 });
    clock.advance(60_000);
    // The one shared timer notices the new day within a second.
    expect(await c.next('stats', (p) => p.click_count_today === 0, 3000)).toEqual({
      click_count_total: 2,
      click_count_today: 0,
    });
    expect(await get<unknown[]>(s, '/api/latest_clicks')).toEqual([]);
    await clickAndWait(c, 'nico', 1);
    expect(await get(s, '/api/current_stats')).toEqual({ click_count_total: 3, click_count_today: 1 });
    expect(await get<{ timestamp: number }[]>(s, '/api/latest_clicks')).toEqual([
      { user: 'nico', comment: null, style: null, timestamp: Date.UTC(2024, 0, 10, 23, 0, 30) / 1000 },
    ]);
  });
});

describe('rate limits', () => {
  it('[CLICKS-24] per connection: a token bucket; the sender is told once, nothing else is broadcast', async () => {
    const clock = new FakeClock();
    const s = await server({ clock, config: { clicksPerSecond: 1, clicksBurst: 3 } });
    const a = await client(s);
    const watcher = await client(s, 'v2');
    for (let i = 0; i < 6; i += 1) a.emit('click', { user: 'rudi' });
    await a.next('message', (m) => String(m.text).startsWith('Zu viele'));
    await settle(200);
    expect(watcher.all('click')).toHaveLength(3);
    expect(watcher.all('message').filter((m) => String(m.text).startsWith('Zu viele'))).toEqual([]);
    clock.advance(1000);
    a.emit('click', { user: 'rudi' });
    a.emit('click', { user: 'rudi' });
    await settle(200);
    expect(watcher.all('click')).toHaveLength(4);
    expect(a.connected()).toBe(true);
    expect(await get(s, '/api/current_stats')).toMatchObject({ click_count_total: 4 });
  });

  it('[CLICKS-25] per address: one budget across the connections of one address', async () => {
    const clock = new FakeClock();
    const s = await server({ clock, config: { clicksPerAddressPerSecond: 4 } });
    const a = await client(s);
    const b = await client(s, 'v2');
    for (let i = 0; i < 3; i += 1) a.emit('click', { user: 'amy' });
    for (let i = 0; i < 3; i += 1) b.emit('click', { user: 'ben' });
    await settle(300);
    expect(a.all('click')).toHaveLength(4);
    clock.advance(1001);
    b.emit('click', { user: 'ben' });
    await b.next('click', (c) => c.user === 'ben' && a.all('click').length >= 4);
    await settle(100);
    expect(a.all('click')).toHaveLength(5);
  });

  it('[CLICKS-26] renames are announced at most a few times in a row', async () => {
    const clock = new FakeClock();
    const s = await server({ clock });
    const a = await client(s);
    const w = await client(s);
    for (let i = 0; i < 10; i += 1) a.emit('auth', `n${i}`);
    await settle(300);
    expect(w.all('message').filter((m) => String(m.text).includes('umbenannt'))).toHaveLength(3);
  });
});
