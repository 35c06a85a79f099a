/**
 * [CLICKS-1..12] The click wall's seed protocol over Socket.IO, run with socket.io-client 2.3.0
 * (Engine.IO v3, as the original front end) and socket.io-client 4, plus the HTTP routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectClicks, settle, type ClickClient, type ClientVersion } from './fixtures/clicks-client.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    config: { clicksBatchMs: 5, clicksBurst: 500, clicksPerSecond: 500, clicksPerAddressPerSecond: 10_000 },
  });
});
afterAll(async () => {
  await server?.close();
});

async function getJson(path: string): Promise<{ status: number; type: string; body: unknown }> {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
}

describe('click wall HTTP routes', () => {
  it('[CLICKS-1] GET /api answers {version}; every route answers application/json', async () => {
    const api = await getJson('/api');
    expect(api.status).toBe(200);
    expect(api.body).toEqual({ version: expect.any(String) });
    for (const path of [
      '/api/latest_clicks',
      '/api/latest_events',
      '/api/latest_hours',
      '/api/users',
      '/api/online_users',
    ]) {
      const res = await getJson(path);
      expect(res.status, path).toBe(200);
      expect(res.type, path).toMatch(/^application\/json/);
      expect(Array.isArray(res.body), path).toBe(true);
    }
    expect((await getJson('/api/current_stats')).body).toEqual({
      click_count_total: expect.any(Number),
      click_count_today: expect.any(Number),
    });
    expect((await getJson('/api/health/')).status).toBe(200);
  });

  it('[CLICKS-2] Engine.IO polling requests are answered by Socket.IO, not the 404 handler', async () => {
    const res = await fetch(`${server.url}/api/socket.io/?EIO=3&transport=polling&t=x`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('"sid"');
    const v4 = await fetch(`${server.url}/api/socket.io/?EIO=4&transport=polling&t=y`);
    expect(await v4.text()).toMatch(/^0\{"sid"/);
  });

  it('[CLICKS-2] other WebSocket upgrades still reach the gateway (not Socket.IO)', async () => {
    const ws = new WebSocket(`${server.wsUrl}/ws/no-such-endpoint/`);
    const outcome = await new Promise<string>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('error'));
    });
    expect(outcome).toBe('http 404');
    ws.terminate();
  });
});

describe.each<[ClientVersion, string[] | undefined]>([
  ['v2', undefined],
  ['v2', ['websocket']],
  ['v4', undefined],
  ['v4', ['websocket']],
])('click wall protocol with socket.io-client %s (transports %j)', (version, transports) => {
  const clients: ClickClient[] = [];
  const open = async () => {
    const c = await connectClicks(server.url, version, transports);
    clients.push(c);
    return c;
  };
  afterAll(() => {
    for (const c of clients) c.close();
  });
  // Names unique per run so the shared server's counters do not mix runs.
  const tag = `${version}${transports ? 'w' : 'p'}`;

  it('[CLICKS-3] a new socket gets stats; everyone gets status {user_count}', async () => {
    const a = await open();
    const stats = await a.next('stats');
    expect(stats).toEqual({ click_count_total: expect.any(Number), click_count_today: expect.any(Number) });
    await a.next('status');
    const b = await open();
    await b.next('stats');
    const status = await a.next<{ user_count: number }>('status', (s) => s.user_count >= 2);
    expect(Object.keys(status)).toEqual(['user_count']);
  });

  it('[CLICKS-4] a click reaches everyone, the sender included, with integer seconds; stats count it', async () => {
    const a = await open();
    const b = await open();
    const before = await b.next<{ click_count_total: number }>('stats');
    a.emit('click', { user: `ann${tag}`, comment: '  hello  ', style: 'fire green' });
    const mine = await a.next('click', (c) => c.user === `ann${tag}`);
    const theirs = await b.next('click', (c) => c.user === `ann${tag}`);
    expect(mine).toEqual(theirs);
    expect(mine).toEqual({
      user: `ann${tag}`,
      comment: 'hello',
      style: 'fire green',
      timestamp: expect.any(Number),
    });
    expect(Number.isInteger(mine.timestamp)).toBe(true);
    a.emit('click', { user: `ann${tag}`, comment: '', style: '' });
    expect(await b.next('click', (c) => c.user === `ann${tag}`)).toMatchObject({
      comment: null,
      style: null,
    });
    const c = await open();
    const after = await c.next<{ click_count_total: number }>('stats');
    expect(after.click_count_total).toBeGreaterThanOrEqual(before.click_count_total + 2);
  });

  it('[CLICKS-5] styles are filtered through the allow-list', async () => {
    const a = await open();
    a.emit('click', { user: `sty${tag}`, style: 'fire x"><script> blue fire evil-class' });
    expect(await a.next('click', (c) => c.user === `sty${tag}`)).toMatchObject({ style: 'fire blue' });
    a.emit('click', { user: `sty${tag}`, style: 'onlyevil' });
    expect(await a.next('click', (c) => c.user === `sty${tag}`)).toMatchObject({ style: null });
  });

  it('[CLICKS-6] join, rename and leave toasts', async () => {
    const watcher = await open();
    const a = await open();
    // Toasts of other tests' sockets within the last second would be coalesced with this one.
    await settle(1100);
    a.emit('auth', `  joe${tag} `);
    expect(await watcher.next('message', (m) => String(m.text).startsWith(`joe${tag}`))).toEqual({
      text: `joe${tag} ist beigetreten.`,
      style: 'small highlight',
      type: 'toast',
    });
    a.emit('auth', `moe${tag}`);
    expect(await watcher.next('message', (m) => String(m.text).includes('umbenannt'))).toMatchObject({
      text: `joe${tag} hat sich umbenannt zu moe${tag}.`,
    });
    await settle(1100);
    a.close();
    expect(await watcher.next('message', (m) => String(m.text).includes('verlassen'), 5000)).toMatchObject({
      text: `moe${tag} hat verlassen.`,
    });
  });

  it('[CLICKS-7] an event reaches everyone with a "triggered" toast', async () => {
    const a = await open();
    const b = await open();
    a.emit('event', { user: `eve${tag}`, name: 'rickroll' });
    expect(await b.next('event', (e) => e.user === `eve${tag}`)).toEqual({
      user: `eve${tag}`,
      name: 'rickroll',
      timestamp: expect.any(Number),
    });
    await a.next('event', (e) => e.user === `eve${tag}`);
    expect(await b.next('message', (m) => String(m.text).includes('triggered'))).toMatchObject({
      text: `eve${tag} triggered rickroll!`,
    });
  });

  it('[CLICKS-8] the 50th click of a session is announced', async () => {
    const a = await open();
    for (let i = 0; i < 50; i += 1) a.emit('click', { user: `mil${tag}` });
    expect(await a.next('message', (m) => String(m.text).includes('erreicht'), 8000)).toMatchObject({
      text: `mil${tag} erreicht 50 Klicks!`,
    });
  });

  it('[CLICKS-9] invalid input is ignored: nothing broadcast, the connection stays', async () => {
    const a = await open();
    const bad: [string, unknown][] = [
      ['click', null],
      ['click', 'text'],
      ['click', {}],
      ['click', { user: '' }],
      ['click', { user: '   ' }],
      ['click', { user: 'x'.repeat(16) }],
      ['click', { user: 'ok', comment: 'y'.repeat(76) }],
      ['click', { user: 42 }],
      ['event', { user: 'ok' }],
      ['event', { user: 'ok', name: 'z'.repeat(76) }],
      ['auth', ''],
      ['auth', { name: 'obj' }],
    ];
    for (const [event, payload] of bad) a.emit(event, payload);
    a.emit('click', { user: `val${tag}` });
    const next = await a.next('click', () => true);
    expect(next.user).toBe(`val${tag}`);
    expect(a.all('click').filter((c) => c.user === 'ok')).toEqual([]);
    expect(a.connected()).toBe(true);
  });

  it('[CLICKS-10] /api/online_users lists each socket; name null until it names itself', async () => {
    const a = await open();
    await a.next('stats');
    const anon = ((await getJson('/api/online_users')).body as Record<string, unknown>[]).filter(
      (u) => u.name === null,
    );
    expect(anon.length).toBeGreaterThanOrEqual(1);
    expect(anon[0]).toEqual({ name: null, click_count_session: 0, event_count_session: 0 });
    a.emit('click', { user: `onl${tag}` });
    await a.next('click', (c) => c.user === `onl${tag}`);
    const online = (await getJson('/api/online_users')).body as Record<string, unknown>[];
    expect(online).toContainEqual({ name: `onl${tag}`, click_count_session: 1, event_count_session: 0 });
  });

  it('[CLICKS-11] the HTTP read models show what was clicked', async () => {
    const a = await open();
    a.emit('click', { user: `rd${tag}`, comment: '<b>bold</b>' });
    a.emit('event', { user: `rd${tag}`, name: 'einstein' });
    await a.next('event', (e) => e.user === `rd${tag}`);
    const clicks = (await getJson('/api/latest_clicks')).body as Record<string, unknown>[];
    expect(clicks[0]).toEqual({
      user: `rd${tag}`,
      comment: '<b>bold</b>',
      style: null,
      timestamp: expect.any(Number),
    });
    const events = (await getJson('/api/latest_events')).body as Record<string, unknown>[];
    expect(events[0]).toEqual({ user: `rd${tag}`, name: 'einstein', timestamp: expect.any(Number) });
    const users = (await getJson('/api/users')).body as Record<string, unknown>[];
    expect(users).toContainEqual({ name: `rd${tag}`, click_count: 1, event_count: 1 });
    const hours = (await getJson('/api/latest_hours')).body as { timestamp: number; click_count: number }[];
    const current = hours[hours.length - 1];
    expect(current?.timestamp).toBe(Math.floor(Date.now() / 3_600_000) * 3600);
    expect(current?.click_count).toBeGreaterThanOrEqual(1);
  });

  it('[CLICKS-13] joins arriving at once are coalesced into one toast', async () => {
    const watcher = await open();
    await settle(1100);
    const crowd = await Promise.all([1, 2, 3, 4, 5].map(() => open()));
    crowd.forEach((c, i) => c.emit('auth', `crowd${i}${tag}`));
    await settle(2500);
    const toasts = watcher
      .all('message')
      .map((m) => String(m.text))
      .filter((t) => t.includes(`crowd`) && t.includes(tag) && t.endsWith('beigetreten.'));
    // Leading toast at once, the rest gathered into one toast when the window ends.
    expect(toasts.length).toBeGreaterThanOrEqual(1);
    expect(toasts.length).toBeLessThanOrEqual(2);
    const named = toasts.reduce((n, t) => {
      const more = /und (\d+) weitere/.exec(t);
      return n + (t.match(/crowd\d/g)?.length ?? 0) + (more ? Number(more[1]) : 0);
    }, 0);
    expect(named).toBe(5);
  });

  it('[CLICKS-12] the transport in use is the one asked for', async () => {
    const a = await open();
    await settle(300);
    if (transports) expect(a.transport()).toBe('websocket');
    else expect(['polling', 'websocket']).toContain(a.transport());
  });
});
