/**
 * Runs REST API: Wiperino's own REST tests ported to drive the API (run, wipe counter, timer and game
 * CRUD, ownership 404s, 401s, export), plus Roomful's fixes (validation, 409 on deleting a used game,
 * export layout read back with exceljs, empty timers exported as 0). Rule ids: docs/spec/runs.md.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { games, runs } from '../../src/storage/schema/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  call,
  makeGame,
  makeRun,
  makeTimer,
  makeUser,
  makeWipe,
  type Json,
  type TestUser,
} from './runs-helpers.js';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startTestServer({ listen: false });
  alice = await makeUser(server.app, 'alice');
  bob = await makeUser(server.app, 'bob');
});
afterAll(async () => {
  await server?.close();
});

const app = () => server.app;

async function readSheet(raw: Buffer): Promise<{ title: string; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  for (let i = 1; i <= sheet.rowCount; i += 1) {
    const values = sheet.getRow(i).values as unknown[];
    rows.push(Array.isArray(values) ? values.slice(1) : []);
  }
  return { title: sheet.name, rows };
}

describe('runs (seed test_run_crud)', () => {
  it('[RUNS-2] add a run -> 201 with the seed fields', async () => {
    const game = await makeGame(app(), alice);
    const r = await call(app(), 'POST', '/api/runs/', alice, {
      name: 'Run A',
      game: game.id,
      mode: 'WIPECOUNTER',
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      id: expect.any(Number),
      name: 'Run A',
      game: game.id,
      game_name: game.name,
      mode: 'WIPECOUNTER',
      user: alice.username,
      is_finished: false,
      youtube_link: null,
    });
  });
  it('[RUNS-1] not logged in: add run -> 401', async () => {
    const r = await call(app(), 'POST', '/api/runs/', null, { name: 'x', game: 1, mode: 'SPEEDRUN' });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ detail: 'Authentication credentials were not provided.' });
  });
  it('[RUNS-2] list shows only own runs, ordered by id, user = username', async () => {
    const carol = await makeUser(app(), 'carol');
    const dave = await makeUser(app(), 'dave');
    for (let i = 0; i < 5; i += 1) await makeRun(app(), carol, 'WIPECOUNTER', `c${i}`);
    for (let i = 0; i < 4; i += 1) await makeRun(app(), dave, 'SPEEDRUN', `d${i}`);
    const r = await call(app(), 'GET', '/api/runs/', carol);
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(5);
    const list = r.body as unknown as Json[];
    expect(list.every((run) => run.user === carol.username)).toBe(true);
    expect(list.map((run) => run.id)).toEqual([...list.map((run) => run.id)].sort((a, b) => a - b));
  });
  it('[RUNS-1] not logged in: list runs -> 401', async () => {
    expect((await call(app(), 'GET', '/api/runs/')).status).toBe(401);
  });
  it('[RUNS-2] change a run (PATCH name) -> 200', async () => {
    const run = await makeRun(app(), alice);
    const r = await call(app(), 'PATCH', `/api/runs/${run.id}/`, alice, { name: 'Renamed' });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('Renamed');
  });
  it('[RUNS-3] change a foreign run -> 404', async () => {
    const run = await makeRun(app(), alice);
    expect((await call(app(), 'PATCH', `/api/runs/${run.id}/`, bob, { name: 'x' })).status).toBe(404);
    expect((await call(app(), 'GET', `/api/runs/${run.id}/`, bob)).status).toBe(404);
  });
  it('[RUNS-1] not logged in: change run -> 401', async () => {
    const run = await makeRun(app(), alice);
    expect((await call(app(), 'PATCH', `/api/runs/${run.id}/`, null, { name: 'x' })).status).toBe(401);
  });
  it('[RUNS-2] delete a run -> 204', async () => {
    const run = await makeRun(app(), alice);
    expect((await call(app(), 'DELETE', `/api/runs/${run.id}/`, alice)).status).toBe(204);
    expect((await call(app(), 'GET', `/api/runs/${run.id}/`, alice)).status).toBe(404);
  });
  it('[RUNS-1] not logged in: delete run -> 401', async () => {
    const run = await makeRun(app(), alice);
    expect((await call(app(), 'DELETE', `/api/runs/${run.id}/`)).status).toBe(401);
  });
  it('[RUNS-3] delete a foreign run -> 404', async () => {
    const run = await makeRun(app(), alice);
    expect((await call(app(), 'DELETE', `/api/runs/${run.id}/`, bob)).status).toBe(404);
    expect((await call(app(), 'GET', `/api/runs/${run.id}/`, alice)).status).toBe(200);
  });
  it('[RUNS-8] export a wipe counter run: xlsx with wipes_run_<id>.xlsx', async () => {
    const run = await makeRun(app(), alice, 'WIPECOUNTER');
    const r = await call(app(), 'GET', `/api/runs/${run.id}/export/`, alice);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(r.headers['content-disposition']).toBe(`attachment; filename=wipes_run_${run.id}.xlsx`);
  });
  it('[RUNS-8] export a speedrun: speedrun_run_<id>.xlsx', async () => {
    const run = await makeRun(app(), alice, 'SPEEDRUN');
    const r = await call(app(), 'GET', `/api/runs/${run.id}/export/`, alice);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-disposition'])).toContain(`speedrun_run_${run.id}.xlsx`);
  });
  it('[RUNS-8] export a foreign run -> 403', async () => {
    const run = await makeRun(app(), alice);
    const r = await call(app(), 'GET', `/api/runs/${run.id}/export/`, bob);
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ detail: 'You do not have permission to access this run' });
    expect((await call(app(), 'GET', '/api/runs/999999/export/', bob)).body).toEqual({
      detail: 'Run not found',
    });
  });
  it('[RUNS-8] export a run with an invalid mode -> 400 "Invalid run mode"', async () => {
    const run = await makeRun(app(), alice);
    const { eq } = await import('drizzle-orm');
    await server.ctx.database.db.update(runs).set({ mode: 'INVALID' }).where(eq(runs.id, run.id));
    const r = await call(app(), 'GET', `/api/runs/${run.id}/export/`, alice);
    expect(r.status).toBe(400);
    expect(r.body.detail).toBe('Invalid run mode');
  });
});

/** The shared CRUD tests of wipe counters and timers (seed test_wipecounter_crud / test_timer_crud). */
for (const kind of ['wipecounters', 'timers'] as const) {
  const mode = kind === 'wipecounters' ? 'WIPECOUNTER' : 'SPEEDRUN';
  const add = (user: TestUser, runId: number, name = 'Seg') =>
    kind === 'wipecounters' ? makeWipe(app(), user, runId, name) : makeTimer(app(), user, runId, name);
  describe(`${kind} (seed test_${kind === 'wipecounters' ? 'wipecounter' : 'timer'}_crud)`, () => {
    it('[RUNS-4] add -> 201 with run = the run name', async () => {
      const run = await makeRun(app(), alice, mode, 'Named run');
      const body =
        kind === 'wipecounters'
          ? { segment_name: 'Boss', count: 3 }
          : { segment_name: 'Boss', elapsed_time: 12.5 };
      const r = await call(app(), 'POST', `/api/runs/${run.id}/${kind}/`, alice, body);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        id: expect.any(Number),
        run: 'Named run',
        segment_name: 'Boss',
        is_finished: false,
      });
      expect(kind === 'wipecounters' ? r.body.count : r.body.elapsed_time).toBe(
        kind === 'wipecounters' ? 3 : 12.5,
      );
    });
    it('[RUNS-1] not logged in: add -> 401', async () => {
      const run = await makeRun(app(), alice, mode);
      expect(
        (await call(app(), 'POST', `/api/runs/${run.id}/${kind}/`, null, { segment_name: 'x' })).status,
      ).toBe(401);
    });
    it('[RUNS-3] add to a foreign run -> 404', async () => {
      const run = await makeRun(app(), alice, mode);
      expect(
        (await call(app(), 'POST', `/api/runs/${run.id}/${kind}/`, bob, { segment_name: 'x' })).status,
      ).toBe(404);
      expect((await call(app(), 'GET', `/api/runs/${run.id}/${kind}/`, alice)).body).toHaveLength(0);
    });
    it("[RUNS-4] list shows the run's own segments only (5), ordered by id", async () => {
      const run = await makeRun(app(), alice, mode, 'Listed');
      const other = await makeRun(app(), alice, mode, 'Other');
      for (let i = 0; i < 5; i += 1) await add(alice, run.id as number, `s${i}`);
      await add(alice, other.id as number);
      const r = await call(app(), 'GET', `/api/runs/${run.id}/${kind}/`, alice);
      const list = r.body as unknown as Json[];
      expect(list).toHaveLength(5);
      expect(list.every((s) => s.run === 'Listed')).toBe(true);
      expect(list.map((s) => s.segment_name)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    });
    it('[RUNS-1] not logged in: list -> 401', async () => {
      const run = await makeRun(app(), alice, mode);
      expect((await call(app(), 'GET', `/api/runs/${run.id}/${kind}/`)).status).toBe(401);
    });
    it('[RUNS-4] change segment_name -> 200', async () => {
      const run = await makeRun(app(), alice, mode);
      const seg = await add(alice, run.id as number);
      const r = await call(app(), 'PATCH', `/api/runs/${run.id}/${kind}/${seg.id}/`, alice, {
        segment_name: 'New name',
      });
      expect(r.status).toBe(200);
      expect(r.body.segment_name).toBe('New name');
    });
    it('[RUNS-1] not logged in: change -> 401', async () => {
      const run = await makeRun(app(), alice, mode);
      const seg = await add(alice, run.id as number);
      expect(
        (await call(app(), 'PATCH', `/api/runs/${run.id}/${kind}/${seg.id}/`, null, { segment_name: 'x' }))
          .status,
      ).toBe(401);
    });
    it('[RUNS-3] change in a foreign run -> 404', async () => {
      const run = await makeRun(app(), alice, mode);
      const seg = await add(alice, run.id as number);
      expect(
        (await call(app(), 'PATCH', `/api/runs/${run.id}/${kind}/${seg.id}/`, bob, { segment_name: 'x' }))
          .status,
      ).toBe(404);
    });
    it('[RUNS-4] delete -> 204', async () => {
      const run = await makeRun(app(), alice, mode);
      const seg = await add(alice, run.id as number);
      expect((await call(app(), 'DELETE', `/api/runs/${run.id}/${kind}/${seg.id}/`, alice)).status).toBe(204);
      expect((await call(app(), 'GET', `/api/runs/${run.id}/${kind}/${seg.id}/`, alice)).status).toBe(404);
    });
    it('[RUNS-1] not logged in: delete -> 401', async () => {
      const run = await makeRun(app(), alice, mode);
      const seg = await add(alice, run.id as number);
      expect((await call(app(), 'DELETE', `/api/runs/${run.id}/${kind}/${seg.id}/`)).status).toBe(401);
    });
    it('[RUNS-3] delete in a foreign run -> 404', async () => {
      const run = await makeRun(app(), alice, mode);
      const seg = await add(alice, run.id as number);
      expect((await call(app(), 'DELETE', `/api/runs/${run.id}/${kind}/${seg.id}/`, bob)).status).toBe(404);
    });
  });
}

describe('public api (seed test_public_get_timers)', () => {
  it('[RUNS-7] public timers: 5 items with segment_name, elapsed_time, is_finished, no token', async () => {
    const run = await makeRun(app(), alice, 'SPEEDRUN');
    for (let i = 0; i < 5; i += 1) await makeTimer(app(), alice, run.id as number, `t${i}`, i);
    const r = await call(app(), 'GET', `/public-api/runs/${run.id}/timers/`);
    expect(r.status).toBe(200);
    const list = r.body as unknown as Json[];
    expect(list).toHaveLength(5);
    for (const t of list)
      expect(Object.keys(t)).toEqual(expect.arrayContaining(['segment_name', 'elapsed_time', 'is_finished']));
  });
  it('[RUNS-7] public run and wipe counters without a token; no-cache; unknown run 404', async () => {
    const run = await makeRun(app(), alice);
    await makeWipe(app(), alice, run.id as number, 'A', 2);
    const r = await call(app(), 'GET', `/public-api/runs/${run.id}/`);
    expect(r.body).toMatchObject({
      id: run.id,
      name: run.name,
      game_name: run.game_name,
      user: alice.username,
    });
    expect(r.headers['cache-control']).toBe('no-cache');
    const w = await call(app(), 'GET', `/public-api/runs/${run.id}/wipecounters/`);
    expect((w.body as unknown as Json[])[0]).toMatchObject({ segment_name: 'A', count: 2 });
    expect((await call(app(), 'GET', '/public-api/runs/999999/')).status).toBe(404);
  });
});

describe('games (seed test_games_crud)', () => {
  it('[RUNS-5] add a game -> 201', async () => {
    const r = await call(app(), 'POST', '/api/games/', alice, { name: 'Elden Ring' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(Number), name: 'Elden Ring' });
  });
  it('[RUNS-1] not logged in: add game -> 401', async () => {
    expect((await call(app(), 'POST', '/api/games/', null, { name: 'x' })).status).toBe(401);
  });
  it('[RUNS-5] list games', async () => {
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push(await makeGame(app(), alice));
    const r = await call(app(), 'GET', '/api/games/', bob);
    expect(r.status).toBe(200);
    const ids = (r.body as unknown as Json[]).map((g) => g.id);
    for (const g of made) expect(ids).toContain(g.id);
  });
  it('[RUNS-1] not logged in: list games -> 401', async () => {
    expect((await call(app(), 'GET', '/api/games/')).status).toBe(401);
  });
  it('[RUNS-5] get a game by id', async () => {
    const game = await makeGame(app(), alice);
    expect((await call(app(), 'GET', `/api/games/${game.id}/`, bob)).body).toEqual(game);
  });
  it('[RUNS-1] not logged in: get game -> 401', async () => {
    const game = await makeGame(app(), alice);
    expect((await call(app(), 'GET', `/api/games/${game.id}/`)).status).toBe(401);
  });
  it('[RUNS-5] change a game -> 200', async () => {
    const game = await makeGame(app(), alice);
    const r = await call(app(), 'PUT', `/api/games/${game.id}/`, alice, {
      name: `${game.name as string} II`,
    });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe(`${game.name as string} II`);
  });
  it('[RUNS-1] not logged in: change game -> 401', async () => {
    const game = await makeGame(app(), alice);
    expect((await call(app(), 'PUT', `/api/games/${game.id}/`, null, { name: 'x' })).status).toBe(401);
  });
  it('[RUNS-5] delete a game -> 204', async () => {
    const game = await makeGame(app(), alice);
    expect((await call(app(), 'DELETE', `/api/games/${game.id}/`, alice)).status).toBe(204);
  });
  it('[RUNS-1] not logged in: delete game -> 401', async () => {
    const game = await makeGame(app(), alice);
    expect((await call(app(), 'DELETE', `/api/games/${game.id}/`)).status).toBe(401);
  });
});

describe('Roomful fixes', () => {
  it('[RUNS-5] duplicate game names 400; deleting a game with runs 409 and nothing changes', async () => {
    const game = await makeGame(app(), alice, 'Unique Game');
    const dup = await call(app(), 'POST', '/api/games/', bob, { name: 'Unique Game' });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({ name: ['game with this name already exists.'] });
    await call(app(), 'POST', '/api/runs/', alice, { name: 'r', game: game.id, mode: 'SPEEDRUN' });
    const del = await call(app(), 'DELETE', `/api/games/${game.id}/`, alice);
    expect(del.status).toBe(409);
    expect(del.body.detail).toMatch(/has runs/);
    const { eq } = await import('drizzle-orm');
    expect(
      await server.ctx.database.db
        .select()
        .from(games)
        .where(eq(games.id, game.id as number)),
    ).toHaveLength(1);
  });
  it('[RUNS-6] blank and too-long names, negative counts and times, bad modes and games are 400 field errors', async () => {
    const game = await makeGame(app(), alice);
    const bad = async (url: string, payload: unknown) => {
      const r = await call(app(), 'POST', url, alice, payload);
      expect(r.status).toBe(400);
      return r.body;
    };
    expect(await bad('/api/runs/', { name: '   ', game: game.id, mode: 'SPEEDRUN' })).toEqual({
      name: ['Name cannot be empty.'],
    });
    expect(
      (await bad('/api/runs/', { name: 'x'.repeat(51), game: game.id, mode: 'SPEEDRUN' })).name,
    ).toBeDefined();
    expect((await bad('/api/runs/', { name: 'ok', game: game.id, mode: 'BOGUS' })).mode).toBeDefined();
    expect((await bad('/api/runs/', { name: 'ok', game: 999999, mode: 'SPEEDRUN' })).game).toBeDefined();
    expect(
      (await bad('/api/runs/', { name: 'ok', game: game.id, mode: 'SPEEDRUN', youtube_link: 'not a url' }))
        .youtube_link,
    ).toBeDefined();
    expect((await bad('/api/games/', { name: ' ' })).name).toBeDefined();
    const run = await makeRun(app(), alice);
    expect(await bad(`/api/runs/${run.id}/wipecounters/`, { segment_name: '  ' })).toEqual({
      segment_name: ['Segment name cannot be empty.'],
    });
    expect(
      (await bad(`/api/runs/${run.id}/wipecounters/`, { segment_name: 'a', count: -1 })).count,
    ).toBeDefined();
    expect((await bad(`/api/runs/${run.id}/timers/`, { segment_name: '   ' })).segment_name).toBeDefined();
    expect(
      (await bad(`/api/runs/${run.id}/timers/`, { segment_name: 'a', elapsed_time: -0.5 })).elapsed_time,
    ).toBeDefined();
    expect((await bad('/api/runs/', [1, 2])).non_field_errors).toBeDefined();
    expect((await call(app(), 'GET', `/api/runs/${run.id}/wipecounters/`, alice)).body).toHaveLength(0);
  });
  it('[RUNS-2] youtube link is stored and cleared; is_finished can be set (continue / see results)', async () => {
    const run = await makeRun(app(), alice);
    const r = await call(app(), 'PATCH', `/api/runs/${run.id}/`, alice, {
      youtube_link: 'https://youtu.be/abc',
      is_finished: true,
    });
    expect(r.body).toMatchObject({ youtube_link: 'https://youtu.be/abc', is_finished: true });
    const cleared = await call(app(), 'PATCH', `/api/runs/${run.id}/`, alice, {
      youtube_link: null,
      is_finished: false,
    });
    expect(cleared.body).toMatchObject({ youtube_link: null, is_finished: false });
  });
  it('[RUNS-8] wipe export layout: title, game, run, header, a row per segment in id order, empty row, total', async () => {
    const run = await makeRun(app(), alice, 'WIPECOUNTER', 'Prog night');
    await makeWipe(app(), alice, run.id as number, 'P1', 4);
    await makeWipe(app(), alice, run.id as number, 'P2', 9);
    const r = await call(app(), 'GET', `/api/runs/${run.id}/export/`, alice);
    const { title, rows } = await readSheet(r.raw);
    expect(title).toBe('Wipe Counter');
    expect(rows[0]).toEqual([run.game_name]);
    expect(rows[1]).toEqual(['Prog night']);
    expect(rows[2]).toEqual(['Segment', 'Wipes']);
    expect(rows[3]).toEqual(['P1', 4]);
    expect(rows[4]).toEqual(['P2', 9]);
    expect(rows[5]).toEqual([]);
    expect(rows[6]).toEqual(['Total', 13]);
  });
  it('[RUNS-8] speedrun export: numbers rounded to 2 places, an empty timer counts as 0 (no 500)', async () => {
    const run = await makeRun(app(), alice, 'SPEEDRUN', 'Any%');
    await makeTimer(app(), alice, run.id as number, 'A', 12.345);
    await call(app(), 'POST', `/api/runs/${run.id}/timers/`, alice, {
      segment_name: 'B',
      elapsed_time: null,
    });
    await makeTimer(app(), alice, run.id as number, 'C', 1.5);
    const r = await call(app(), 'GET', `/api/runs/${run.id}/export/`, alice);
    expect(r.status).toBe(200);
    const { title, rows } = await readSheet(r.raw);
    expect(title).toBe('Speedrun');
    expect(rows.slice(2)).toEqual([
      ['Segment', 'Time (s)'],
      ['A', 12.35],
      ['B', 0],
      ['C', 1.5],
      [],
      ['Total', 13.85],
    ]);
  });
});

describe('demo data', () => {
  it('[RUNS-22] seed-demo gives testuser a game and two runs, idempotently', async () => {
    const { ensureDemoUser } = await import('../../src/features/accounts/service.js');
    const { seedRunsDemo } = await import('../../src/features/runs/demo.js');
    await ensureDemoUser(server.ctx.database.db);
    expect(await seedRunsDemo(server.ctx.database, false)).toMatch(/two runs/);
    expect(await seedRunsDemo(server.ctx.database, false)).toMatch(/exists/);
    expect(await seedRunsDemo(server.ctx.database, true)).toMatch(/two runs/);
    const login = await call(app(), 'POST', '/api/login/', null, {
      username: 'testuser',
      password: 'testuser',
    });
    const runsList = await call(app(), 'GET', '/api/runs/', {
      username: 'testuser',
      token: '',
      auth: { authorization: `Bearer ${login.body.access as string}` },
    });
    expect((runsList.body as unknown as Json[]).map((r) => r.mode).sort()).toEqual([
      'SPEEDRUN',
      'WIPECOUNTER',
    ]);
  });
});
