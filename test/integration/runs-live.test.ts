/**
 * Roomful's additions to the run sockets: increments from concurrent controllers lose nothing, the
 * server-owned timer (fake clock) reads the same on every socket, undo/redo through the event log,
 * pulls with progress, and the control-token routes. Rule ids: docs/spec/runs.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/realtime/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';
import { call, makeRun, makeTimer, makeUser, makeWipe, type Json, type TestUser } from './runs-helpers.js';

let server: TestServer;
let owner: TestUser;
const clock = new FakeClock(Date.parse('2025-06-01T12:00:00Z'));
const open: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ clock });
  owner = await makeUser(server.app, 'live');
});
afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
});

async function dash(path: string, extra = ''): Promise<TestSocket> {
  const s = await connect(`${server.wsUrl}${path}?token=${owner.token}${extra}`);
  open.push(s);
  s.send({ type: 'sync' });
  await s.next((f: Json) => f.type === 'snapshot');
  return s;
}
const byType = (type: string) => (f: Json) => f.type === type;

describe('increments and concurrency', () => {
  it('[RUNS-15] 2 sockets x 25 concurrent +1 give exactly 50; broadcasts carry absolute counts', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number);
    const a = await dash(`/ws/runs/${run.id}/`);
    const b = await dash(`/ws/runs/${run.id}/`);
    for (let i = 0; i < 25; i += 1) {
      a.send({ type: 'wipe_update', segment_id: seg.id, op: 'inc', by: 1 });
      b.send({ type: 'wipe_update', segment_id: seg.id, op: 'inc' });
    }
    await a.next((f: Json) => f.type === 'wipe_update' && f.count === 50, 15_000);
    const counts = a.frames
      .filter((f) => (f as Json).type === 'wipe_update')
      .map((f) => (f as Json).count as number);
    expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(
      (await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner)).body.count,
    ).toBe(50);
  });
  it('[RUNS-15] decrements clamp at 0', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number, 'x', 1);
    const a = await dash(`/ws/runs/${run.id}/`);
    a.send({ type: 'wipe_update', segment_id: seg.id, op: 'inc', by: -5 });
    expect(await a.next(byType('wipe_update'))).toMatchObject({ count: 0 });
  });
  it('[RUNS-18] a +1 with progress and note records a pull; snapshot and stats show pulls and best progress', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number);
    const a = await dash(`/ws/runs/${run.id}/`);
    a.send({ type: 'wipe_update', segment_id: seg.id, op: 'inc', progress: 42.5, note: 'died to enrage' });
    expect(await a.next(byType('wipe_update'))).toMatchObject({
      count: 1,
      progress: 42.5,
      note: 'died to enrage',
    });
    a.send({ type: 'wipe_update', segment_id: seg.id, op: 'inc', progress: 12 });
    await a.next((f: Json) => f.type === 'wipe_update' && f.count === 2);
    a.send({ type: 'sync' });
    const snap = await a.next<Json>(byType('snapshot'));
    expect(snap.segments[0]).toMatchObject({ count: 2, pulls: 2, best_progress: 42.5 });
    const stats = await call(server.app, 'GET', `/api/runs/${run.id}/stats/`, owner);
    expect(stats.body.wipes[0]).toMatchObject({ pulls: 2, best_progress: 42.5, count: 2 });
    expect(stats.body.total_wipes).toBe(2);
  });
});

describe('server-owned timers', () => {
  it('[RUNS-16] start/pause on the server clock: both sockets get the same start instant; pause stores the server time', async () => {
    const run = await makeRun(server.app, owner, 'SPEEDRUN');
    const seg = await makeTimer(server.app, owner, run.id as number, 'S', 10);
    const a = await dash(`/ws/runs/${run.id}/timer/`);
    const b = await dash(`/ws/runs/${run.id}/timer/`);
    a.send({ type: 'start_timer', segment_id: seg.id, elapsed_time: 10, started_at: '1999-01-01T00:00:00Z' });
    const fa = await a.next<Json>(byType('start_timer'));
    const fb = await b.next<Json>(byType('start_timer'));
    expect(fa).toEqual(fb);
    expect(fa.started_at).toBe(new Date(clock.now()).toISOString());
    clock.advance(5_250);
    const rest = await call(server.app, 'GET', `/api/runs/${run.id}/timers/${seg.id}/`, owner);
    expect(rest.body.elapsed_time).toBe(15.25);
    b.send({ type: 'sync' });
    const snap = await b.next<Json>(byType('snapshot'));
    expect(snap.segments[0]).toMatchObject({ elapsed_time: 10, started_at_ms: clock.now() - 5_250 });
    expect(snap.server_time).toBe(clock.now());
    a.send({ type: 'pause_timer', segment_id: seg.id, elapsed_time: 999 });
    expect(await b.next(byType('pause_timer'))).toMatchObject({ elapsed_time: 15.25 });
  });
  it('[RUNS-16] starting one timer pauses the other; split finishes the current and starts the next', async () => {
    const run = await makeRun(server.app, owner, 'SPEEDRUN');
    const s1 = await makeTimer(server.app, owner, run.id as number, 'S1');
    const s2 = await makeTimer(server.app, owner, run.id as number, 'S2');
    const a = await dash(`/ws/runs/${run.id}/timer/`);
    a.send({ type: 'start_timer', segment_id: s1.id });
    await a.next(byType('start_timer'));
    clock.advance(2_000);
    a.send({ type: 'split' });
    expect(await a.next(byType('finish_timer'))).toMatchObject({
      segment_id: s1.id,
      elapsed_time: 2,
      is_finished: true,
    });
    expect(await a.next(byType('start_timer'))).toMatchObject({ segment_id: s2.id, elapsed_time: 0 });
  });
});

describe('undo and redo', () => {
  it('[RUNS-17] every action is undoable and redoable; a new action clears redo', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number);
    const a = await dash(`/ws/runs/${run.id}/`);
    const timerSide = await dash(`/ws/runs/${run.id}/timer/`);
    for (let i = 0; i < 3; i += 1) a.send({ type: 'wipe_update', segment_id: seg.id, op: 'inc' });
    await a.next((f: Json) => f.type === 'wipe_update' && f.count === 3);
    a.send({ type: 'undo' });
    expect(await a.next(byType('wipe_update'))).toMatchObject({ count: 2 });
    expect(await a.next(byType('undo'))).toMatchObject({ action: 'wipe_inc', user: owner.username });
    expect((await a.next<Json>(byType('snapshot'))).segments[0]).toMatchObject({ count: 2, pulls: 2 });
    await timerSide.next(byType('snapshot'));
    a.send({ type: 'undo' });
    await a.next((f: Json) => f.type === 'wipe_update' && f.count === 1);
    a.send({ type: 'redo' });
    await a.next((f: Json) => f.type === 'wipe_update' && f.count === 2);
    a.send({ type: 'wipe_update', segment_id: seg.id, count: 7 });
    await a.next((f: Json) => f.type === 'wipe_update' && f.count === 7);
    a.send({ type: 'redo' });
    expect(await a.next(byType('error'))).toEqual({ type: 'error', error: 'Nothing to redo' });
    expect(
      (await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner)).body.count,
    ).toBe(7);
  });
  it('[RUNS-17] undo brings back a deleted segment (with its pulls) and un-finishes a run', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number, 'Gone', 4);
    const a = await dash(`/ws/runs/${run.id}/`);
    a.send({ type: 'wipe_update', segment_id: seg.id, op: 'inc', progress: 80 });
    await a.next(byType('wipe_update'));
    await call(server.app, 'DELETE', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner);
    a.send({ type: 'undo' });
    const snap = await a.next<Json>(byType('snapshot'));
    expect(snap.segments).toEqual([
      expect.objectContaining({ id: seg.id, segment_name: 'Gone', count: 5, pulls: 1, best_progress: 80 }),
    ]);
    a.send({ type: 'run_finished' });
    await a.next(byType('run_finished'));
    a.send({ type: 'undo' });
    await a.next(
      (f: Json) => f.type === 'snapshot' && f.reason === 'undo' && (f.run as Json).is_finished === false,
    );
    expect(
      (await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner)).body.is_finished,
    ).toBe(false);
  });
});

describe('control tokens', () => {
  it('[RUNS-19] +1, undo, timer start/pause/split without a login; revocation; foreign owners cannot issue', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number);
    const stranger = await makeUser(server.app, 'nope');
    expect((await call(server.app, 'POST', `/api/runs/${run.id}/control-token/`, stranger)).status).toBe(404);
    const issued = await call(server.app, 'POST', `/api/runs/${run.id}/control-token/`, owner);
    expect(issued.status).toBe(201);
    const token = issued.body.token as string;
    expect(token.length).toBeGreaterThanOrEqual(43);
    const a = await dash(`/ws/overlay/runs/${run.id}/`.replace('/ws/overlay', '/ws'));
    const plus = await call(server.app, 'POST', `/api/control/${token}/wipe/`);
    expect(plus.body).toMatchObject({ segment_id: seg.id, count: 1 });
    expect(await a.next(byType('wipe_update'))).toMatchObject({
      segment_id: seg.id,
      count: 1,
      user: owner.username,
    });
    expect((await call(server.app, 'POST', `/api/control/${token}/undo/`)).status).toBe(200);
    expect(
      (await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner)).body.count,
    ).toBe(0);
    expect((await call(server.app, 'POST', `/api/control/${token}/timer/start/`)).status).toBe(409);
    expect((await call(server.app, 'GET', `/api/runs/${run.id}/control-token/`, owner)).body).toEqual({
      active: true,
    });
    expect((await call(server.app, 'DELETE', `/api/runs/${run.id}/control-token/`, owner)).status).toBe(204);
    expect((await call(server.app, 'POST', `/api/control/${token}/wipe/`)).status).toBe(404);
    expect(
      (await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner)).body.count,
    ).toBe(0);
  });
  it('[RUNS-19] timer routes and a ?control= socket', async () => {
    const run = await makeRun(server.app, owner, 'SPEEDRUN');
    const s1 = await makeTimer(server.app, owner, run.id as number, 'A');
    await makeTimer(server.app, owner, run.id as number, 'B');
    const token = (await call(server.app, 'POST', `/api/runs/${run.id}/control-token/`, owner)).body
      .token as string;
    expect((await call(server.app, 'POST', `/api/control/${token}/timer/start/`)).status).toBe(200);
    clock.advance(1_000);
    expect((await call(server.app, 'POST', `/api/control/${token}/timer/pause/`)).status).toBe(200);
    expect((await call(server.app, 'GET', `/api/runs/${run.id}/timers/${s1.id}/`, owner)).body).toMatchObject(
      { elapsed_time: 1, started_at: null },
    );
    expect((await call(server.app, 'POST', `/api/control/${token}/timer/split/`)).status).toBe(200);
    const timers = (await call(server.app, 'GET', `/api/runs/${run.id}/timers/`, owner))
      .body as unknown as Json[];
    expect(timers.map((t) => [t.is_finished, t.started_at !== null])).toEqual([
      [true, false],
      [false, true],
    ]);
    const holder = await connect(`${server.wsUrl}/ws/runs/${run.id}/timer/?control=${token}`);
    open.push(holder);
    holder.send({ type: 'run_finished' });
    expect(await holder.next(byType('run_finished'))).toMatchObject({ user: owner.username });
  });
});
