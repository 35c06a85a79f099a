/**
 * [RUNS-6] [RUNS-10] Fuzzed input on the runs module: random JSON bodies on every REST route answer
 * JSON below 500; random frames on both dashboard sockets never crash or close the socket, every
 * frame that is not a valid action gets an error frame, and a stranger's frames change nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import {
  call,
  makeRun,
  makeTimer,
  makeUser,
  makeWipe,
  type Json,
  type TestUser,
} from '../integration/runs-helpers.js';

let server: TestServer;
let owner: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  owner = await makeUser(server.app, 'fuzzowner');
  stranger = await makeUser(server.app, 'fuzzstranger');
});
afterAll(async () => {
  await server?.close();
});

const fieldNames = [
  'name',
  'game',
  'mode',
  'segment_name',
  'count',
  'elapsed_time',
  'is_finished',
  'youtube_link',
  'segment_id',
  'by',
  'op',
  'progress',
  'note',
  'type',
  'started_at',
];
const value = fc.oneof(
  fc.jsonValue(),
  fc.string({ maxLength: 80 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    -1,
    0,
    1,
    '5',
    ' ',
    'x'.repeat(60),
    null,
    true,
    'WIPECOUNTER',
    'SPEEDRUN',
    'inc',
    1e308,
    -0,
  ),
);
const body = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 6 }));

describe('REST fuzz', () => {
  it('[RUNS-6] random bodies on every route: JSON answers below 500', async () => {
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number);
    const timer = await makeTimer(server.app, owner, run.id as number);
    const routes: [string, string][] = [
      ['POST', '/api/games/'],
      ['POST', '/api/runs/'],
      ['PATCH', `/api/runs/${run.id}/`],
      ['PUT', `/api/runs/${run.id}/`],
      ['POST', `/api/runs/${run.id}/wipecounters/`],
      ['PATCH', `/api/runs/${run.id}/wipecounters/${seg.id}/`],
      ['POST', `/api/runs/${run.id}/timers/`],
      ['PUT', `/api/runs/${run.id}/timers/${timer.id}/`],
      ['PATCH', `/api/runs/${run.id}/timers/${timer.id}/`],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, url], payload) => {
        const r = await server.app.inject({
          method: method as 'POST',
          url,
          headers: { ...owner.auth, 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        expect(r.statusCode).toBeLessThan(500);
        expect(() => r.json()).not.toThrow();
      }),
      { numRuns: 250 },
    );
  });
});

describe('socket fuzz', () => {
  for (const kind of ['wipe', 'timer'] as const) {
    it(`[RUNS-10] random frames on the ${kind} socket: an answer each, socket open, a stranger changes nothing`, async () => {
      const run = await makeRun(server.app, owner, kind === 'wipe' ? 'WIPECOUNTER' : 'SPEEDRUN');
      const seg =
        kind === 'wipe'
          ? await makeWipe(server.app, owner, run.id as number, 'S', 3)
          : await makeTimer(server.app, owner, run.id as number, 'S', 3);
      const path = `/ws/runs/${run.id}/${kind === 'timer' ? 'timer/' : ''}`;
      const mine = await connect(`${server.wsUrl}${path}?token=${owner.token}`);
      const theirs = await connect(`${server.wsUrl}${path}?token=${stranger.token}`);
      const types =
        kind === 'wipe'
          ? ['wipe_update', 'new_segment', 'segment_finished', 'bogus']
          : ['start_timer', 'pause_timer', 'finish_timer', 'new_segment', 'split', 'bogus'];
      const frame = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc
          .record({
            type: fc.constantFrom(...types),
            segment_id: fc.oneof(fc.constant(seg.id as number), value),
            rest: fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 4 }),
          })
          .map(({ type, segment_id, rest }) => JSON.stringify({ ...rest, type, segment_id })),
      );
      const sent = fc.sample(frame, { numRuns: 150, seed: 42 });
      for (const text of sent) theirs.sendRaw(text);
      theirs.send({ type: 'sync' });
      await theirs.next((f: Json) => f.type === 'snapshot', 20_000);
      // Every frame from the stranger got an error or was a harmless time_sync/sync.
      expect(theirs.ws.readyState).toBe(1);
      const changed = theirs.frames.filter(
        (f) =>
          typeof f === 'object' &&
          f !== null &&
          !['error', 'snapshot', 'time_sync'].includes((f as Json).type as string),
      );
      expect(changed).toEqual([]);
      const after = await call(
        server.app,
        'GET',
        `/api/runs/${run.id}/${kind === 'wipe' ? 'wipecounters' : 'timers'}/`,
        owner,
      );
      expect(after.body).toHaveLength(1);
      for (const text of sent) mine.sendRaw(text);
      mine.send({ type: 'sync' });
      await mine.next((f: Json) => f.type === 'snapshot', 20_000);
      expect(mine.ws.readyState).toBe(1);
      const run2 = await call(server.app, 'GET', `/api/runs/${run.id}/`, owner);
      expect(run2.status).toBe(200);
      mine.close();
      theirs.close();
    });
  }
});
