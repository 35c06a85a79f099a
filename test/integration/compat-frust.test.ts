/**
 * Black-box compatibility of the click wall with the original frustrated-physicists front end:
 * socket.io-client 2.3.0 used exactly as its script.js does (`io({path: "/api/socket.io"})`, then
 * `socket.connect()`, default transports: polling, then the upgrade to WebSocket; `auth(name ||
 * "Gast")` on every `connect`), the payloads its buttons and slash commands emit, the events and
 * keys its listeners read, and what stats.js fetches. Rule ids: docs/spec/clicks.md.
 */
import ioV2 from 'socket.io-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

type Payload = Record<string, unknown>;

/** The parts of socket.io-client 2.3's Socket that the front end uses. */
interface PageSocket {
  connect(): void;
  on(event: string, listener: (payload: Payload) => void): void;
  emit(event: string, ...args: unknown[]): void;
  close(): void;
  connected: boolean;
  io: { engine: { transport: { name: string } } };
}

interface FrontEnd {
  socket: PageSocket;
  got: { event: string; payload: Payload }[];
  next(event: string, match?: (p: Payload) => boolean, timeoutMs?: number): Promise<Payload>;
  close(): void;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    config: { clicksBatchMs: 5, clicksBurst: 40, clicksPerSecond: 20, clicksPerAddressPerSecond: 10_000 },
  });
});
afterAll(async () => {
  await server?.close();
});

/** Loads "the page": the same calls, in the same order, as the front end's script.js. */
function loadPage(storedName: string | null): FrontEnd {
  // The page is served from the server's origin; io() then resolves to it (Node needs the URL).
  const socket = ioV2(server.url, { path: '/api/socket.io', forceNew: true }) as unknown as PageSocket;
  socket.connect();
  const got: FrontEnd['got'] = [];
  const waiters: { event: string; match: (p: Payload) => boolean; resolve: (p: Payload) => void }[] = [];
  const seen = new Map<string, number>();
  socket.on('connect', () => socket.emit('auth', storedName || 'Gast'));
  for (const event of ['stats', 'status', 'message', 'click', 'event']) {
    socket.on(event, (payload: Payload) => {
      got.push({ event, payload });
      const w = waiters.find((x) => x.event === event && x.match(payload));
      if (w) {
        waiters.splice(waiters.indexOf(w), 1);
        seen.set(event, got.length);
        w.resolve(payload);
      }
    });
  }
  return {
    socket,
    got,
    next(event, match = () => true, timeoutMs = 5000) {
      for (let i = seen.get(event) ?? 0; i < got.length; i += 1) {
        const item = got[i];
        if (item?.event === event && match(item.payload)) {
          seen.set(event, i + 1);
          return Promise.resolve(item.payload);
        }
      }
      return new Promise((resolve, reject) => {
        const w = { event, match, resolve };
        waiters.push(w);
        setTimeout(() => {
          if (waiters.includes(w)) reject(new Error(`no "${event}" within ${timeoutMs} ms`));
        }, timeoutMs);
      });
    },
    close: () => socket.close(),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const getJson = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: (await res.json()) as unknown,
  };
};

describe('the original front end (socket.io-client 2.3.0, default transports)', () => {
  const pages: FrontEnd[] = [];
  const open = (name: string | null) => {
    const page = loadPage(name);
    pages.push(page);
    return page;
  };
  afterAll(() => pages.forEach((p) => p.close()));

  it('[CLICKS-3] page load: stats {total, today} to the page, status {user_count} to all, exactly those keys', async () => {
    const page = open(null);
    const stats = await page.next('stats');
    expect(Object.keys(stats).sort()).toEqual(['click_count_today', 'click_count_total']);
    expect(Number.isInteger(stats.click_count_total)).toBe(true);
    const status = await page.next('status');
    expect(Object.keys(status)).toEqual(['user_count']);
    expect(status.user_count).toBeGreaterThanOrEqual(1);
  });

  it('[CLICKS-50] the polling start upgrades to WebSocket, and events flow on both sides of the upgrade', async () => {
    const page = open('Upgrader');
    await page.next('stats');
    const engine = page.socket.io.engine;
    for (let i = 0; i < 50 && engine.transport.name !== 'websocket'; i += 1) await pause(20);
    expect(engine.transport.name).toBe('websocket');
    page.socket.emit('click', { user: 'Upgrader', comment: '', style: ' ' });
    expect(await page.next('click', (c) => c.user === 'Upgrader')).toEqual({
      user: 'Upgrader',
      comment: null,
      style: null,
      timestamp: expect.any(Number),
    });
  });

  it('[CLICKS-6] auth("Gast") on connect is announced as the seed toast; a stored name likewise', async () => {
    const watcher = open('Watcher');
    await watcher.next('stats');
    await pause(1100); // a quiet second, so the toast is not gathered with other joins
    open(null);
    expect(await watcher.next('message', (m) => m.text === 'Gast ist beigetreten.')).toEqual({
      text: 'Gast ist beigetreten.',
      style: 'small highlight',
      type: 'toast',
    });
  });

  it('[CLICKS-51] the button payload {user, comment:"" or text, style:"<underline> <color>"} as the page builds it', async () => {
    const a = open('Lotte');
    const b = open('Max');
    await a.next('stats');
    await b.next('stats');
    const sent: Payload[] = [
      { user: 'Lotte', comment: '', style: ' ' },
      { user: 'Lotte', comment: 'Warum?!', style: ' green' },
      { user: 'Lotte', comment: 'Klausur', style: 'dotted purple' },
      { user: 'Lotte', comment: '', style: 'fire fancy' },
    ];
    for (const p of sent) a.socket.emit('click', p);
    const expected = [
      { comment: null, style: null },
      { comment: 'Warum?!', style: 'green' },
      { comment: 'Klausur', style: 'dotted purple' },
      { comment: null, style: 'fire fancy' },
    ];
    for (const e of expected) {
      const mine = await a.next('click', (c) => c.user === 'Lotte');
      const theirs = await b.next('click', (c) => c.user === 'Lotte');
      expect(mine).toEqual({ user: 'Lotte', ...e, timestamp: expect.any(Number) });
      expect(theirs).toEqual(mine);
      expect(Number.isInteger(mine.timestamp)).toBe(true);
      expect(Math.abs((mine.timestamp as number) - Date.now() / 1000)).toBeLessThan(60);
    }
  });

  it('[CLICKS-52] a client-sent timestamp or id is ignored: the server stamps the click', async () => {
    const a = open('Stamp');
    await a.next('stats');
    a.socket.emit('click', { user: 'Stamp', comment: 'x', style: '', timestamp: 1, id: 99 });
    const click = await a.next('click', (c) => c.user === 'Stamp');
    expect(Object.keys(click).sort()).toEqual(['comment', 'style', 'timestamp', 'user']);
    expect(click.timestamp).toBeGreaterThan(1_600_000_000);
  });

  it('[CLICKS-7] slash-command events {user, name} reach every page with the triggered toast', async () => {
    const a = open('Ede');
    const b = open('Fritz');
    await a.next('stats');
    await b.next('stats');
    a.socket.emit('event', { user: 'Ede', name: 'lemma 6.7' });
    expect(await b.next('event', (e) => e.user === 'Ede')).toEqual({
      user: 'Ede',
      name: 'lemma 6.7',
      timestamp: expect.any(Number),
    });
    expect(await b.next('message', (m) => m.text === 'Ede triggered lemma 6.7!')).toMatchObject({
      style: 'small highlight',
      type: 'toast',
    });
  });

  it('[CLICKS-53] a refused (rate-limited) click changes nothing: no rename, no session count, no broadcast', async () => {
    const a = open('Rita');
    await a.next('stats');
    // The burst is 40: the 41st and the renaming 42nd arrive with an empty bucket.
    for (let i = 0; i < 41; i += 1) a.socket.emit('click', { user: 'Rita' });
    a.socket.emit('click', { user: 'Renamed' });
    await a.next('message', (m) => String(m.text).startsWith('Zu viele'));
    await pause(200);
    expect(a.got.some((g) => g.event === 'click' && g.payload.user === 'Renamed')).toBe(false);
    expect(a.got.some((g) => g.event === 'message' && String(g.payload.text).includes('Renamed'))).toBe(
      false,
    );
    const online = (await getJson('/api/online_users')).body as Payload[];
    expect(online.find((u) => u.name === 'Renamed')).toBeUndefined();
    const rita = online.find((u) => u.name === 'Rita');
    const broadcast = a.got.filter((g) => g.event === 'click' && g.payload.user === 'Rita').length;
    expect(rita?.click_count_session).toBe(broadcast);
  });

  it('[CLICKS-1] stats.js reads every route as JSON in the shapes it draws', async () => {
    const a = open('Stats');
    await a.next('stats');
    a.socket.emit('click', { user: 'Stats', comment: '', style: '' });
    a.socket.emit('event', { user: 'Stats', name: 'fireworks' });
    await a.next('event', (e) => e.user === 'Stats');
    const api = await getJson('/api');
    expect(api.body).toEqual({ version: expect.any(String) });
    const online = await getJson('/api/online_users');
    expect(online.type).toMatch(/^application\/json/);
    for (const u of online.body as Payload[])
      expect(Object.keys(u).sort()).toEqual(['click_count_session', 'event_count_session', 'name']);
    const users = (await getJson('/api/users')).body as Payload[];
    expect(users).toContainEqual({ name: 'Stats', click_count: 1, event_count: 1 });
    const hours = (await getJson('/api/latest_hours')).body as Payload[];
    // stats.js plots the last 48 entries with labels from their timestamps.
    expect(hours.length).toBeGreaterThanOrEqual(48);
    for (const h of hours.slice(-48)) {
      expect(Object.keys(h).sort()).toEqual(['click_count', 'event_count', 'timestamp']);
      expect((h.timestamp as number) % 3600).toBe(0);
    }
    const events = (await getJson('/api/latest_events')).body as Payload[];
    expect(events[0]).toEqual({ user: 'Stats', name: 'fireworks', timestamp: expect.any(Number) });
    const clicks = (await getJson('/api/latest_clicks')).body as Payload[];
    expect(Object.keys(clicks[0] ?? {}).sort()).toEqual(['comment', 'style', 'timestamp', 'user']);
  });

  it('[CLICKS-54] odd requests on the HTTP routes and the socket path answer 4xx JSON or are ignored, never 500', async () => {
    for (const [method, path] of [
      ['POST', '/api/latest_clicks'],
      ['DELETE', '/api/users'],
      ['GET', '/api/latest_clicks?limit=-1&since=abc'],
      ['GET', '/api/socket.io/?EIO=9&transport=polling'],
      ['GET', '/api/socket.io/?EIO=3&transport=nope'],
      ['POST', '/api/socket.io/?EIO=3&transport=polling&sid=unknown'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
    }
  });

  it('[CLICKS-9] odd payloads from a page (arrays, numbers, nested objects, huge strings) are ignored; the page stays', async () => {
    const a = open('Odd');
    await a.next('stats');
    const odd: [string, unknown][] = [
      ['click', [1, 2]],
      ['click', { user: ['Odd'] }],
      ['click', { user: 'Odd', comment: { toString: 'x' } }],
      ['click', { user: 'Odd', style: 5 }],
      ['event', { user: 'Odd', name: null }],
      ['event', 'fireworks'],
      ['auth', 12],
      ['auth', 'x'.repeat(5000)],
      ['click', { user: 'Odd', comment: 'y'.repeat(5000) }],
    ];
    for (const [event, payload] of odd) a.socket.emit(event, payload);
    a.socket.emit('click', { user: 'Odd', comment: 'fine' });
    expect(await a.next('click', (c) => c.user === 'Odd')).toMatchObject({ comment: 'fine' });
    expect(a.got.filter((g) => g.event === 'click' && g.payload.user === 'Odd')).toHaveLength(1);
    expect(a.socket.connected).toBe(true);
  });
});
