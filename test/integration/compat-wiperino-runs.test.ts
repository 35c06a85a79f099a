/**
 * Compatibility review of the runs module against Wiperino's own pages (BEHAVIOUR.md, "Client
 * behaviour"): each test replays what one page does (auth.js, run_wipecounter.js, run_speedrun.js,
 * overlay_run.js, overlay_timer.js) with black-box HTTP and real sockets, and checks what that page
 * reads back. Rule ids: docs/spec/runs.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';
import { call, makeRun, makeTimer, makeUser, makeWipe, type Json, type TestUser } from './runs-helpers.js';

let server: TestServer;
let owner: TestUser;
let stranger: TestUser;
const open: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  owner = await makeUser(server.app, 'wipe');
  stranger = await makeUser(server.app, 'other');
});
afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
});

/**
 * Opens a socket the way the seed's pages build it (`ws://` + host + path [+ `?token=`]) and waits
 * until the server has handled its open (a `time_sync` probe is answered after the join), without
 * asking for a snapshot: the seed's pages never do.
 */
async function page(path: string, token?: string): Promise<TestSocket> {
  const s = await connect(`${server.wsUrl}${path}${token !== undefined ? `?token=${token}` : ''}`);
  open.push(s);
  s.send({ type: 'time_sync', t0: 1 });
  await s.next((f: Json) => f.type === 'time_sync');
  return s;
}

const of = (type: string) => (f: Json) => f.type === type;
const seen = (s: TestSocket) => s.frames.filter((f) => (f as Json).type !== 'time_sync') as Json[];
const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('auth.js (every page)', () => {
  it('[RUNS-22] the access token is a 3-part JWT whose payload atob() decodes, with exp; refreshing every 180 s with the login refresh token keeps working', async () => {
    const login = await call(server.app, 'POST', '/api/login/', null, {
      username: owner.username,
      password: 'pw-' + owner.username,
    });
    expect(login.status).toBe(200);
    const access = login.body.access as string;
    expect(access.split('.')).toHaveLength(3);
    // auth.js: JSON.parse(atob(access.split('.')[1])) — plain atob, no base64url translation.
    const payload = JSON.parse(atob(access.split('.')[1] ?? '')) as Json;
    expect(payload.exp).toBeGreaterThan(Math.floor(Date.now() / 1000));
    // The page stores only the new access token and refreshes with the refresh token it got at login.
    for (let i = 0; i < 3; i += 1) {
      const r = await call(server.app, 'POST', '/api/token/refresh/', null, { refresh: login.body.refresh });
      expect(r.status).toBe(200);
      const listed = await call(server.app, 'GET', '/api/runs/', {
        ...owner,
        auth: { authorization: `Bearer ${r.body.access as string}` },
      });
      expect(listed.status).toBe(200);
    }
  });
});

describe('wipe dashboard (run_wipecounter.js)', () => {
  it('[RUNS-9] +1: PATCH count, then wipe_update with the string segment id; dashboards and the overlay get the seed frame, one undo step', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number, 'Boss', 3);
    const dash = await page(`/ws/runs/${run.id}/`, owner.token);
    const peer = await page(`/ws/runs/${run.id}/`, owner.token);
    const overlay = await page(`/ws/overlay/runs/${run.id}/`);
    const patched = await call(server.app, 'PATCH', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner, {
      count: 4,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.count).toBe(4);
    dash.send({ type: 'wipe_update', segment_id: String(seg.id), count: 4 });
    const expected = { type: 'wipe_update', segment_id: seg.id, count: 4, user: owner.username };
    for (const s of [dash, peer, overlay]) expect(await s.next(of('wipe_update'))).toEqual(expected);
    // The relay repeats the stored value: one +1 is one undo step.
    dash.send({ type: 'undo' });
    await dash.next(of('undo'));
    const after = await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner);
    expect(after.body.count).toBe(3);
  });

  it('[RUNS-9] −1: PATCH count−1, then wipe_update; the page’s total recalculates from the broadcast count', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number, 'Adds', 1);
    const dash = await page(`/ws/runs/${run.id}/`, owner.token);
    await call(server.app, 'PATCH', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner, { count: 0 });
    dash.send({ type: 'wipe_update', segment_id: String(seg.id), count: 0 });
    expect(await dash.next(of('wipe_update'))).toMatchObject({ segment_id: seg.id, count: 0 });
  });

  it('[RUNS-9] Finish segment: PATCH is_finished, then segment_finished -> {type, segment_id, user}', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number);
    const dash = await page(`/ws/runs/${run.id}/`, owner.token);
    const overlay = await page(`/ws/overlay/runs/${run.id}/`);
    await call(server.app, 'PATCH', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner, {
      is_finished: true,
    });
    dash.send({ type: 'segment_finished', segment_id: String(seg.id) });
    const frame = { type: 'segment_finished', segment_id: seg.id, user: owner.username };
    expect(await dash.next(of('segment_finished'))).toEqual(frame);
    expect(await overlay.next(of('segment_finished'))).toEqual(frame);
  });

  it('[RUNS-9] Add segment: POST with the page’s extra "run" field, then new_segment with the returned id relays that row (no duplicate)', async () => {
    const run = await makeRun(server.app, owner);
    const dash = await page(`/ws/runs/${run.id}/`, owner.token);
    const overlay = await page(`/ws/overlay/runs/${run.id}/`);
    const created = await call(server.app, 'POST', `/api/runs/${run.id}/wipecounters/`, owner, {
      segment_name: 'Phase 2',
      count: 0,
      is_finished: false,
      run: String(run.id),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ run: run.name, segment_name: 'Phase 2', count: 0 });
    dash.send({
      type: 'new_segment',
      segment_id: created.body.id,
      segment_name: created.body.segment_name,
      count: created.body.count,
      is_finished: created.body.is_finished,
    });
    const frame = {
      type: 'new_segment',
      segment_id: created.body.id,
      segment_name: 'Phase 2',
      count: 0,
      is_finished: false,
      user: owner.username,
    };
    expect(await dash.next(of('new_segment'))).toEqual(frame);
    expect(await overlay.next(of('new_segment'))).toEqual(frame);
    const list = await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/`, owner);
    expect(list.body).toHaveLength(1);
  });

  it('[RUNS-9] Finish run: PATCH the run, PATCH every segment, then run_finished -> exactly {type, user}', async () => {
    const run = await makeRun(server.app, owner);
    await makeWipe(server.app, owner, run.id as number, 'A');
    await makeWipe(server.app, owner, run.id as number, 'B');
    const dash = await page(`/ws/runs/${run.id}/`, owner.token);
    const overlay = await page(`/ws/overlay/runs/${run.id}/`);
    expect(
      (await call(server.app, 'PATCH', `/api/runs/${run.id}/`, owner, { is_finished: true })).status,
    ).toBe(200);
    const list = await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/`, owner);
    await Promise.all(
      (list.body as unknown as Json[]).map(async (s) => {
        const r = await call(server.app, 'PATCH', `/api/runs/${run.id}/wipecounters/${s.id}/`, owner, {
          is_finished: true,
        });
        expect(r.status).toBe(200);
      }),
    );
    dash.send({ type: 'run_finished' });
    expect(await overlay.next(of('run_finished'))).toEqual({ type: 'run_finished', user: owner.username });
    expect(await dash.next(of('run_finished'))).toEqual({ type: 'run_finished', user: owner.username });
  });

  it('[RUNS-13] a page with no token in localStorage connects with ?token=null: the socket opens, sends are refused, nothing changes', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number, 'Boss', 2);
    const anon = await page(`/ws/runs/${run.id}/`, 'null');
    const foreign = await page(`/ws/runs/${run.id}/`, stranger.token);
    anon.send({ type: 'wipe_update', segment_id: seg.id, count: 50 });
    foreign.send({ type: 'wipe_update', segment_id: seg.id, count: 60 });
    expect((await anon.next(of('error'))).error).toMatch(/run owner/);
    expect((await foreign.next(of('error'))).error).toMatch(/run owner/);
    const row = await call(server.app, 'GET', `/public-api/runs/${run.id}/wipecounters/`);
    expect((row.body as unknown as Json[])[0]?.count).toBe(2);
  });

  it('[RUNS-10] bad JSON and bad fields answer only the sender; the overlay gets nothing and the socket stays open', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number);
    const dash = await page(`/ws/runs/${run.id}/`, owner.token);
    const overlay = await page(`/ws/overlay/runs/${run.id}/`);
    dash.sendRaw('{not json');
    expect(await dash.next(of('error'))).toEqual({ type: 'error', error: 'Wrong JSON format' });
    dash.send({ type: 'wipe_update', segment_id: seg.id, count: -1 });
    const bad = await dash.next(of('error'));
    expect(Object.keys(bad.error as Json)).toEqual(['count']);
    dash.send({ type: 'nope' });
    expect(await dash.next(of('error'))).toEqual({ type: 'error', error: 'Invalid message type' });
    await quiet(300);
    expect(seen(overlay)).toEqual([]);
    expect(dash.ws.readyState).toBe(1);
  });
});

describe('speedrun dashboard (run_speedrun.js) relies on the echo', () => {
  async function speedrun() {
    const run = await makeRun(server.app, owner, 'SPEEDRUN');
    const dash = await page(`/ws/runs/${run.id}/timer/`, owner.token);
    const second = await page(`/ws/runs/${run.id}/timer/`, owner.token);
    const overlay = await page(`/ws/overlay/runs/${run.id}/timer/`);
    return { run, dash, second, overlay };
  }

  it('[RUNS-9] Add segment: POST elapsed_time 0.0, then new_segment -> {type, segment_id, segment_name, elapsed_time, user, is_finished}', async () => {
    const { run, dash, overlay } = await speedrun();
    const created = await call(server.app, 'POST', `/api/runs/${run.id}/timers/`, owner, {
      segment_name: 'Any%',
      elapsed_time: 0.0,
      is_finished: false,
    });
    expect(created.status).toBe(201);
    dash.send({
      type: 'new_segment',
      segment_id: created.body.id,
      segment_name: created.body.segment_name,
      elapsed_time: created.body.elapsed_time,
      is_finished: created.body.is_finished,
    });
    const frame = {
      type: 'new_segment',
      segment_id: created.body.id,
      segment_name: 'Any%',
      elapsed_time: 0,
      user: owner.username,
      is_finished: false,
    };
    expect(await dash.next(of('new_segment'))).toEqual(frame);
    expect(await overlay.next(of('new_segment'))).toEqual(frame);
  });

  it('[RUNS-11] Start: start_timer with the page’s started_at and elapsed; every screen (sender included) gets a started_at it can tick from', async () => {
    const { run, dash, second, overlay } = await speedrun();
    const t = await makeTimer(server.app, owner, run.id as number, 'Split 1', 12.5);
    dash.send({
      type: 'start_timer',
      segment_id: String(t.id),
      started_at: new Date().toISOString(),
      elapsed_time: 12.5,
    });
    for (const s of [dash, second, overlay]) {
      const f = await s.next(of('start_timer'));
      expect(f).toMatchObject({
        segment_id: t.id,
        elapsed_time: 12.5,
        user: owner.username,
        is_finished: false,
      });
      expect(Number.isNaN(new Date(f.started_at as string).getTime())).toBe(false);
      // The page's formula: (now - started_at)/1000 + elapsed_time.
      const shown =
        (Date.now() - new Date(f.started_at as string).getTime()) / 1000 + (f.elapsed_time as number);
      expect(shown).toBeGreaterThanOrEqual(12.4);
    }
  });

  it('[RUNS-11] Pause: pause_timer, then every dashboard PATCHes its own elapsed_time; the stored timer is paused at that value', async () => {
    const { run, dash, second } = await speedrun();
    const t = await makeTimer(server.app, owner, run.id as number, 'Split 1', 0);
    dash.send({
      type: 'start_timer',
      segment_id: t.id,
      started_at: new Date().toISOString(),
      elapsed_time: 0,
    });
    await dash.next(of('start_timer'));
    dash.send({ type: 'pause_timer', segment_id: String(t.id), elapsed_time: 1.5 });
    for (const s of [dash, second]) {
      const f = await s.next(of('pause_timer'));
      expect(f).toMatchObject({ segment_id: t.id, user: owner.username, is_finished: false });
      expect(typeof f.elapsed_time).toBe('number');
    }
    for (const value of [1.5, 1.6]) {
      const r = await call(server.app, 'PATCH', `/api/runs/${run.id}/timers/${t.id}/`, owner, {
        elapsed_time: value,
      });
      expect(r.status).toBe(200);
    }
    const row = await call(server.app, 'GET', `/api/runs/${run.id}/timers/${t.id}/`, owner);
    expect(row.body).toMatchObject({ elapsed_time: 1.6, started_at: null, is_finished: false });
  });

  it('[RUNS-11] Finish: finish_timer, then every dashboard PATCHes {elapsed_time, is_finished:true}', async () => {
    const { run, dash, overlay } = await speedrun();
    const t = await makeTimer(server.app, owner, run.id as number, 'Split 1', 0);
    dash.send({
      type: 'start_timer',
      segment_id: t.id,
      started_at: new Date().toISOString(),
      elapsed_time: 0,
    });
    await dash.next(of('start_timer'));
    dash.send({ type: 'finish_timer', segment_id: t.id, elapsed_time: 2 });
    expect(await overlay.next(of('finish_timer'))).toMatchObject({ segment_id: t.id, is_finished: true });
    const f = await dash.next(of('finish_timer'));
    const r = await call(server.app, 'PATCH', `/api/runs/${run.id}/timers/${t.id}/`, owner, {
      elapsed_time: f.elapsed_time,
      is_finished: true,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ is_finished: true, started_at: null });
  });

  it('[RUNS-9] Finish run with a running timer: PATCH run, PATCH every timer {is_finished:true}, run_finished reaches the timer overlay', async () => {
    const { run, dash, overlay } = await speedrun();
    const t = await makeTimer(server.app, owner, run.id as number, 'Split 1', 0);
    dash.send({
      type: 'start_timer',
      segment_id: t.id,
      started_at: new Date().toISOString(),
      elapsed_time: 0,
    });
    await dash.next(of('start_timer'));
    await call(server.app, 'PATCH', `/api/runs/${run.id}/`, owner, { is_finished: true });
    const list = await call(server.app, 'GET', `/api/runs/${run.id}/timers/`, owner);
    for (const s of list.body as unknown as Json[]) {
      const r = await call(server.app, 'PATCH', `/api/runs/${run.id}/timers/${s.id}/`, owner, {
        is_finished: true,
      });
      expect(r.body).toMatchObject({ is_finished: true, started_at: null });
    }
    dash.send({ type: 'run_finished' });
    expect(await overlay.next(of('run_finished'))).toMatchObject({
      type: 'run_finished',
      user: owner.username,
    });
  });

  it('[RUNS-10] the timer socket words bad JSON "Invalid JSON format"; its overlay gets nothing', async () => {
    const { dash, overlay } = await speedrun();
    dash.sendRaw('nope{');
    expect(await dash.next(of('error'))).toEqual({ type: 'error', error: 'Invalid JSON format' });
    await quiet(300);
    expect(seen(overlay)).toEqual([]);
  });
});

describe('overlays (overlay_run.js, overlay_timer.js)', () => {
  it('[RUNS-7] the overlay pages load /public-api/ without a token: run (game_name, name, is_finished), counters by id, timers', async () => {
    const run = await makeRun(server.app, owner, 'WIPECOUNTER', 'Overlay run');
    await makeWipe(server.app, owner, run.id as number, 'A', 2);
    await makeWipe(server.app, owner, run.id as number, 'B', 5);
    await makeTimer(server.app, owner, run.id as number, 'T', 1.25);
    const r = await call(server.app, 'GET', `/public-api/runs/${run.id}/`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: run.id,
      name: 'Overlay run',
      game_name: run.game_name,
      is_finished: false,
    });
    const wipes = await call(server.app, 'GET', `/public-api/runs/${run.id}/wipecounters/`);
    expect((wipes.body as unknown as Json[]).map((w) => [w.segment_name, w.count])).toEqual([
      ['A', 2],
      ['B', 5],
    ]);
    const timers = await call(server.app, 'GET', `/public-api/runs/${run.id}/timers/`);
    expect(timers.body).toEqual([
      expect.objectContaining({ segment_name: 'T', elapsed_time: 1.25, is_finished: false }),
    ]);
    expect((await call(server.app, 'GET', `/public-api/runs/999999/`)).status).toBe(404);
  });

  it('[RUNS-12] overlay sockets open without any token and ignore what they are sent', async () => {
    const run = await makeRun(server.app, owner);
    const overlay = await page(`/ws/overlay/runs/${run.id}/`);
    overlay.send({ type: 'wipe_update', segment_id: 1, count: 9 });
    overlay.sendRaw('garbage');
    await quiet(200);
    expect(seen(overlay)).toEqual([]);
    expect(overlay.ws.readyState).toBe(1);
  });
});

describe('odd input never 500s and changes nothing', () => {
  it('[RUNS-6] odd ids, bodies and frames get 4xx or error frames', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number, 'Boss', 1);
    const probes: [string, string, unknown][] = [
      ['GET', `/api/runs/abc/`, undefined],
      ['GET', `/api/runs/99999999999999999999/`, undefined],
      ['PATCH', `/api/runs/${run.id}/wipecounters/${seg.id}/`, [1, 2]],
      ['PATCH', `/api/runs/${run.id}/wipecounters/${seg.id}/`, { count: '1e400' }],
      ['PATCH', `/api/runs/${run.id}/wipecounters/${seg.id}/`, { count: 2 ** 40 }],
      ['PATCH', `/api/runs/${run.id}/timers/${seg.id}/`, { elapsed_time: 'NaN' }],
      ['POST', `/api/runs/${run.id}/wipecounters/`, { segment_name: { a: 1 } }],
      ['PUT', `/api/runs/${run.id}/`, { name: 'x', game: 'nope', mode: 'X' }],
      ['GET', `/public-api/runs/-1/wipecounters/`, undefined],
      ['GET', `/api/runs/${run.id}/export/`, undefined],
    ];
    for (const [method, url, payload] of probes) {
      const r = await call(server.app, method, url, owner, payload);
      expect(r.status, `${method} ${url}`).toBeLessThan(500);
    }
    const row = await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner);
    expect(row.body.count).toBe(1);
    const dash = await page(`/ws/runs/${run.id}/`, owner.token);
    for (const frame of [
      { type: 'wipe_update', segment_id: 'abc', count: 1 },
      { type: 'wipe_update', segment_id: 2 ** 40, count: 1 },
      { type: 'new_segment', segment_id: 999999, segment_name: '   ' },
      { type: 'segment_finished' },
      { type: 'wipe_update', segment_id: seg.id, count: 1, op: 'inc', by: 1e9 },
      [1, 2, 3],
      'text',
      null,
    ]) {
      dash.send(frame);
      await dash.next(of('error'));
    }
    expect((await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/`, owner)).body).toHaveLength(1);
    expect(dash.ws.readyState).toBe(1);
  });
});
