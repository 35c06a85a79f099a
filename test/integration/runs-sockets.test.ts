/**
 * The run sockets: Wiperino's consumer tests ported (wipe counter, timer and both overlays: the relay
 * with the sender echo, overlays receiving everything, bad JSON answered only to the sender), plus
 * persistence, ownership, snapshots on request. Rule ids: docs/spec/runs.md.
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
  owner = await makeUser(server.app, 'owner');
  stranger = await makeUser(server.app, 'stranger');
});
afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
});

/**
 * Opens a socket and waits until the server has joined it to the run's topic (a snapshot asked for
 * with `sync` or `?snapshot=1` comes after the join), so no broadcast can slip past it.
 */
async function sock(
  path: string,
  user: TestUser | null = owner,
  extra = '',
  wait = true,
): Promise<TestSocket> {
  const overlay = path.startsWith('/ws/overlay/');
  const query = [user ? `token=${user.token}` : '', extra, wait && overlay ? 'snapshot=1' : '']
    .filter(Boolean)
    .join('&');
  const s = await connect(`${server.wsUrl}${path}${query ? `?${query}` : ''}`);
  open.push(s);
  if (wait) {
    if (!overlay) s.send({ type: 'sync' });
    await s.next((f: Json) => f.type === 'snapshot');
  }
  return s;
}

const live = (s: TestSocket) => s.frames.filter((f) => (f as Json).type !== 'snapshot');
const byType = (type: string) => (f: Json) => f.type === type;
const silence = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('wipe counter socket (seed test_wipecounter_consumer)', () => {
  it('[RUNS-9] connects with a token', async () => {
    const run = await makeRun(server.app, owner);
    const s = await sock(`/ws/runs/${run.id}/`);
    expect(s.ws.readyState).toBe(1);
  });
  it('[RUNS-9] wipe_update reaches the peer and the sender, with user, and is stored', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number);
    const a = await sock(`/ws/runs/${run.id}/`);
    const b = await sock(`/ws/runs/${run.id}/`);
    a.send({ type: 'wipe_update', segment_id: seg.id, count: 42 });
    expect(await b.next(byType('wipe_update'))).toEqual({
      type: 'wipe_update',
      segment_id: seg.id,
      count: 42,
      user: owner.username,
    });
    expect(await a.next(byType('wipe_update'))).toMatchObject({ type: 'wipe_update', count: 42 });
    const stored = await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner);
    expect(stored.body.count).toBe(42);
  });
  it('[RUNS-9] new_segment is broadcast with name, count and is_finished', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number, 'New Segment', 0);
    const a = await sock(`/ws/runs/${run.id}/`);
    const b = await sock(`/ws/runs/${run.id}/`);
    a.send({
      type: 'new_segment',
      segment_id: seg.id,
      segment_name: 'New Segment',
      count: 42,
      is_finished: false,
    });
    expect(await b.next(byType('new_segment'))).toEqual({
      type: 'new_segment',
      segment_id: seg.id,
      segment_name: 'New Segment',
      count: 42,
      is_finished: false,
      user: owner.username,
    });
  });
  it('[RUNS-9] segment_finished is broadcast and stored', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number);
    const a = await sock(`/ws/runs/${run.id}/`);
    const b = await sock(`/ws/runs/${run.id}/`);
    a.send({ type: 'segment_finished', segment_id: String(seg.id) });
    expect(await b.next(byType('segment_finished'))).toEqual({
      type: 'segment_finished',
      segment_id: seg.id,
      user: owner.username,
    });
    expect(
      (await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner)).body.is_finished,
    ).toBe(true);
  });
  it('[RUNS-9] run_finished is broadcast and finishes the run', async () => {
    const run = await makeRun(server.app, owner);
    const a = await sock(`/ws/runs/${run.id}/`);
    const b = await sock(`/ws/runs/${run.id}/`);
    a.send({ type: 'run_finished' });
    expect(await b.next(byType('run_finished'))).toEqual({ type: 'run_finished', user: owner.username });
    expect((await call(server.app, 'GET', `/api/runs/${run.id}/`, owner)).body.is_finished).toBe(true);
  });
  it('[RUNS-10] bad JSON -> "Wrong JSON format" to the sender only; bad type and fields', async () => {
    const run = await makeRun(server.app, owner);
    const a = await sock(`/ws/runs/${run.id}/`);
    a.sendRaw('{not:valid json}');
    expect(await a.next(byType('error'))).toEqual({ type: 'error', error: 'Wrong JSON format' });
    a.send({ type: 'bogus' });
    expect(await a.next()).toEqual({ type: 'error', error: 'Invalid message type' });
    a.send({ type: 'wipe_update', segment_id: 1, count: -1 });
    expect(await a.next()).toEqual({
      type: 'error',
      error: { count: ['Ensure this value is greater than or equal to 0.'] },
    });
    a.send({ type: 'new_segment', segment_name: '  ' });
    expect(await a.next()).toEqual({
      type: 'error',
      error: { segment_name: ['Segment name cannot be empty.'] },
    });
  });
});

describe('timer socket (seed test_timer_consumer)', () => {
  async function setup() {
    const run = await makeRun(server.app, owner, 'SPEEDRUN');
    const seg = await makeTimer(server.app, owner, run.id as number, 'Split 1', 0);
    const a = await sock(`/ws/runs/${run.id}/timer/`);
    const b = await sock(`/ws/runs/${run.id}/timer/`);
    return { run, seg, a, b };
  }
  it('[RUNS-9] connects with a token', async () => {
    const { a } = await setup();
    expect(a.ws.readyState).toBe(1);
  });
  it('[RUNS-11] start_timer broadcasts segment_id, elapsed_time and the server start instant', async () => {
    const { seg, a, b } = await setup();
    a.send({
      type: 'start_timer',
      segment_id: seg.id,
      started_at: new Date().toISOString(),
      elapsed_time: 0.0,
    });
    const frame = await b.next<Json>(byType('start_timer'));
    expect(frame).toMatchObject({
      type: 'start_timer',
      segment_id: seg.id,
      elapsed_time: 0,
      user: owner.username,
      is_finished: false,
    });
    expect(Number.isNaN(Date.parse(frame.started_at as string))).toBe(false);
  });
  it('[RUNS-11] pause_timer of a stopped timer takes the elapsed_time sent', async () => {
    const { seg, a, b } = await setup();
    a.send({ type: 'pause_timer', segment_id: seg.id, elapsed_time: 12.0 });
    expect(await b.next(byType('pause_timer'))).toEqual({
      type: 'pause_timer',
      segment_id: seg.id,
      elapsed_time: 12,
      user: owner.username,
      is_finished: false,
    });
  });
  it('[RUNS-11] finish_timer broadcasts and stores elapsed_time and is_finished', async () => {
    const { run, seg, a, b } = await setup();
    a.send({ type: 'finish_timer', segment_id: seg.id, elapsed_time: 12.0 });
    expect(await b.next(byType('finish_timer'))).toMatchObject({
      segment_id: seg.id,
      elapsed_time: 12,
      is_finished: true,
    });
    const stored = await call(server.app, 'GET', `/api/runs/${run.id}/timers/${seg.id}/`, owner);
    expect(stored.body).toMatchObject({ elapsed_time: 12, is_finished: true });
  });
  it('[RUNS-9] run_finished is broadcast', async () => {
    const { a, b } = await setup();
    a.send({ type: 'run_finished' });
    expect(await b.next(byType('run_finished'))).toMatchObject({ type: 'run_finished' });
  });
  it('[RUNS-9] new_segment echoes name, elapsed_time and is_finished false', async () => {
    const { a, b } = await setup();
    a.send({ type: 'new_segment', segment_name: 'New Segment', elapsed_time: 0.0, is_finished: false });
    const frame = await b.next<Json>(byType('new_segment'));
    expect(frame).toMatchObject({
      segment_name: 'New Segment',
      elapsed_time: 0,
      is_finished: false,
      segment_id: expect.any(Number),
    });
  });
  it('[RUNS-10] bad JSON -> "Invalid JSON format" on the timer socket', async () => {
    const { a } = await setup();
    a.sendRaw('{not:valid json}');
    expect(await a.next(byType('error'))).toEqual({ type: 'error', error: 'Invalid JSON format' });
  });
});

for (const kind of ['wipe', 'timer'] as const) {
  const suffix = kind === 'wipe' ? '' : 'timer/';
  describe(`${kind} overlay (seed test_${kind === 'wipe' ? 'wipecounter' : 'timer'}_overlay_consumer)`, () => {
    async function setup() {
      const run = await makeRun(server.app, owner, kind === 'wipe' ? 'WIPECOUNTER' : 'SPEEDRUN');
      const seg =
        kind === 'wipe'
          ? await makeWipe(server.app, owner, run.id as number)
          : await makeTimer(server.app, owner, run.id as number);
      const dash = await sock(`/ws/runs/${run.id}/${suffix}`);
      const overlay = await sock(`/ws/overlay/runs/${run.id}/${suffix}`, null);
      return { run, seg, dash, overlay };
    }
    it('[RUNS-12] overlay connects without a token', async () => {
      const { overlay } = await setup();
      expect(overlay.ws.readyState).toBe(1);
    });
    const cases: [string, (id: number) => Json][] =
      kind === 'wipe'
        ? [
            ['wipe_update', (id) => ({ type: 'wipe_update', segment_id: id, count: 5 })],
            [
              'new_segment',
              () => ({ type: 'new_segment', segment_name: 'Extra', count: 0, is_finished: false }),
            ],
            ['segment_finished', (id) => ({ type: 'segment_finished', segment_id: id })],
            ['run_finished', () => ({ type: 'run_finished' })],
          ]
        : [
            [
              'start_timer',
              (id) => ({
                type: 'start_timer',
                segment_id: id,
                elapsed_time: 0,
                started_at: new Date().toISOString(),
              }),
            ],
            ['pause_timer', (id) => ({ type: 'pause_timer', segment_id: id, elapsed_time: 3 })],
            ['finish_timer', (id) => ({ type: 'finish_timer', segment_id: id, elapsed_time: 4 })],
            ['run_finished', () => ({ type: 'run_finished' })],
            [
              'new_segment',
              () => ({ type: 'new_segment', segment_name: 'Extra', elapsed_time: 0, is_finished: false }),
            ],
          ];
    for (const [type, frame] of cases) {
      it(`[RUNS-12] overlay receives ${type}`, async () => {
        const { seg, dash, overlay } = await setup();
        dash.send(frame(seg.id as number));
        expect(await overlay.next(byType(type))).toMatchObject({ type, user: owner.username });
      });
    }
    it('[RUNS-12] bad JSON from the dashboard: the overlay receives nothing; overlays ignore input', async () => {
      const { dash, overlay } = await setup();
      dash.sendRaw('{not:valid json}');
      overlay.sendRaw('{not json');
      overlay.send({ type: kind === 'wipe' ? 'wipe_update' : 'start_timer', segment_id: 1, count: 1 });
      await dash.next(byType('error'));
      await silence(500);
      expect(live(overlay)).toEqual([]);
    });
  });
}

describe('ownership and snapshots', () => {
  it('[RUNS-13] a stranger or anonymous socket may watch but not send: error to it, nothing changes', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number, 'B', 1);
    const watcher = await sock(`/ws/runs/${run.id}/`);
    for (const who of [stranger, null]) {
      const s = await sock(`/ws/runs/${run.id}/`, who);
      s.send({ type: 'wipe_update', segment_id: seg.id, count: 99 });
      const err = await s.next<Json>(byType('error'));
      expect(err.error).toMatch(/owner/);
    }
    await silence(200);
    expect(live(watcher)).toEqual([]);
    expect(
      (await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner)).body.count,
    ).toBe(1);
  });
  it('[RUNS-14] ?snapshot=1 and {type:"sync"} give the state; plain connections get no extra frame', async () => {
    const run = await makeRun(server.app, owner, 'SPEEDRUN');
    await makeTimer(server.app, owner, run.id as number, 'S1', 2.5);
    const withSnap = await sock(`/ws/overlay/runs/${run.id}/timer/`, null, 'snapshot=1', false);
    const snap = await withSnap.next<Json>(byType('snapshot'));
    expect(snap.run).toMatchObject({ id: run.id, mode: 'SPEEDRUN' });
    expect(snap.segments[0]).toMatchObject({ segment_name: 'S1', elapsed_time: 2.5, started_at: null });
    const plain = await sock(`/ws/runs/${run.id}/timer/`, owner, '', false);
    plain.send({ type: 'sync' });
    expect((await plain.next<Json>(byType('snapshot'))).segments).toHaveLength(1);
    expect(plain.frames).toHaveLength(1);
  });
  it('[RUNS-14] unknown run: the socket opens; sends get "Run not found"', async () => {
    const s = await sock('/ws/runs/987654/', owner, '', false);
    s.send({ type: 'run_finished' });
    expect(await s.next()).toEqual({ type: 'error', error: 'Run not found' });
  });
});
